/**
 * The thread boundary: what the main thread sends to a worker and what comes back. Errors lose
 * their class when they cross threads, so expected failures come back as `{ ok: false, code }`
 * values; anything a worker throws is a bug and becomes `WORKER_FAILED` on the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { FilledChunkerOptions } from '../text/chunker-options.js';
import type { VoiceInfo } from '../speech/engine.js';
import type { Pronunciation, PronunciationSet } from '../speech/pronunciations.js';
import type { EncodedFormat, StreamState } from '../speech/encoding/formats.js';
import type { SpeechWord } from '../speech/estimated-timings.js';
import type { ScanResult, ScanState } from '../text/sentence-boundaries.js';

/** The named handlers the pipeline worker exports. */
export type TaskName = 'warm' | 'chunk' | 'speak' | 'encode' | 'prepare' | 'resample';

/**
 * One worker thread's memory as the thread itself sees it. Node 20 cannot read another
 * isolate's heap, so each worker attaches this to a reply now and then (see
 * {@link WorkerReport}); the main thread keeps the latest per thread for `/metrics`.
 */
export interface WorkerMemory {
  threadId: number;
  /** The thread's V8 heap: bytes in use, bytes reserved. */
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Bytes outside the V8 heap held by the thread's objects (ArrayBuffers included). */
  externalBytes: number;
  /** The speech engine's own heap (eSpeak's Emscripten memory), bytes; 0 for an engine without one. */
  engineHeapBytes: number;
}

/**
 * Code one sentence's audio as the next segment of an encoded stream (`POST /v1/audio/speech`).
 * A stream's tasks run one after another, each with the state the previous one returned.
 */
export interface EncodeTask {
  format: EncodedFormat;
  /** PCM16 mono at `sampleRate`; moved to the worker unless it is already shared. */
  pcm: Int16Array;
  sampleRate: number;
  state: StreamState;
  /** The stream's last segment. */
  final: boolean;
}

/** The segment's bytes in shared memory, and the stream's state after it. */
export type EncodeReply = { ok: true; bytes: Uint8Array; state: StreamState } & WorkerReport;

/** A successful reply may carry its thread's memory, at most about once a second per thread. */
export interface WorkerReport {
  memory?: WorkerMemory;
}

/** What every pipeline worker thread is started with (Piscina's `workerData`). */
export interface PipelineWorkerData {
  /** The registry name of the speech engine the thread loads. */
  engine: string;
  /** The server's pronunciations (`pronunciationsFile`), compiled once per thread. */
  pronunciations: readonly Pronunciation[];
  /** Sentences the thread speaks (normalized and synthesized) before it says it is warm (`poolWarmUpSyntheses`). */
  warmUpSyntheses: number;
  /**
   * `scan`: the pool's scan thread, which only finds sentence ends and loads no engine (see
   * `WorkerPool`); `pipeline` (the default): every task.
   */
  group?: ThreadGroup;
}

/** A pool's two kinds of thread, as its metrics label them: `pipeline` threads speak, the `scan` thread finds sentence ends. */
export type ThreadGroup = 'pipeline' | 'scan';

/** An expected failure, reported as a value. */
export interface TaskFailure {
  ok: false;
  /** `CANCELLED`: the task's caller gave up before it started; the work was skipped. */
  code: 'INVALID_EVENT' | 'WORKER_FAILED' | 'CANCELLED';
  message: string;
}

/** Find the settled sentence ends in a window of a turn's carry buffer. */
export interface ChunkTask {
  text: string;
  state: ScanState;
  options: FilledChunkerOptions;
  /** The stream has ended: everything left is settled. */
  final: boolean;
}

/**
 * Offsets into the task's `text`, not copied strings: the main thread already holds the text.
 * The scan is total, so there is no failure reply.
 */
export type ChunkReply = { ok: true } & ScanResult & WorkerReport;

/** What `warm` reports: the worker is loaded, its engine warm. */
export interface WarmReply extends WorkerReport {
  ok: true;
  threadId: number;
  voices: VoiceInfo[];
  /** The engine's native sample rate, Hz. */
  sampleRate: number;
  /** Sentences the thread synthesized to warm up before its first task (0 for an engine that synthesizes elsewhere). */
  warmedWith: number;
}

/** Prepare one sentence for speech and synthesize it. */
export interface SpeakTask {
  /** The sentence as written. */
  text: string;
  voice: string;
  /** Words per minute. */
  rate: number;
  /** 0–100. */
  pitch: number;
  /** Output rate in Hz, or `null` for the engine's native rate. */
  sampleRate: number | null;
  /**
   * The session's pronunciations, applied before the server's: at most 100 short entries, compiled
   * once per thread by `id` (an id always names the same entries).
   */
  pronunciations?: PronunciationSet | null;
  /**
   * A one-element cell shared with the main thread, set to 1 when the caller gives up (a
   * cancelled turn, a gone HTTP client). A task that starts after that skips its work, so a
   * cancelled turn's queued sentences cost the pool nothing. Set by the pool, not by callers.
   */
  cancelled?: Int32Array;
  /**
   * Where the sentence's first audio goes early: once the engine has made {@link EARLY_AUDIO_MS}
   * of it, an {@link EarlySpeech} is posted here while the rest is still being synthesized, and
   * the reply then carries only what follows. Moved with the task; set by the pool, not by callers.
   */
  early?: MessagePort;
}

/**
 * Audio that goes early, ms: a sentence's first audio leaves the pool once the engine has made
 * this much, instead of after the whole sentence (eSpeak makes a long sentence's audio in tens
 * of ms, a short stretch of it in a fraction of one). It is several times what the rest of a
 * sentence takes to synthesize, so the rest arrives while the early part plays.
 */
export const EARLY_AUDIO_MS = 250;

/** A sentence's first audio, posted on {@link SpeakTask.early} before the reply. */
export interface EarlySpeech {
  /** The text the engine reads (as in the reply). */
  speechText: string;
  /** Hz: the task's rate. */
  sampleRate: number;
  /** The first samples, in shared memory: the reply's `pcm` continues right after them. */
  pcm: Int16Array;
}

/** A word of the sentence with its place in the audio; offsets point into the original sentence. */
export interface SpokenWord {
  start: number;
  end: number;
  startMs: number;
  endMs: number;
}

/**
 * PCM16 in shared memory (see {@link shareView}), plus the text the engine read and every word's
 * timing. `earlySamples` were posted early (see {@link SpeakTask.early}); `pcm` is the rest.
 */
export type SpeakReply =
  | ({ ok: true; pcm: Int16Array; earlySamples: number; sampleRate: number; speechText: string; words: SpokenWord[] } & WorkerReport)
  | TaskFailure;

/**
 * Prepare one sentence for an engine that synthesizes outside the pool (an upstream): the same
 * normalization `speak` applies, and where the spoken words are, for timings estimated later.
 */
export interface PrepareTask {
  /** The sentence as written. */
  text: string;
  /** Language tag whose normalization rules apply. */
  language: string;
  /** As in {@link SpeakTask}: the session's pronunciations, applied before the server's. */
  pronunciations?: PronunciationSet | null;
  /** As in {@link SpeakTask}: set by the pool when the caller gives up. */
  cancelled?: Int32Array;
}

export type PrepareReply = ({ ok: true; speechText: string; words: SpeechWord[] } & WorkerReport) | TaskFailure;

/**
 * Resample one block of a PCM16 stream (see `resamplePcm16Range`): `pcm` is moved to the worker,
 * the output comes back in shared memory.
 */
export interface ResampleTask {
  /**
   * The stream's input kept from earlier blocks (what the new samples' first outputs depend on),
   * from the stream's sample `inputStart`; its own buffer, moved.
   */
  context: Int16Array;
  /** The new samples, right after `context`; its own buffer, moved. */
  pcm: Int16Array;
  inputStart: number;
  fromRate: number;
  toRate: number;
  /** The output samples wanted: `first` to `first + count` of the resampled stream. */
  first: number;
  count: number;
}

/** The resampled block in shared memory. */
export type ResampleReply = { ok: true; pcm: Int16Array } & WorkerReport;

/**
 * A copy of `view` in fresh shared memory, for a worker's reply: posting it shares the memory
 * with the main thread (no copy there) and leaves nothing detached in the worker. A pool thread
 * must never detach (transfer away) an ArrayBuffer: the first detach in a V8 isolate switches off
 * the "no buffer was ever detached" assumption its optimized code relies on, and every typed
 * array access from then on pays a check. eSpeak's engine is compiled to JavaScript and is mostly
 * typed array accesses: after one transferred reply (or one 8-byte transfer at start-up) a
 * thread synthesized clearly fewer sentences per second than a bare thread that never transferred
 * (the synthesis bench's pool against raw engine). The copy is one `memcpy` of a sentence's audio
 * on the worker, a thousandth of synthesizing it.
 */
export function shareView<T extends Int16Array | Uint8Array>(view: T): T {
  const shared = new SharedArrayBuffer(view.byteLength);
  const copy = (view instanceof Int16Array ? new Int16Array(shared) : new Uint8Array(shared)) as T;
  copy.set(view);
  return copy;
}

/**
 * The buffers of `views` a task can move to a worker: shared memory is shared, never moved (and a
 * transfer list that names it is refused).
 */
export function movableBuffers(...views: ArrayBufferView[]): ArrayBuffer[] {
  return views.map((v) => v.buffer).filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
}
