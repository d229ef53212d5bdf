/**
 * The pipeline worker: a pure leaf. The eSpeak-NG engine is loaded and the regexes compiled once
 * at module scope, so every thread is warm before its first task; each handler is a function of
 * its task and leaves nothing running when it returns. Piscina calls the named exports
 * (`run(task, { name })`). Expected failures come back as values; a throw is a bug.
 */
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ChunkReply, ChunkTask, SpeakReply, SpeakTask, SpokenWord, WarmReply, WorkerMemory } from '../src/pool/contract.js';
import { DEFAULT_PITCH, DEFAULT_RATE } from '../src/speech/engine.js';
import { createEspeakEngine } from '../src/speech/espeak-engine.js';
import { normalizeForSpeech, toSourceRange } from '../src/speech/normalize.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';

const engine = await createEspeakEngine();
const voiceIds = new Set(engine.voices().map((v) => v.id));

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
    engineHeapBytes: engine.heapBytes,
  };
}

/**
 * Answers once the module, and with it the engine, is loaded, after one real synthesis: the
 * first synthesis in a thread costs far more than later ones (the engine fills its caches), and
 * that cost belongs before `/readyz`, not in a user's first turn.
 */
export function warm(): WarmReply {
  const voices = engine.voices();
  engine.synthesize('Ready.', { voice: voices[0]?.id ?? '', rate: DEFAULT_RATE, pitch: DEFAULT_PITCH });
  nextMemoryReport = 0;
  return { ok: true, threadId, voices, sampleRate: engine.sampleRate, memory: dueMemoryReport() };
}

/** Scans a window of a turn's carry buffer for settled sentence ends. */
export function chunk(task: ChunkTask): ChunkReply {
  return { ok: true, ...scanSentenceEnds(task.text, task.state, task.options, task.final), memory: dueMemoryReport() };
}

/** Normalizes a sentence for speech, synthesizes it, and moves the PCM back without a copy. */
export async function speak(task: SpeakTask): Promise<SpeakReply> {
  if (task.cancelled !== undefined && Atomics.load(task.cancelled, 0) !== 0) {
    return { ok: false, code: 'CANCELLED', message: 'The caller gave up before the task started.' };
  }
  if (!voiceIds.has(task.voice)) {
    return { ok: false, code: 'INVALID_EVENT', message: `Unknown voice "${task.voice}".` };
  }
  const prepared = normalizeForSpeech(task.text);
  const synthesized = engine.synthesize(prepared.text, { voice: task.voice, rate: task.rate, pitch: task.pitch });
  const outRate = task.sampleRate ?? synthesized.sampleRate;
  const pcm = outRate === synthesized.sampleRate ? synthesized.pcm : resamplePcm16(synthesized.pcm, synthesized.sampleRate, outRate);
  const words: SpokenWord[] = synthesized.words.map((w) => {
    const source = toSourceRange(prepared.map, w.start, w.end);
    return { start: source.start, end: source.end, startMs: w.startMs, endMs: w.endMs };
  });
  const reply: SpeakReply = { ok: true, pcm, sampleRate: outRate, speechText: prepared.text, words, memory: dueMemoryReport() };
  // Transfer the PCM's buffer instead of copying it: the object is the value, the buffer moves.
  return Piscina.move({
    [Piscina.transferableSymbol]: [pcm.buffer],
    [Piscina.valueSymbol]: reply,
  } as never) as unknown as SpeakReply;
}
