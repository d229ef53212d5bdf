/**
 * The pipeline worker: a pure leaf. The speech engine named in `workerData` is loaded (and
 * warmed) and the regexes compiled once at module scope, so every thread is warm before its
 * first task; each handler is a function of its task and leaves nothing running when it
 * returns. Piscina calls the named exports (`run(task, { name })`). Expected failures come back
 * as values; a throw is a bug.
 */
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import {
  type ChunkReply,
  type ChunkTask,
  type EncodeReply,
  type EncodeTask,
  type Moved,
  type PipelineWorkerData,
  type PrepareReply,
  type PrepareTask,
  type ResampleReply,
  type ResampleTask,
  type SpeakReply,
  type SpeakTask,
  type SpokenWord,
  type WarmReply,
  type WorkerMemory,
  moveReply,
} from '../src/pool/contract.js';
import { type SpeechEngine, collectSpeech } from '../src/speech/engine.js';
import { findEngine } from '../src/speech/engines.js';
import { type SpeechWord, speechWordSpans } from '../src/speech/estimated-timings.js';
import { normalizeForSpeech, toSourceRange } from '../src/speech/normalize.js';
import { LexiconCache, PronunciationLexicon, type PronunciationSet } from '../src/speech/pronunciations.js';
import { resamplePcm16, resamplePcm16Range } from '../src/speech/resample.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';

const workerData = Piscina.workerData as PipelineWorkerData | undefined;
// An unknown name throws here, so the thread fails to start and says which engines there are.
const kind = findEngine(workerData?.engine);
// An upstream engine synthesizes on the main thread: its threads prepare and resample only.
const engine: SpeechEngine | undefined = kind.placement === 'pool' ? await kind.load() : undefined;
const voiceIds = new Set(engine?.voices().map((v) => v.id));
/** The server's pronunciations, after a session's own. */
const serverLexicon = new PronunciationLexicon(workerData?.pronunciations ?? []);
/** Sessions' pronunciations, compiled once per thread; a few hundred lexicons of 100 short entries at most. */
const sessionLexicons = new LexiconCache(256);

/** How often a thread reports its memory, ms: fresh enough for a scrape, and a clock read per task otherwise. */
const MEMORY_REPORT_MS = 1000;
let nextMemoryReport = 0;

/** This thread's memory, when a report is due (the caller attaches it to its reply). */
function dueMemoryReport(): WorkerMemory | undefined {
  const now = performance.now();
  if (now < nextMemoryReport) return undefined;
  nextMemoryReport = now + MEMORY_REPORT_MS;
  // Per isolate, unlike process.memoryUsage(), whose RSS is the whole process's.
  const heap = getHeapStatistics();
  return {
    threadId,
    heapUsedBytes: heap.used_heap_size,
    heapTotalBytes: heap.total_heap_size,
    externalBytes: heap.external_memory,
    engineHeapBytes: engine?.heapBytes ?? 0,
  };
}

/** Answers once the module, and with it the warm engine, is loaded. */
export function warm(): WarmReply {
  nextMemoryReport = 0;
  return { ok: true, threadId, voices: engine?.voices() ?? [], sampleRate: kind.description.sampleRate, memory: dueMemoryReport() };
}

/** Scans a window of a turn's carry buffer for settled sentence ends. */
export function chunk(task: ChunkTask): ChunkReply {
  return { ok: true, ...scanSentenceEnds(task.text, task.state, task.options, task.final), memory: dueMemoryReport() };
}

/**
 * Normalizes a sentence for speech, synthesizes it, and moves the PCM back without a copy. The
 * voice's language picks the normalization rules ("de" reads numbers in German). A sentence with
 * nothing to say once normalized (emoji or markup only) comes back with no audio and no words.
 */
export async function speak(task: SpeakTask): Promise<SpeakReply | Moved<SpeakReply>> {
  if (isCancelled(task.cancelled)) return CANCELLED;
  // The pool of an upstream engine is never asked to speak: a caller that does has a bug.
  if (engine === undefined) throw new Error(`The ${kind.description.name} engine does not synthesize in the pool.`);
  if (!voiceIds.has(task.voice)) {
    return { ok: false, code: 'INVALID_EVENT', message: `Unknown voice "${task.voice}".` };
  }
  const prepared = normalizeForSpeech(task.text, { language: task.voice, lexicons: lexiconsOf(task.pronunciations) });
  const options = { voice: task.voice, rate: task.rate, pitch: task.pitch };
  const synthesized = await collectSpeech(engine.stream(prepared.text, options), engine.description.sampleRate);
  const outRate = task.sampleRate ?? synthesized.sampleRate;
  const pcm = outRate === synthesized.sampleRate ? synthesized.pcm : resamplePcm16(synthesized.pcm, synthesized.sampleRate, outRate);
  const words: SpokenWord[] = synthesized.words.map((w) => {
    const source = toSourceRange(prepared.map, w.start, w.end);
    return { start: source.start, end: source.end, startMs: w.startMs, endMs: w.endMs };
  });
  const reply: SpeakReply = { ok: true, pcm, sampleRate: outRate, speechText: prepared.text, words, memory: dueMemoryReport() };
  return moveReply(reply, [pcm.buffer]);
}

/**
 * The encoders, loaded on a thread's first encode task: they are only for `POST
 * /v1/audio/speech` in a compressed format, and LAME and libopus cost every thread memory and
 * start-up time that a server speaking only PCM over the socket would pay for nothing.
 */
let encoders: Promise<typeof import('../src/speech/encoding/encode-segment.js')> | undefined;

/**
 * Codes one sentence's PCM as the next segment of an mp3, opus or flac stream and moves the bytes
 * back. The format and rate were validated on the main thread, so a throw here is a bug.
 */
export async function encode(task: EncodeTask): Promise<Moved<EncodeReply>> {
  encoders ??= import('../src/speech/encoding/encode-segment.js');
  const { encodeSegment } = await encoders;
  const segment = await encodeSegment(task.format, task.pcm, task.sampleRate, task.state, task.final);
  const reply: EncodeReply = { ok: true, bytes: segment.bytes, state: segment.state, memory: dueMemoryReport() };
  return moveReply(reply, [segment.bytes.buffer]);
}

/** The session's pronunciations (compiled once per thread), then the server's. */
function lexiconsOf(session: PronunciationSet | null | undefined): PronunciationLexicon[] {
  return session == null ? [serverLexicon] : [sessionLexicons.get(session), serverLexicon];
}

const CANCELLED = { ok: false, code: 'CANCELLED', message: 'The caller gave up before the task started.' } as const;

function isCancelled(cell: Int32Array | undefined): boolean {
  return cell !== undefined && Atomics.load(cell, 0) !== 0;
}

/**
 * Prepares a sentence for an engine that synthesizes elsewhere: normalized as `speak` does it,
 * with each spoken word's place in the speech text and in the sentence as written.
 */
export function prepare(task: PrepareTask): PrepareReply {
  if (isCancelled(task.cancelled)) return CANCELLED;
  const prepared = normalizeForSpeech(task.text, { language: task.language, lexicons: lexiconsOf(task.pronunciations) });
  const words: SpeechWord[] = speechWordSpans(prepared.text).map((w) => ({ ...toSourceRange(prepared.map, w.speechStart, w.speechEnd), ...w }));
  return { ok: true, speechText: prepared.text, words, memory: dueMemoryReport() };
}

/** Resamples one block of a stream; the input arrived by transfer, the output leaves by transfer. */
export function resample(task: ResampleTask): Moved<ResampleReply> {
  const input = new Int16Array(task.context.length + task.pcm.length);
  input.set(task.context);
  input.set(task.pcm, task.context.length);
  const pcm = resamplePcm16Range(input, task.inputStart, task.fromRate, task.toRate, task.first, task.count);
  return moveReply<ResampleReply>({ ok: true, pcm, memory: dueMemoryReport() }, [pcm.buffer]);
}
