/**
 * The ws bench's synthesis ceiling, measured: one warm eSpeak engine on this thread speaking the
 * sessions' own sentences (the scripted replies to the bench's inputs, split and normalized as
 * the server does), timed over a window. This machine's speed drifts within seconds, so one
 * reading at the start of a run can be far from the machine the levels meet: the run reads it at
 * the start (to place the levels) and again, on the idle machine, before every level, and the
 * median of all the readings is the ceiling a capacity is measured against.
 */
import { scriptedReply } from '../src/agents/scripted-agent.js';
import type { SynthesisOptions } from '../src/speech/engine.js';
import { type EspeakEngine, createEspeakEngine, espeakEngine } from '../src/speech/espeak-engine.js';
import { normalizeForSpeech } from '../src/speech/normalize.js';
import { createSentenceChunker } from '../src/text/sentence-chunker.js';

const ESPEAK = espeakEngine.description;

export class CeilingProbe {
  readonly #engine: EspeakEngine;
  readonly #sentences: string[];
  readonly #options: SynthesisOptions = { voice: ESPEAK.defaultVoice, rate: ESPEAK.rate.default, pitch: ESPEAK.pitch.default };

  private constructor(engine: EspeakEngine, sentences: string[]) {
    this.#engine = engine;
    this.#sentences = sentences;
  }

  /** Loads an engine and warms it on every sentence the sessions will hear (answers to `inputs`). */
  static async create(inputs: readonly string[]): Promise<CeilingProbe> {
    const sentences = inputs.flatMap((input) => {
      const chunker = createSentenceChunker();
      return [...chunker.push(scriptedReply(input)), ...chunker.flush()].map((s) => normalizeForSpeech(s, { language: ESPEAK.defaultVoice }).text);
    });
    const probe = new CeilingProbe(await createEspeakEngine(), sentences);
    probe.measure(2_000);
    return probe;
  }

  /** Seconds of audio this thread synthesizes per wall second, over about `ms` (whole sentences). */
  measure(ms: number): number {
    let samples = 0;
    const started = performance.now();
    for (let i = 0; performance.now() - started < ms; i++) {
      samples += this.#engine.synthesize(this.#sentences[i % this.#sentences.length] as string, this.#options).pcm.length;
    }
    return samples / ESPEAK.sampleRate / ((performance.now() - started) / 1000);
  }
}
