/**
 * What coding speech costs: eSpeak renders the synthesis bench's sentences, resampled to 24 kHz
 * as `POST /v1/audio/speech` sends them, and each format codes them sentence by sentence as the
 * route's pool tasks do (the stream state carried along). Reported as ms of one thread per second
 * of audio, next to what synthesis itself costs, and bytes per second of audio.
 * `npm run bench -- --scope encoders [--quick]` writes bench/results/encoders.{json,md}.
 */
import { loadavg } from 'node:os';
import { encodeSegment } from '../src/speech/encoding/encode-segment.js';
import { type EncodedFormat, newStreamState } from '../src/speech/encoding/formats.js';
import { createEspeakEngine, espeakEngine } from '../src/speech/espeak-engine.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { percentile, round, table } from './report.js';
import { SENTENCES } from './synthesis.bench.js';

const RATE = 24_000;
const FORMATS: readonly EncodedFormat[] = ['mp3', 'opus', 'flac'];

export interface EncoderFigure {
  format: EncodedFormat | 'synthesis';
  /** Median over passes of (thread time / audio time), ms per second of audio. */
  msPerAudioSecond: number;
  /** The slowest pass, same unit. */
  maxMsPerAudioSecond: number;
  /** Output size per second of audio (0 for synthesis, whose PCM16 at 24 kHz is 48,000). */
  bytesPerAudioSecond: number;
}

export interface EncodersBenchResult {
  sampleRate: number;
  sentences: number;
  audioSeconds: number;
  passes: number;
  /** The machine's 1-minute load average when the run began: other work shares the cores. */
  loadAverage: number;
  figures: EncoderFigure[];
}

export async function runEncodersBench(opts: { quick: boolean }): Promise<EncodersBenchResult> {
  const loadAverage = round(loadavg()[0] ?? 0);
  const d = espeakEngine.description;
  const engine = await createEspeakEngine();
  const options = { voice: d.defaultVoice, rate: d.rate.default, pitch: d.pitch.default };
  const passes = opts.quick ? 3 : 15;
  const synthesisMs: number[] = [];
  let pcms: Int16Array[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    const started = performance.now();
    const rendered = SENTENCES.map((text) => engine.synthesize(text, options).pcm);
    // Pass 0 warms the JIT and is not counted.
    if (pass > 0) synthesisMs.push(performance.now() - started);
    pcms = rendered.map((pcm) => resamplePcm16(pcm, d.sampleRate, RATE));
  }
  const audioSeconds = pcms.reduce((n, p) => n + p.length, 0) / RATE;
  const figures: EncoderFigure[] = [figure('synthesis', synthesisMs, audioSeconds, 0)];
  for (const format of FORMATS) {
    const times: number[] = [];
    let bytes = 0;
    for (let pass = 0; pass <= passes; pass++) {
      let state = newStreamState(1);
      bytes = 0;
      const started = performance.now();
      for (const [i, pcm] of pcms.entries()) {
        const segment = await encodeSegment(format, pcm, RATE, state, i === pcms.length - 1);
        state = segment.state;
        bytes += segment.bytes.length;
      }
      if (pass > 0) times.push(performance.now() - started);
    }
    figures.push(figure(format, times, audioSeconds, bytes));
  }
  return { sampleRate: RATE, sentences: SENTENCES.length, audioSeconds: round(audioSeconds), passes, loadAverage, figures };
}

function figure(format: EncoderFigure['format'], timesMs: number[], audioSeconds: number, bytes: number): EncoderFigure {
  return {
    format,
    msPerAudioSecond: round(percentile(timesMs, 50) / audioSeconds, 3),
    maxMsPerAudioSecond: round(Math.max(...timesMs) / audioSeconds, 3),
    bytesPerAudioSecond: Math.round(bytes / audioSeconds),
  };
}

export function encodersMarkdown(r: EncodersBenchResult): string {
  const rows = r.figures.map((f) => [f.format, f.msPerAudioSecond, f.maxMsPerAudioSecond, f.format === 'synthesis' ? '48000 (PCM16)' : f.bytesPerAudioSecond]);
  return `${r.sentences} sentences, ${r.audioSeconds} s of audio at ${r.sampleRate} Hz, coded one sentence per call as the speech route's pool tasks do; median of ${r.passes} passes on one thread. Load average at the start: ${r.loadAverage} (other work shared the cores; compare rows within this run).\n\n${table(['work', 'ms per s of audio (median)', 'ms per s (slowest pass)', 'bytes per s of audio'], rows)}\n`;
}
