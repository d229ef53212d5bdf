/**
 * The pipeline's task handlers, built once around a loaded speech engine: a pure leaf. The
 * worker thread (`pipeline.worker.ts`) exports them for Piscina; the main-thread-only runner
 * (`poolMaxThreads: 0`, for comparison) calls the very same functions in-process, so the two
 * runners differ only in where the work runs. Replies carry fresh buffers, which the worker
 * entry hands back in shared memory. Expected failures come back as values; a throw is a bug.
 */
import { getHeapStatistics } from 'node:v8';
import { type MessagePort, threadId } from 'node:worker_threads';
import type {
  ChunkReply,
  ChunkTask,
  EncodeReply,
  EncodeTask,
  PipelineWorkerData,
  PrepareReply,
  PrepareTask,
  ResampleReply,
  ResampleTask,
  SpeakReply,
  SpeakTask,
  SpokenWord,
  TaskFailure,
  WarmReply,
  WorkerMemory,
} from '../src/pool/contract.js';
import { type SpeechEngine, collectSpeech } from '../src/speech/engine.js';
import { findEngine } from '../src/speech/engines.js';
import { type SpeechWord, speechWordSpans } from '../src/speech/estimated-timings.js';
import { normalizeForSpeech, toSourceRange } from '../src/speech/normalize.js';
import { LexiconCache, PronunciationLexicon, type PronunciationSet } from '../src/speech/pronunciations.js';
import { resamplePcm16, resamplePcm16Range } from '../src/speech/resample.js';
import { DEFAULT_CHUNKER_OPTIONS } from '../src/text/chunker-options.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';
import { SentenceCarry } from '../src/text/sentence-carry.js';
import { EarlyAudio } from './early-audio.js';

/** The handlers, by task name. */
export interface PipelineHandlers {
  warm(): WarmReply;
  chunk(task: ChunkTask): ChunkReply;
  speak(task: SpeakTask): Promise<SpeakReply>;
  encode(task: EncodeTask): Promise<EncodeReply>;
  prepare(task: PrepareTask): PrepareReply;
  resample(task: ResampleTask): ResampleReply;
}

/** How often a thread reports its memory, ms: fresh enough for a scrape, and a clock read per task otherwise. */
const MEMORY_REPORT_MS = 1000;

/**
 * Spoken, in turn, `warmUpSyntheses` times before the thread says it is warm. A thread's first
 * sentences cost many times later ones: eSpeak runs as JavaScript, and V8 optimizes its loops
 * only after they have run a while (the first sentence of a fresh engine took more than 10 times
 * as long as a warm one: `firstSentenceMs` against `perSentenceMs` in `bench/results/synthesis.md`,
 * and the next few stay slow). Normalization's rules warm the same way. Paid at start-up, before
 * `/readyz`, that cost never falls on users' first turns. Numbers, money, a time, a unit, a
 * question and an exclamation make most rules run.
 */
const WARM_UP_TEXTS = [
  'Your order of 3 coffees at $4.50 each will be ready at 10:30 am, about 2 km from here.',
  'Thanks for waiting!',
  'Would you like me to book a table for two at 7:45 tonight, or is Friday the 14th better?',
  'The meeting with Dr. Smith has moved to the large conference room on the 2nd floor.',
];

const CANCELLED: TaskFailure = { ok: false, code: 'CANCELLED', message: 'The caller gave up before the task started.' };

function isCancelled(cell: Int32Array | undefined): boolean {
  return cell !== undefined && Atomics.load(cell, 0) !== 0;
}

/**
 * Closes a port a task brought, and waits until it is closed. Between tasks a Piscina thread
 * waits in `Atomics.wait`, so its event loop never runs, and a port's close only completes on the
 * event loop: a port closed without waiting was never freed. Every sentence's early-audio port
 * stayed in its thread's heap, 240 MB of it after 200,000 turns in the soak. Waiting for `close`
 * lets the loop run that once, before the reply.
 */
function closePort(port: MessagePort): Promise<void> {
  const closed = new Promise<void>((resolve) => port.once('close', () => resolve()));
  port.close();
  return closed;
}

/**
 * The encoders, loaded on the first encode task: they are only for `POST /v1/audio/speech` in a
 * compressed format, and LAME and libopus cost every thread memory and start-up time that a
 * server speaking only PCM over the socket would pay for nothing.
 */
let encoders: Promise<typeof import('../src/speech/encoding/encode-segment.js')> | undefined;

/**
 * Loads the engine `data` names (none for an engine that synthesizes on the main thread) and
 * compiles the server's pronunciations, then builds the handlers around them.
 * @throws Error naming the registered engines for an unknown name (a thread then fails to start).
 */
export async function loadPipelineHandlers(data: PipelineWorkerData | undefined): Promise<PipelineHandlers> {
  const kind = findEngine(data?.engine);
  const scanOnly = data?.group === 'scan';
  // An upstream engine synthesizes on the main thread: its threads prepare and resample only.
  // The scan thread finds sentence ends and nothing else.
  const engine: SpeechEngine | undefined = kind.placement === 'pool' && !scanOnly ? await kind.load() : undefined;
  const voiceIds = new Set(engine?.voices().map((v) => v.id));
  /** The server's pronunciations, after a session's own. */
  const serverLexicon = new PronunciationLexicon(data?.pronunciations ?? []);
  /** Sessions' pronunciations, compiled once per thread; a few hundred lexicons of 100 short entries at most. */
  const sessionLexicons = new LexiconCache(256);
  let nextMemoryReport = 0;

  /** The session's pronunciations (compiled once per thread), then the server's. */
  const lexiconsOf = (session: PronunciationSet | null | undefined): PronunciationLexicon[] =>
    session == null ? [serverLexicon] : [sessionLexicons.get(session), serverLexicon];

  /** This thread's memory, when a report is due (the caller attaches it to its reply). */
  const dueMemoryReport = (): WorkerMemory | undefined => {
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
  };

  /**
   * Normalizes a sentence for speech and synthesizes it. The voice's language picks the
   * normalization rules ("de" reads numbers in German). A sentence with nothing to say once
   * normalized (emoji or markup only) comes back with no audio and no words. With an `early`
   * port, the first audio goes there as soon as there is enough of it, and the reply holds the rest.
   */
  const speakSentence = async (task: SpeakTask): Promise<SpeakReply> => {
    if (isCancelled(task.cancelled)) return CANCELLED;
    // The pool of an upstream engine, or the scan thread, is never asked to speak: a caller that does has a bug.
    if (engine === undefined) throw new Error(scanOnly ? 'The scan thread does not synthesize.' : `The ${kind.description.name} engine does not synthesize in the pool.`);
    if (!voiceIds.has(task.voice)) {
      return { ok: false, code: 'INVALID_EVENT', message: `Unknown voice "${task.voice}".` };
    }
    const prepared = normalizeForSpeech(task.text, { language: task.voice, lexicons: lexiconsOf(task.pronunciations) });
    const nativeRate = engine.description.sampleRate;
    const outRate = task.sampleRate ?? nativeRate;
    const early = task.early === undefined ? undefined : new EarlyAudio(task.early, prepared.text, nativeRate, outRate);
    const options = { voice: task.voice, rate: task.rate, pitch: task.pitch, onAudio: early === undefined ? undefined : (pcm: Int16Array) => early.add(pcm) };
    const synthesized = await collectSpeech(engine.stream(prepared.text, options), nativeRate);
    const pcm = outRate === nativeRate ? synthesized.pcm : resamplePcm16(synthesized.pcm, nativeRate, outRate);
    const words: SpokenWord[] = synthesized.words.map((w) => {
      const source = toSourceRange(prepared.map, w.start, w.end);
      return { start: source.start, end: source.end, startMs: w.startMs, endMs: w.endMs };
    });
    const earlySamples = early?.sent ?? 0;
    return { ok: true, pcm: pcm.subarray(earlySamples), earlySamples, sampleRate: outRate, speechText: prepared.text, words, memory: dueMemoryReport() };
  };

  /** Sentences synthesized to warm up (below, before the handlers are handed out). */
  let warmedWith = 0;
  const handlers: PipelineHandlers = {
    /** Answers once the engine is loaded and warm. */
    warm() {
      nextMemoryReport = 0;
      return { ok: true, threadId, voices: engine?.voices() ?? [], sampleRate: kind.description.sampleRate, warmedWith, memory: dueMemoryReport() };
    },

    /** Scans a window of a turn's carry buffer for settled sentence ends. */
    chunk(task) {
      return { ok: true, ...scanSentenceEnds(task.text, task.state, task.options, task.final), memory: dueMemoryReport() };
    },

    /**
     * Normalizes a sentence for speech and synthesizes it (see `speakSentence`). A port the task
     * brought is closed however the task ends, a skipped or refused one included.
     */
    async speak(task) {
      try {
        return await speakSentence(task);
      } finally {
        if (task.early !== undefined) await closePort(task.early);
      }
    },

    /**
     * Codes one sentence's PCM as the next segment of an mp3, opus or flac stream. The format and
     * rate were validated on the main thread, so a throw here is a bug.
     */
    async encode(task) {
      encoders ??= import('../src/speech/encoding/encode-segment.js');
      const { encodeSegment } = await encoders;
      const segment = await encodeSegment(task.format, task.pcm, task.sampleRate, task.state, task.final);
      return { ok: true, bytes: segment.bytes, state: segment.state, memory: dueMemoryReport() };
    },

    /**
     * Prepares a sentence for an engine that synthesizes elsewhere: normalized as `speak` does it,
     * with each spoken word's place in the speech text and in the sentence as written.
     */
    prepare(task) {
      if (isCancelled(task.cancelled)) return CANCELLED;
      const prepared = normalizeForSpeech(task.text, { language: task.language, lexicons: lexiconsOf(task.pronunciations) });
      const words: SpeechWord[] = speechWordSpans(prepared.text).map((w) => ({ ...toSourceRange(prepared.map, w.speechStart, w.speechEnd), ...w }));
      return { ok: true, speechText: prepared.text, words, memory: dueMemoryReport() };
    },

    /** Resamples one block of a stream. */
    resample(task) {
      const input = new Int16Array(task.context.length + task.pcm.length);
      input.set(task.context);
      input.set(task.pcm, task.context.length);
      const pcm = resamplePcm16Range(input, task.inputStart, task.fromRate, task.toRate, task.first, task.count);
      return { ok: true, pcm, memory: dueMemoryReport() };
    },
  };
  const { defaultVoice: voice, rate, pitch } = kind.description;
  for (let i = 0; i < (data?.warmUpSyntheses ?? 1); i++) {
    const text = WARM_UP_TEXTS[i % WARM_UP_TEXTS.length] as string;
    if (scanOnly) scanSentenceEnds(text, new SentenceCarry(DEFAULT_CHUNKER_OPTIONS).state, DEFAULT_CHUNKER_OPTIONS, true);
    else if (engine === undefined) normalizeForSpeech(text, { language: voice });
    else if ((await handlers.speak({ text, voice, rate: rate.default, pitch: pitch.default, sampleRate: null })).ok) warmedWith++;
  }
  return handlers;
}
