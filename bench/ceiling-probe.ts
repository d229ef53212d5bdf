/**
 * The ws bench's synthesis ceiling, measured: the raw eSpeak engine in a bare worker thread
 * (`raw-synthesis.worker.ts`) speaking the sessions' own sentences (the scripted replies to the
 * bench's inputs, split and normalized as the server does), timed over a window. A thread of its
 * own, as the pool's are: the bench's main thread also drives the generators and scrapes the
 * servers, and an isolate that ever detaches an ArrayBuffer runs eSpeak slower (`shareView` in
 * `src/pool/contract.ts`). This machine's speed drifts within seconds (readings of the same
 * thing on it spread threefold over a run), so the run reads it at the start (to place the
 * levels) and again, with no server running, before every level; the median of all the
 * readings is the ceiling a capacity is measured against.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { scriptedReply } from '../src/agents/scripted-agent.js';
import { espeakEngine } from '../src/speech/espeak-engine.js';
import { normalizeForSpeech } from '../src/speech/normalize.js';
import { createSentenceChunker } from '../src/text/sentence-chunker.js';
import type { RawSynthesisData, RawSynthesisReport } from './raw-synthesis.worker.js';

const ESPEAK = espeakEngine.description;

export class CeilingProbe {
  readonly #worker: Worker;

  private constructor(worker: Worker) {
    this.#worker = worker;
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
    const probe = new CeilingProbe(worker);
    // Past the first passes, which V8 is still optimizing.
    await probe.measure(2_000);
    return probe;
  }

  /** Seconds of audio the thread synthesizes per wall second, over about `ms` (whole sentences). */
  async measure(ms: number): Promise<number> {
    const reply = once(this.#worker, 'message');
    this.#worker.postMessage(ms);
    const report = (await reply)[0] as RawSynthesisReport;
    return report.audioSamples / ESPEAK.sampleRate / (report.wallMs / 1000);
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
