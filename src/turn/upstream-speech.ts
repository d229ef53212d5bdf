/**
 * A sentence spoken by an upstream engine (one whose synthesis is network I/O):
 *
 * ```
 *  pool: prepare ──▶ main thread: engine.stream (HTTP body, chunk by chunk) ──▶ pool: resample ──▶ piece buffer ──▶ turn
 *  (normalize,       first chunk is sent on while the upstream still speaks     (only when the     (bounded: a full
 *   word spans)                                                                 session's rate     buffer stops reading
 *                                                                               differs)           the body)
 * ```
 *
 * The request is I/O and stays on the main thread, where the sockets are: a pool thread would sit
 * waiting on the network for the whole sentence, could hand nothing back before its task ended,
 * and would be killed by an abort. Each sentence is pumped into its own bounded buffer as soon as
 * it is asked for, so the sentences a turn has in flight fetch at once while the turn sends them
 * in order. Aborting the turn's signal closes every request at once.
 */
import type { Clock } from '../clock.js';
import { toSaywireError } from '../errors.js';
import type { PrepareReply, SpeakTask } from '../pool/contract.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { SpeechEngine } from '../speech/engine.js';
import { estimateWordTimings } from '../speech/estimated-timings.js';
import { BoundedQueue } from './bounded-queue.js';
import { StreamResampler } from './stream-resampler.js';
import type { SpeechObserver, SpeechPiece, StreamedSpeech } from './turn-workers.js';

/**
 * Pieces of one sentence held while the turn is still sending earlier ones. An upstream's body
 * arrives in chunks of a few KB (a few tens of ms of audio), so this is some seconds of audio;
 * past it the body is no longer read and TCP makes the upstream wait.
 */
export const PIECES_BUFFERED = 64;

export interface UpstreamSpeechInit {
  pool: Pick<WorkerPool, 'prepare' | 'resample'>;
  engine: SpeechEngine;
  /** Language tag for normalization; `null` follows the voice. */
  language: string | null;
  observer: SpeechObserver;
  clock: Clock;
}

type Prepared = Extract<PrepareReply, { ok: true }>;

export class UpstreamSpeech {
  readonly #init: UpstreamSpeechInit;

  constructor(init: UpstreamSpeechInit) {
    this.#init = init;
  }

  /** Prepares the sentence in the pool, then starts its request; the audio follows in `pieces`. */
  async stream(task: SpeakTask, signal: AbortSignal): Promise<StreamedSpeech> {
    const { pool, engine, language } = this.#init;
    const prepared = await pool.prepare({ text: task.text, language: language ?? task.voice, pronunciations: task.pronunciations ?? null }, signal);
    const sampleRate = task.sampleRate ?? engine.description.sampleRate;
    const buffer = new BoundedQueue<SpeechPiece>(PIECES_BUFFERED);
    const outcome: { error?: unknown } = {};
    // A cancelled turn drops what is buffered, and a pump waiting for room gives up.
    const drop = (): void => buffer.clear();
    signal.addEventListener('abort', drop, { once: true });
    void this.#pump(task, prepared, sampleRate, buffer, signal, outcome).finally(() => signal.removeEventListener('abort', drop));
    return { speechText: prepared.speechText, sampleRate, estimated: true, pieces: drain(buffer, outcome) };
  }

  /** Reads the upstream's audio into `buffer` until it ends, fails or the turn stops; never rejects. */
  async #pump(
    task: SpeakTask,
    prepared: Prepared,
    sampleRate: number,
    buffer: BoundedQueue<SpeechPiece>,
    signal: AbortSignal,
    outcome: { error?: unknown },
  ): Promise<void> {
    const { pool, engine, observer, clock } = this.#init;
    const nativeRate = engine.description.sampleRate;
    const resampler = sampleRate === nativeRate ? undefined : new StreamResampler(pool, nativeRate, sampleRate);
    const started = clock.now();
    let heard = false;
    let samples = 0;
    try {
      const options = { voice: task.voice, rate: task.rate, pitch: task.pitch, signal };
      for await (const chunk of engine.stream(prepared.speechText, options)) {
        if (!heard) observer.firstByte(clock.now() - started);
        heard = true;
        observer.bytes(chunk.pcm.byteLength);
        const pcm = resampler === undefined ? chunk.pcm : await resampler.push(chunk.pcm);
        samples += pcm.length;
        if (pcm.length > 0) await buffer.push({ pcm, words: [] });
      }
      const tail = resampler === undefined ? new Int16Array(0) : await resampler.end();
      samples += tail.length;
      // The audio's length is known only now: the words come with the last piece.
      const words = estimateWordTimings(prepared.words, prepared.speechText.length, (samples / sampleRate) * 1000);
      await buffer.push({ pcm: tail, words });
    } catch (err) {
      if (!signal.aborted) {
        const error = toSaywireError(err, 'WORKER_FAILED');
        observer.failed(error.code);
        outcome.error = error;
      }
    } finally {
      buffer.close();
    }
  }
}

/** The buffered pieces in order, then the pump's failure, if it had one. */
async function* drain(buffer: BoundedQueue<SpeechPiece>, outcome: { error?: unknown }): AsyncIterable<SpeechPiece> {
  for (let piece = await buffer.shift(); piece !== undefined; piece = await buffer.shift()) yield piece;
  if (outcome.error !== undefined) throw outcome.error;
}
