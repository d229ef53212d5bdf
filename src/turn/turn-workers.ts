/**
 * The workers a turn uses, for the configured chunking mode: boundary scans in the pool (the
 * default) or inline on the main thread (for comparison); speech always in the pool (which with
 * `poolMaxThreads: 0` runs its tasks on the main thread).
 */
import type { ChunkTask, SpeakTask, SpokenWord } from '../pool/contract.js';
import type { SpeechPriority, WorkerPool } from '../pool/worker-pool.js';
import type { FilledChunkerOptions } from '../text/chunker-options.js';
import { type ScanResult, scanSentenceEnds } from '../text/sentence-boundaries.js';
import { SentenceCarry } from '../text/sentence-carry.js';

/** What a speak task gives back, as the turn uses it. */
export interface SpeechAudio {
  pcm: Int16Array;
  sampleRate: number;
  speechText: string;
  words: SpokenWord[];
}

/** The workers, seen from a turn or a route: scanning and speaking (pool or inline). */
export interface TurnWorkers {
  scan(task: ChunkTask): Promise<ScanResult>;
  /**
   * Once `signal` aborts, a task still queued is skipped and the promise rejects. A turn's
   * `first` sentence is queued ahead of other turns' later ones.
   */
  speak(task: SpeakTask, signal?: AbortSignal, priority?: SpeechPriority): Promise<SpeechAudio>;
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

export function createTurnWorkers(pool: WorkerPool, chunking: 'pool' | 'inline'): TurnWorkers {
  return {
    scan:
      chunking === 'pool'
        ? (task) => pool.chunk(task)
        : async (task) => scanSentenceEnds(task.text, task.state, task.options, task.final),
    speak: (task, signal, priority) => pool.speak(task, signal, priority),
  };
}
