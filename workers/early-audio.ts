/**
 * A sentence's early audio, on the worker: gathers the engine's first blocks as it makes them and,
 * once they reach `EARLY_AUDIO_MS`, posts them on the task's port at the task's rate while the
 * engine goes on with the rest. Resampled, the early part is the settled head of the whole
 * sentence resampled (`readyOutputs`), so the reply's remainder joins it without a seam.
 */
import type { MessagePort } from 'node:worker_threads';
import { EARLY_AUDIO_MS, type EarlySpeech, shareView } from '../src/pool/contract.js';
import { readyOutputs, resamplePcm16Range } from '../src/speech/resample.js';

export class EarlyAudio {
  readonly #port: MessagePort;
  readonly #speechText: string;
  readonly #fromRate: number;
  readonly #toRate: number;
  #blocks: Int16Array[] = [];
  #length = 0;
  #sent = 0;

  constructor(port: MessagePort, speechText: string, fromRate: number, toRate: number) {
    this.#port = port;
    this.#speechText = speechText;
    this.#fromRate = fromRate;
    this.#toRate = toRate;
  }

  /** Output samples posted so far (0 until the early part went; the reply's audio starts there). */
  get sent(): number {
    return this.#sent;
  }

  /** The engine's next block, at its native rate. */
  add(pcm: Int16Array): void {
    // Posted once (never empty: it is at least EARLY_AUDIO_MS): what follows comes with the reply.
    if (this.#sent > 0) return;
    this.#blocks.push(pcm);
    this.#length += pcm.length;
    if (this.#length * 1000 < EARLY_AUDIO_MS * this.#fromRate) return;
    const head = new Int16Array(this.#length);
    let at = 0;
    for (const block of this.#blocks) {
      head.set(block, at);
      at += block.length;
    }
    this.#blocks = [];
    const from = this.#fromRate;
    const to = this.#toRate;
    const out = from === to ? head : resamplePcm16Range(head, 0, from, to, 0, readyOutputs(head.length, from, to));
    this.#sent = out.length;
    const early: EarlySpeech = { speechText: this.#speechText, sampleRate: to, pcm: shareView(out) };
    this.#port.postMessage(early);
  }
}
