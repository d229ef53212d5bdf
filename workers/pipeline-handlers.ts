/**
 * The pipeline's task handlers, built once around a loaded speech engine: a pure leaf. The
 * worker thread (`pipeline.worker.ts`) exports them for Piscina; the main-thread-only runner
 * (`poolMaxThreads: 0`, for comparison) calls the very same functions in-process, so the two
 * runners differ only in where the work runs. Expected failures come back as values; a throw is
 * a bug.
 */
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { ChunkReply, ChunkTask, SpeakReply, SpeakTask, SpokenWord, WarmReply, WorkerMemory } from '../src/pool/contract.js';
import { collectSpeech } from '../src/speech/engine.js';
import { findEngine } from '../src/speech/engines.js';
import { normalizeForSpeech, toSourceRange } from '../src/speech/normalize.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';

/** The handlers, by task name; `speak` replies with fresh PCM its caller may transfer. */
export interface PipelineHandlers {
  warm(): WarmReply;
  chunk(task: ChunkTask): ChunkReply;
  speak(task: SpeakTask): Promise<SpeakReply>;
}

/** How often a thread reports its memory, ms: fresh enough for a scrape, and a clock read per task otherwise. */
const MEMORY_REPORT_MS = 1000;

/**
 * Normalized once before the thread says it is warm (the engine warms itself as it loads): the
 * first pass through the normalizer's rules compiles and optimizes them, which would otherwise
 * fall on some user's first sentence. Numbers, money, a time and a unit make most rules run.
 */
const WARM_UP_TEXT = 'Your order of 3 coffees at $4.50 each will be ready at 10:30 am, about 2 km from here. Thanks!';

/**
 * Loads the engine called `engineName` and builds the handlers around it.
 * @throws Error naming the registered engines for an unknown name (a thread then fails to start).
 */
export async function loadPipelineHandlers(engineName: unknown): Promise<PipelineHandlers> {
  const engine = await findEngine(engineName).load();
  const voiceIds = new Set(engine.voices().map((v) => v.id));
  let nextMemoryReport = 0;

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
      engineHeapBytes: engine.heapBytes,
    };
  };

  normalizeForSpeech(WARM_UP_TEXT, { language: engine.description.defaultVoice });
  return {
    /** Answers once the engine is loaded and warm. */
    warm() {
      nextMemoryReport = 0;
      return { ok: true, threadId, voices: engine.voices(), sampleRate: engine.description.sampleRate, memory: dueMemoryReport() };
    },

    /** Scans a window of a turn's carry buffer for settled sentence ends. */
    chunk(task) {
      return { ok: true, ...scanSentenceEnds(task.text, task.state, task.options, task.final), memory: dueMemoryReport() };
    },

    /**
     * Normalizes a sentence for speech and synthesizes it. The voice's language picks the
     * normalization rules ("de" reads numbers in German). A sentence with nothing to say once
     * normalized (emoji or markup only) comes back with no audio and no words.
     */
    async speak(task) {
      if (task.cancelled !== undefined && Atomics.load(task.cancelled, 0) !== 0) {
        return { ok: false, code: 'CANCELLED', message: 'The caller gave up before the task started.' };
      }
      if (!voiceIds.has(task.voice)) {
        return { ok: false, code: 'INVALID_EVENT', message: `Unknown voice "${task.voice}".` };
      }
      const prepared = normalizeForSpeech(task.text, { language: task.voice });
      const options = { voice: task.voice, rate: task.rate, pitch: task.pitch };
      const synthesized = await collectSpeech(engine.stream(prepared.text, options), engine.description.sampleRate);
      const outRate = task.sampleRate ?? synthesized.sampleRate;
      const pcm = outRate === synthesized.sampleRate ? synthesized.pcm : resamplePcm16(synthesized.pcm, synthesized.sampleRate, outRate);
      const words: SpokenWord[] = synthesized.words.map((w) => {
        const source = toSourceRange(prepared.map, w.start, w.end);
        return { start: source.start, end: source.end, startMs: w.startMs, endMs: w.endMs };
      });
      return { ok: true, pcm, sampleRate: outRate, speechText: prepared.text, words, memory: dueMemoryReport() };
    },
  };
}
