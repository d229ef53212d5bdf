/**
 * The worker pool: one Piscina pool running the pipeline worker, with typed task methods and
 * errors mapped to codes. A full queue is `OVERLOADED`; a thrown error or a dead thread is
 * `WORKER_FAILED`. Tasks are never aborted once running: aborting terminates the thread, and a
 * re-warmed thread costs far more than letting one sentence finish (callers drop stale results).
 */
import { Piscina } from 'piscina';
type PiscinaHistogramSummary = Piscina['histogram']['runTime'];
import { SaywireError } from '../errors.js';
import type { ChunkReply, ChunkTask, SpeakReply, SpeakTask, TaskFailure, TaskName, WarmReply, WorkerMemory, WorkerReport } from './contract.js';
import { TaskLanes } from './task-lanes.js';
import { PIPELINE_WORKER_URL } from './worker-file.js';

/** Pool sizing; see the `pool*` settings. */
export interface WorkerPoolOptions {
  minThreads: number;
  maxThreads: number;
  maxQueue: number;
  /** Worker file URL; the compiled pipeline worker by default. Tests swap in failing workers. */
  filename?: string;
  /** Per-thread heap limits (out-of-memory fails the task, not the process). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

/** Counters for metrics and readiness. */
export interface PoolStats {
  threads: number;
  queueSize: number;
  utilization: number;
  completed: number;
  /** Task run and wait times since start, ms (Piscina's summaries). */
  runTime: PiscinaHistogramSummary;
  waitTime: PiscinaHistogramSummary;
}

const QUEUE_FULL = 'Task queue is at limit';

/**
 * Young-generation cap of each pool thread, MB (V8's default for a worker is 48: a new space of
 * up to 32 MB). V8 grows a thread's new space in steps while it allocates, and a pool thread
 * allocates a little per task for a very long time: in a 100,000-turn run the busy thread's new
 * space went 4 → 8 → 16 MB at about 30,000 and 50,000 turns while its live heap stayed at 11 MB,
 * which is how process RSS kept climbing with every heap flat (README, Operations). A task's
 * garbage is small and dies young, so a 4 MB new space (what 6 gives) only means more
 * frequent, smaller scavenges.
 */
const WORKER_YOUNG_GENERATION_MB = 6;

export class WorkerPool {
  readonly #piscina: Piscina;
  /** The latest memory report of each thread, by thread id. */
  readonly #memory = new Map<number, WorkerMemory>();
  #warm = false;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#piscina = new Piscina({
      filename: options.filename ?? PIPELINE_WORKER_URL,
      minThreads: options.minThreads,
      maxThreads: options.maxThreads,
      maxQueue: options.maxQueue,
      taskQueue: new TaskLanes(),
      // Threads stay warm: an idle timeout would drop the loaded engine and cost a re-warm.
      idleTimeout: Number.POSITIVE_INFINITY,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...options.resourceLimits },
    });
    // Piscina emits 'error' for a worker that dies outside a task; the affected task already
    // rejects, so the event only needs a listener to not crash the process.
    this.#piscina.on('error', () => {});
  }

  /** True once a worker has loaded its module (and with it the engine). */
  get isWarm(): boolean {
    return this.#warm && !this.#closed;
  }

  /** Loads the worker module in a thread; resolves when one thread answers. */
  async warmUp(): Promise<WarmReply> {
    const reply = (await this.#run('warm', {})) as WarmReply;
    this.#warm = true;
    return reply;
  }

  /** Finds settled sentence ends in a window of a carry buffer. */
  async chunk(task: ChunkTask): Promise<Extract<ChunkReply, { ok: true }>> {
    return expectOk((await this.#run('chunk', task)) as ChunkReply);
  }

  /** Prepares a sentence for speech and synthesizes it; the PCM arrives by transfer. */
  async speak(task: SpeakTask): Promise<Extract<SpeakReply, { ok: true }>> {
    return expectOk((await this.#run('speak', task)) as SpeakReply);
  }

  /** Pool counters for metrics. */
  stats(): PoolStats {
    return {
      threads: this.#piscina.threads.length,
      queueSize: this.#piscina.queueSize,
      utilization: this.#piscina.utilization,
      completed: this.#piscina.completed,
      runTime: this.#piscina.histogram.runTime,
      waitTime: this.#piscina.histogram.waitTime,
    };
  }

  /**
   * The latest memory report of each live thread (a report is at most about a second old for a
   * thread that has run a task since; an idle thread's is as old as its last task).
   */
  threadMemory(): WorkerMemory[] {
    const live = new Set(this.#piscina.threads.map((t) => t.threadId));
    for (const id of this.#memory.keys()) if (!live.has(id)) this.#memory.delete(id);
    return [...this.#memory.values()];
  }

  /** Waits for running tasks, then stops every thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#piscina.close();
  }

  /** Runs a named task of the worker file as it is (for diagnostics and tests). */
  run(name: string, task: unknown = {}): Promise<unknown> {
    return this.#run(name, task);
  }

  async #run(name: TaskName | string, task: unknown): Promise<unknown> {
    if (this.#closed) throw new SaywireError('SHUTTING_DOWN', 'The worker pool is closed.');
    try {
      const reply = (await this.#piscina.run(task, { name })) as WorkerReport | undefined;
      const memory = reply?.memory;
      if (memory !== undefined) this.#memory.set(memory.threadId, memory);
      return reply;
    } catch (err) {
      if (err instanceof Error && err.message === QUEUE_FULL) {
        throw new SaywireError('OVERLOADED', 'The worker pool queue is full.', { cause: err });
      }
      const message = err instanceof Error ? err.message : String(err);
      throw new SaywireError('WORKER_FAILED', `Worker task "${name}" failed: ${message}`, { cause: err });
    }
  }
}

function expectOk<T extends { ok: true }>(reply: T | TaskFailure): T {
  if (!reply.ok) throw new SaywireError(reply.code, reply.message);
  return reply;
}
