/**
 * The ws bench's synthesis ceiling, measured: the raw eSpeak engine in a bare worker thread
 * (`raw-synthesis.worker.ts`) speaking the sessions' own sentences (the scripted replies to the
 * bench's inputs, split and normalized as the server does), timed over a window. A thread of its
 * own, as the pool's are: the bench's main thread also drives the generators and scrapes the
 * servers, and an isolate that ever detaches an ArrayBuffer runs eSpeak slower (`shareView` in
 * `src/pool/contract.ts`). This machine's speed drifts within seconds (readings of the same
 * thing on it spread threefold over a run), so the run reads it at the start (to place the
 * levels) and again, with no server running, before every level; the median of all the
 * readings is the ceiling a capacity is measured against. The same readings time every sentence,
 * which shows how far this machine's slow moments stretch a single synthesis ({@link SynthesisTail}).
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { scriptedReply } from '../src/agents/scripted-agent.js';
import { espeakEngine } from '../src/speech/espeak-engine.js';
import { normalizeForSpeech } from '../src/speech/normalize.js';
import { createSentenceChunker } from '../src/text/sentence-chunker.js';
import type { RawSynthesisData, RawSynthesisReport } from './raw-synthesis.worker.js';
import { percentile, round } from './report.js';

const ESPEAK = espeakEngine.description;

/**
 * How long single syntheses took across the probe's readings, the engine alone on the idle
 * machine: what no scheduling in the server can take below.
 */
export interface SynthesisTail {
  /** Timed syntheses (after the warm-up window). */
  samples: number;
  /** p90 and p99 of each synthesis's time ÷ the median time of its own sentence. */
  p90OverMedian: number;
  p99OverMedian: number;
  /** The sessions' longest sentence (a turn's echo of the question): its length and times, ms. */
  longest: { chars: number; samples: number; p50Ms: number; p90Ms: number; p99Ms: number };
}

export class CeilingProbe {
  readonly #worker: Worker;
  readonly #sentences: readonly string[];
  /** Per sentence (by index), the ms of each timed synthesis of it. */
  readonly #times: number[][];

  private constructor(worker: Worker, sentences: readonly string[]) {
    this.#worker = worker;
    this.#sentences = sentences;
    this.#times = sentences.map(() => []);
  }

  /** Starts the thread and warms its engine on every sentence the sessions will hear (answers to `inputs`). */
  static async create(inputs: readonly string[]): Promise<CeilingProbe> {
    const sentences = inputs.flatMap((input) => {
      const chunker = createSentenceChunker();
      return [...chunker.push(scriptedReply(input)), ...chunker.flush()].map((s) => normalizeForSpeech(s, { language: ESPEAK.defaultVoice }).text);
    });
    const data: RawSynthesisData = { sentences, options: { voice: ESPEAK.defaultVoice, rate: ESPEAK.rate.default, pitch: ESPEAK.pitch.default } };
    const worker = new Worker(new URL('./raw-synthesis.worker.js', import.meta.url), { workerData: data });
    await once(worker, 'message');
    const probe = new CeilingProbe(worker, sentences);
    // Past the first passes, which V8 is still optimizing.
    await probe.measure(2_000);
    for (const times of probe.#times) times.length = 0;
    return probe;
  }

  /** Seconds of audio the thread synthesizes per wall second, over about `ms` (whole sentences). */
  async measure(ms: number): Promise<number> {
    const reply = once(this.#worker, 'message');
    this.#worker.postMessage(ms);
    const report = (await reply)[0] as RawSynthesisReport;
    for (const [i, ms] of report.sentenceMs.entries()) this.#times[i % this.#times.length]?.push(ms);
    return report.audioSamples / ESPEAK.sampleRate / (report.wallMs / 1000);
  }

  /** Single syntheses' times over every reading so far. */
  tail(): SynthesisTail {
    const ratios = this.#times.flatMap((times) => {
      const median = percentile(times, 50);
      return times.map((ms) => ms / median);
    });
    let longest = 0;
    for (const [i, text] of this.#sentences.entries()) if (text.length > (this.#sentences[longest] as string).length) longest = i;
    const times = this.#times[longest] as number[];
    return {
      samples: ratios.length,
      p90OverMedian: round(percentile(ratios, 90), 1),
      p99OverMedian: round(percentile(ratios, 99), 1),
      longest: {
        chars: (this.#sentences[longest] as string).length,
        samples: times.length,
        p50Ms: round(percentile(times, 50), 1),
        p90Ms: round(percentile(times, 90), 1),
        p99Ms: round(percentile(times, 99), 1),
      },
    };
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
