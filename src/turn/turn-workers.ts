/**
 * The workers a turn uses, for the configured chunking mode and speech engine: boundary scans in
 * the pool (the default) or inline on the main thread (for comparison); speech in the pool, or,
 * for an upstream engine, text prepared in the pool, audio streamed from the upstream on the main
 * thread and resampled in the pool (`upstream-speech.ts`). A turn sees one interface either way.
 * A pool thread sends a sentence's first audio early, while it synthesizes the rest, so the turn
 * starts sending before the whole sentence is done. With `poolMaxThreads: 0` the pool runs its
 * tasks on the main thread.
 */
import type { Clock } from '../clock.js';
import { toSaywireError } from '../errors.js';
import type { ChunkTask, EarlySpeech, SpeakTask, SpokenWord } from '../pool/contract.js';
import type { SpeechPriority, WorkerPool } from '../pool/worker-pool.js';
import { type SpeechEngine, collectSpeech } from '../speech/engine.js';
import type { FilledChunkerOptions } from '../text/chunker-options.js';
import { type ScanResult, scanSentenceEnds } from '../text/sentence-boundaries.js';
import { SentenceCarry } from '../text/sentence-carry.js';
import { UpstreamSpeech } from './upstream-speech.js';

/** A whole sentence's audio, as the HTTP speech route uses it. */
export interface SpeechAudio {
  pcm: Int16Array;
  sampleRate: number;
  speechText: string;
  words: SpokenWord[];
}

/** A piece of a sentence's audio, in order. */
export interface SpeechPiece {
  /** PCM16 mono at the sentence's `sampleRate`. */
  pcm: Int16Array;
  /** Words whose audio starts in this piece (estimated ones all come with the last piece, once the length is known). */
  words: SpokenWord[];
}

/** One sentence's audio as it arrives, as a turn sends it. */
export interface StreamedSpeech {
  speechText: string;
  /** Hz. */
  sampleRate: number;
  /** True when the word timings are estimated from the text (the engine gave none). */
  estimated: boolean;
  /** The audio in order; rejects with a coded error when the synthesis fails part-way. */
  pieces: AsyncIterable<SpeechPiece>;
}

/** Told how each sentence's synthesis went: the per-engine speech metrics. */
export interface SpeechObserver {
  /** ms from asking for a sentence's audio to its first byte. */
  firstByte(ms: number): void;
  /** Bytes of audio the engine produced (before any resampling). */
  bytes(count: number): void;
  /** A synthesis failed with `code` (a cancelled one does not count). */
  failed(code: string): void;
}

/** The workers, seen from a turn or a route: scanning and speaking (pool or inline). */
export interface TurnWorkers {
  scan(task: ChunkTask): Promise<ScanResult>;
  /** A whole sentence's audio. Once `signal` aborts, work still queued is skipped and the promise rejects. */
  speak(task: SpeakTask, signal?: AbortSignal): Promise<SpeechAudio>;
  /**
   * Starts a sentence's synthesis at once and resolves when its text is prepared, its audio to
   * follow through `pieces`. Once `signal` aborts, queued work is skipped and an upstream request
   * is closed. A turn's `first` sentence is queued in the pool ahead of other turns' later ones.
   */
  stream(task: SpeakTask, signal: AbortSignal, priority?: SpeechPriority): Promise<StreamedSpeech>;
}

/** How a server's turns speak. */
export interface TurnWorkersOptions {
  chunking: 'pool' | 'inline';
  /** An upstream engine (made on the main thread), or none for the pool's own engine. */
  upstream?: {
    engine: SpeechEngine;
    /** Language tag for the text's normalization; `null` follows the voice, as the pool engine does. */
    language: string | null;
  };
  observer?: SpeechObserver;
  clock: Clock;
}

/**
 * Splits a whole text into sentences in one final scan, through the same carry and scanner as a
 * turn (so `POST /v1/chunk` and `POST /v1/audio/speech` split exactly as the socket does).
 */
export async function chunkWholeText(workers: TurnWorkers, text: string, options: FilledChunkerOptions): Promise<string[]> {
  const carry = new SentenceCarry(options);
  carry.append(text);
  return carry.apply(await workers.scan({ text, state: carry.state, options, final: true }), text.length);
}

const NO_OBSERVER: SpeechObserver = { firstByte() {}, bytes() {}, failed() {} };

export function createTurnWorkers(pool: WorkerPool, options: TurnWorkersOptions): TurnWorkers {
  const observer = options.observer ?? NO_OBSERVER;
  const scan: TurnWorkers['scan'] =
    options.chunking === 'pool'
      ? (task) => pool.chunk(task)
      : async (task) => scanSentenceEnds(task.text, task.state, task.options, task.final);
  if (options.upstream !== undefined) {
    const upstream = new UpstreamSpeech({ pool, ...options.upstream, observer, clock: options.clock });
    return {
      scan,
      stream: (task, signal) => upstream.stream(task, signal),
      speak: async (task, signal) => collect(await upstream.stream(task, signal ?? new AbortController().signal)),
    };
  }
  const { clock } = options;
  const speak = async (task: SpeakTask, signal?: AbortSignal): Promise<SpeechAudio> => {
    const started = clock.now();
    try {
      const audio = await pool.speak(task, signal);
      observer.firstByte(clock.now() - started);
      observer.bytes(audio.pcm.byteLength);
      return audio;
    } catch (err) {
      if (signal?.aborted !== true) observer.failed(toSaywireError(err, 'WORKER_FAILED').code);
      throw err;
    }
  };
  /**
   * Resolves with the sentence's first audio: the early part when a thread sends one, or else
   * (a short sentence) the whole of it. The rest, with every word's timing, follows as the last piece.
   */
  const stream: TurnWorkers['stream'] = async (task, signal, priority) => {
    const started = clock.now();
    let onEarly!: (early: EarlySpeech) => void;
    const early = new Promise<EarlySpeech>((resolve) => (onEarly = resolve));
    const whole = pool.speak(task, signal, priority, onEarly);
    // Also what keeps a rejection after the early part, which nobody may read (a cancel), handled.
    whole.then(
      (reply) => observer.bytes((reply.earlySamples + reply.pcm.length) * Int16Array.BYTES_PER_ELEMENT),
      (err: unknown) => {
        if (!signal.aborted) observer.failed(toSaywireError(err, 'WORKER_FAILED').code);
      },
    );
    // The early part is handed over before `whole` resolves, so it wins when both are in.
    const first = await Promise.race([early, whole]);
    observer.firstByte(clock.now() - started);
    const { speechText, sampleRate } = first;
    const pieces = 'ok' in first ? onePiece({ pcm: first.pcm, words: first.words }) : earlyThenRest(first.pcm, whole);
    return { speechText, sampleRate, estimated: false, pieces };
  };
  return { scan, speak, stream };
}

/** A short sentence's audio: the whole of it arrives at once. */
async function* onePiece(piece: SpeechPiece): AsyncIterable<SpeechPiece> {
  yield piece;
}

/** A longer sentence's audio: the early part, then the rest and every word once the reply is in. */
async function* earlyThenRest(early: Int16Array, rest: Promise<{ pcm: Int16Array; words: SpokenWord[] }>): AsyncIterable<SpeechPiece> {
  yield { pcm: early, words: [] };
  const { pcm, words } = await rest;
  yield { pcm, words };
}

/** Reads a streamed sentence into one buffer. */
async function collect(audio: StreamedSpeech): Promise<SpeechAudio> {
  const { pcm, words } = await collectSpeech(audio.pieces, audio.sampleRate);
  return { pcm, sampleRate: audio.sampleRate, speechText: audio.speechText, words };
}
