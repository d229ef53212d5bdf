/**
 * The workers a turn uses, for the configured chunking mode: boundary scans in the pool (the
 * default) or inline on the main thread (for comparison); speech always in the pool.
 */
import type { WorkerPool } from '../pool/worker-pool.js';
import type { TurnWorkers } from './conversation-turn.js';
import { scanSentenceEnds } from '../text/sentence-boundaries.js';

export function createTurnWorkers(pool: WorkerPool, chunking: 'pool' | 'inline'): TurnWorkers {
  return {
    scan:
      chunking === 'pool'
        ? (task) => pool.chunk(task)
        : async (task) => scanSentenceEnds(task.text, task.state, task.options, task.final),
    speak: (task, signal) => pool.speak(task, signal),
  };
}
