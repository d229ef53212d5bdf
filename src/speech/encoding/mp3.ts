/**
 * `mp3` speech: MPEG-1/2 Layer III by LAME (wasm-media-encoders' WebAssembly build). Each sentence
 * is a run of whole MP3 frames from an encoder configured afresh, so sentences coded in
 * different pool threads simply follow one another (MP3 has no stream header). The price is
 * LAME's start-up delay and end padding per sentence: a few tens of ms of silence at a sentence
 * break, where speech pauses anyway.
 */
import { type WasmMediaEncoder, createMp3Encoder } from 'wasm-media-encoders';
import { FORMAT_RATES, type StreamState } from './formats.js';

/** Constant bit rate, kbit/s: clear speech at 24 kHz mono, OpenAI's size class. */
const BITRATE = 64;

type Mp3Rate = 8000 | 11_025 | 12_000 | 16_000 | 22_050 | 24_000 | 32_000 | 44_100 | 48_000;

/** One encoder per thread, made on the thread's first mp3 request (compiling LAME takes a while). */
let encoder: Promise<WasmMediaEncoder<'audio/mpeg'>> | undefined;

/**
 * Codes one sentence's PCM16 at `sampleRate` as MP3 frames.
 * @throws RangeError when `sampleRate` is not an MPEG audio rate.
 */
export async function encodeMp3(pcm: Int16Array, sampleRate: number, state: StreamState): Promise<{ bytes: Uint8Array; state: StreamState }> {
  if (!(FORMAT_RATES.mp3 as readonly number[]).includes(sampleRate)) throw new RangeError(`MP3 cannot code ${sampleRate} Hz.`);
  const next = { ...state, begun: true, samples: state.samples + pcm.length };
  if (pcm.length === 0) return { bytes: new Uint8Array(0), state: next };
  encoder ??= createMp3Encoder();
  const lame = await encoder;
  lame.configure({ channels: 1, sampleRate, bitrate: BITRATE, outputSampleRate: sampleRate as Mp3Rate });
  const samples = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) samples[i] = (pcm[i] as number) / 32768;
  // Both calls return views into LAME's memory, overwritten by the next call: copy each out.
  const body = lame.encode([samples]).slice();
  const tail = lame.finalize();
  const bytes = new Uint8Array(body.length + tail.length);
  bytes.set(body, 0);
  bytes.set(tail, body.length);
  return { bytes, state: next };
}
