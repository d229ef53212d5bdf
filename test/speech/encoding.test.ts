import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSegment } from '../../src/speech/encoding/encode-segment.js';
import { type EncodedFormat, newStreamState } from '../../src/speech/encoding/formats.js';
import { oggCrc } from '../../src/speech/encoding/ogg.js';
import { decodeAudio } from '../support/decode-audio.js';

/** The decoder's float back to PCM16 (it scales by 1/32767). */
const toInt16 = (v: number): number => Math.round(v * 32767);

/** A voiced-like test signal: two tones and a little noise, deterministic. */
function signal(length: number, rate: number, seed = 1): Int16Array {
  const out = new Int16Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1_103_515_245 + 12_345) & 0x7fff_ffff;
    const noise = (s / 0x7fff_ffff - 0.5) * 600;
    out[i] = Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / rate) + 3000 * Math.sin((2 * Math.PI * 1330 * i) / rate) + noise);
  }
  return out;
}

/** Encodes `parts` as consecutive sentences of one stream, as the speech route does. */
async function encodeStream(format: EncodedFormat, parts: Int16Array[], rate: number): Promise<Uint8Array> {
  let state = newStreamState(0x5eed);
  const chunks: Uint8Array[] = [];
  for (const [i, pcm] of parts.entries()) {
    const segment = await encodeSegment(format, pcm, rate, state, i === parts.length - 1);
    chunks.push(segment.bytes);
    state = segment.state;
  }
  return Buffer.concat(chunks);
}

describe('speech encoders, checked by independent decoders', () => {
  it('flac is lossless across sentence segments of any length, at any rate', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(8000, 16_000, 22_050, 24_000, 44_100),
        async (lengths, rate) => {
          const parts = lengths.map((n, i) => signal(n, rate, i + 1));
          const bytes = await encodeStream('flac', parts, rate);
          const decoded = await decodeAudio('flac', bytes);
          // Sentences shorter than FLAC's smallest frame are padded with silence to 16 samples.
          const expected = parts.flatMap((p) => (p.length > 0 && p.length < 16 ? [...p, ...new Array(16 - p.length).fill(0)] : [...p]));
          expect(decoded.errors).toBe(0);
          // The rate STREAMINFO declares (20 bits from byte 18, after "fLaC" and the block header);
          // the decoder reports a rate only from frames, and a stream of empty sentences has none.
          const byte = (i: number): number => bytes[i] ?? 0;
          expect((byte(18) << 12) | (byte(19) << 4) | (byte(20) >> 4)).toBe(rate);
          if (expected.length > 0) expect(decoded.sampleRate).toBe(rate);
          expect(decoded.samples.length).toBe(expected.length);
          for (let i = 0; i < expected.length; i += 97) expect(toInt16(decoded.samples[i] as number)).toBe(expected[i]);
        },
      ),
      // A stream of empty sentences only, which a run once drew: no frames at all.
      { numRuns: 15, examples: [[[0], 8000]] },
    );
  });

  it('flac keeps silence and full-scale extremes exact', async () => {
    const pcm = new Int16Array(5000);
    pcm.fill(-32768, 1000, 1010);
    pcm.fill(32767, 2000, 2003);
    const decoded = await decodeAudio('flac', await encodeStream('flac', [pcm], 24_000));
    expect(Array.from(decoded.samples, toInt16)).toEqual(Array.from(pcm));
  });

  it.each([
    ['mp3', 24_000],
    ['mp3', 16_000],
    ['opus', 24_000],
    ['opus', 16_000],
  ] as const)('%s at %i Hz decodes to the duration and level of the sentences', async (format, rate) => {
    const parts = [signal(rate * 1.2, rate, 1), signal(rate * 0.5, rate, 2), signal(rate * 2, rate, 3)];
    const seconds = parts.reduce((sum, p) => sum + p.length, 0) / rate;
    const decoded = await decodeAudio(format, await encodeStream(format, parts, rate));
    expect(decoded.errors).toBe(0);
    // Opus always decodes at 48 kHz; MP3 at the coded rate.
    expect(decoded.sampleRate).toBe(format === 'opus' ? 48_000 : rate);
    const decodedSeconds = decoded.samples.length / decoded.sampleRate;
    // Each sentence adds its encoder's padding: at most one frame (20 ms Opus, 1152 samples MP3)
    // plus LAME's start-up delay of about 1100 samples.
    const slack = format === 'opus' ? 0.02 * parts.length : (2 * 1152 * parts.length) / rate;
    expect(decodedSeconds).toBeGreaterThanOrEqual(seconds - 0.01);
    expect(decodedSeconds).toBeLessThanOrEqual(seconds + slack);
    // Not silence, not noise: the signal's RMS (about 0.15 of full scale) survives coding.
    let sum = 0;
    for (const v of decoded.samples) sum += v * v;
    const rms = Math.sqrt(sum / decoded.samples.length);
    expect(rms).toBeGreaterThan(0.1);
    expect(rms).toBeLessThan(0.2);
  });

  it('an opus stream whose last sentence is silent still ends with an end-of-stream page', async () => {
    const bytes = await encodeStream('opus', [signal(4800, 24_000), new Int16Array(0)], 24_000);
    const decoded = await decodeAudio('opus', bytes);
    expect(decoded.errors).toBe(0);
    // The last page: "OggS" at its start, end-of-stream flag, and a CRC that checks.
    const last = Buffer.from(bytes).lastIndexOf('OggS');
    const page = bytes.slice(last);
    expect(page[5]! & 0x04).toBe(0x04);
    const crc = new DataView(page.buffer, page.byteOffset).getUint32(22, true);
    page.fill(0, 22, 26);
    expect(oggCrc(page)).toBe(crc);
  });

  it('refuses rates a format cannot code', async () => {
    await expect(encodeSegment('opus', signal(100, 22_050), 22_050, newStreamState(1), true)).rejects.toThrow(RangeError);
    await expect(encodeSegment('mp3', signal(100, 23_000), 23_000, newStreamState(1), true)).rejects.toThrow(RangeError);
  });
});
