/**
 * The worker pool: one Piscina pool running the pipeline worker, with typed task methods and
 * errors mapped to codes. A full queue is `OVERLOADED`; a thrown error or a dead thread is
 * `WORKER_FAILED`. Tasks are never aborted once running: aborting terminates the thread, and a
 * re-warmed thread costs far more than letting one sentence finish (callers drop stale results).
 */
import type { TransferListItem } from 'node:worker_threads';
import { Piscina, queueOptionsSymbol } from 'piscina';
import { SaywireError } from '../errors.js';
import { DEFAULT_ENGINE } from '../speech/engines.js';
import type { Pronunciation } from '../speech/pronunciations.js';
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
  TaskFailure,
  TaskName,
  WarmReply,
  WorkerMemory,
  WorkerReport,
} from './contract.js';
import { type Lane, type LaneOptions, TaskLanes } from './task-lanes.js';
import { PIPELINE_WORKER_URL } from './worker-file.js';

type PiscinaHistogramSummary = Piscina['histogram']['runTime'];

/** Pool sizing; see the `pool*` settings. */
export interface WorkerPoolOptions {
  minThreads: number;
  maxThreads: number;
  maxQueue: number;
  /** Worker file URL; the compiled pipeline worker by default. Tests swap in failing workers. */
  filename?: string;
  /** The server's pronunciations (`pronunciationsFile`), handed to every thread at its start. */
  pronunciations?: readonly Pronunciation[];
  /** Registry name of the speech engine (default: the registry's default). An upstream engine's threads load none. */
  engine?: string;
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

/**
 * Most warm-up rounds. A thread still loading its engine misses a round while a warm one takes
 * two tasks; a few rounds always reach it, and the bound keeps a broken pool from spinning.
 */
const WARM_ROUNDS = 20;

/**
 * The lane of each task: scans and the warm-up pass queued speech (synthesis and encoding), and so
 * do the short steps of an upstream engine's sentence (preparing its text, resampling a block of
 * audio already arriving), each of which a listener is waiting on.
 */
const LANES: Record<TaskName, Lane> = { warm: 'fast', chunk: 'fast', speak: 'slow', encode: 'slow', prepare: 'fast', resample: 'fast' };

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
  readonly #maxQueue: number;
  readonly #maxThreads: number;
  #warmThreads = 0;
  #skipped = 0;
  readonly #cells = new WeakMap<AbortSignal, Int32Array>();
  /** The latest memory report of each thread, by thread id. */
  readonly #memory = new Map<number, WorkerMemory>();
  #warm = false;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#maxQueue = options.maxQueue;
    this.#maxThreads = options.maxThreads;
    this.#piscina = new Piscina({
      filename: options.filename ?? PIPELINE_WORKER_URL,
      minThreads: options.minThreads,
      maxThreads: options.maxThreads,
      workerData: { engine: options.engine ?? DEFAULT_ENGINE.description.name, pronunciations: options.pronunciations ?? [] } satisfies PipelineWorkerData,
      // The bound is checked before each run (see #run), so Piscina's own limit never trips.
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

  /**
   * Starts every thread and warms its engine with a real synthesis; resolves with the last
   * thread's reply once all `maxThreads` have answered. Warm tasks are sent a round at a time:
   * a thread busy with one takes no other, so a round of `maxThreads` reaches every thread
   * (a thread that got two is caught by the next round).
   */
  async warmUp(): Promise<WarmReply> {
    const warmed = new Set<number>();
    let reply: WarmReply | undefined;
    for (let round = 0; round < WARM_ROUNDS && warmed.size < this.#maxThreads; round++) {
      const replies = await Promise.all(Array.from({ length: this.#maxThreads - warmed.size }, () => this.#run('warm', {})));
      for (const r of replies as WarmReply[]) {
        warmed.add(r.threadId);
        reply = r;
      }
    }
    this.#warmThreads = warmed.size;
    this.#warm = true;
    return reply as WarmReply;
  }

  /** Distinct threads that answered the warm-up. */
  get warmThreads(): number {
    return this.#warmThreads;
  }


  /** Finds settled sentence ends in a window of a carry buffer. */
  async chunk(task: ChunkTask): Promise<ChunkReply> {
    return (await this.#run('chunk', task)) as ChunkReply;
  }

  /**
   * Prepares a sentence for speech and synthesizes it; the PCM arrives by transfer. Once
   * `signal` aborts, a task still waiting in the queue is skipped when its turn comes (a running
   * one finishes: aborting it would kill its thread) and the call rejects with the abort reason.
   */
  async speak(task: SpeakTask, signal?: AbortSignal): Promise<Extract<SpeakReply, { ok: true }>> {
    return expectOk((await this.#runSkippable('speak', task, signal)) as SpeakReply);
  }

  /**
   * Prepares a sentence's text for an engine that synthesizes outside the pool. Skipped, like
   * {@link speak}, when `signal` has aborted before the task starts.
   */
  async prepare(task: PrepareTask, signal?: AbortSignal): Promise<Extract<PrepareReply, { ok: true }>> {
    return expectOk((await this.#runSkippable('prepare', task, signal)) as PrepareReply);
  }

  /**
   * Resamples one block of a PCM stream; the buffers of `task.context` and `task.pcm` move to the
   * worker (detached here), the result moves back.
   */
  async resample(task: ResampleTask): Promise<Int16Array> {
    const moved = [task.context.buffer, task.pcm.buffer] as ArrayBuffer[];
    return ((await this.#run('resample', task, moved)) as ResampleReply).pcm;
  }

  /** Codes a sentence's PCM as the next segment of an encoded stream; the PCM is moved, not copied. */
  async encode(task: EncodeTask): Promise<EncodeReply> {
    return (await this.#run('encode', task, [task.pcm.buffer as ArrayBuffer])) as EncodeReply;
  }

  /** Tasks skipped in a worker because their caller had given up, since start (`/metrics`). */
  get skipped(): number {
    return this.#skipped;
  }

  /** Runs a task the worker skips once `signal` has aborted; a skipped one rejects with the abort reason. */
  async #runSkippable(name: TaskName, task: object, signal: AbortSignal | undefined): Promise<{ ok: boolean; code?: string }> {
    signal?.throwIfAborted();
    const cancelled = signal === undefined ? undefined : this.#cellOf(signal);
    const reply = (await this.#run(name, cancelled === undefined ? task : { ...task, cancelled })) as { ok: boolean; code?: string };
    if (!reply.ok && reply.code === 'CANCELLED') {
      this.#skipped++;
      throw signal?.reason;
    }
    return reply;
  }

  /** One shared cell per signal (per turn), set when it aborts. */
  #cellOf(signal: AbortSignal): Int32Array {
    let cell = this.#cells.get(signal);
    if (cell === undefined) {
      const created = new Int32Array(new SharedArrayBuffer(4));
      signal.addEventListener('abort', () => Atomics.store(created, 0, 1), { once: true });
      this.#cells.set(signal, created);
      cell = created;
    }
    return cell;
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

  /** True when the queue holds `maxQueue` tasks: a new one would be refused with OVERLOADED. */
  get isFull(): boolean {
    return this.#piscina.queueSize >= this.#maxQueue;
  }

  async #run(name: TaskName, task: object, transferList?: TransferListItem[]): Promise<unknown> {
    if (this.#closed) throw new SaywireError('SHUTTING_DOWN', 'The worker pool is closed.');
    // Checked here rather than recognised in Piscina's rejection, which carries no code.
    if (this.isFull) throw new SaywireError('OVERLOADED', 'The worker pool queue is full.');
    const lane: LaneOptions = { lane: LANES[name] };
    try {
      const reply = (await this.#piscina.run({ ...task, [queueOptionsSymbol]: lane }, { name, ...(transferList === undefined ? {} : { transferList }) })) as WorkerReport | undefined;
      const memory = reply?.memory;
      if (memory !== undefined) this.#memory.set(memory.threadId, memory);
      return reply;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new SaywireError('WORKER_FAILED', `Worker task "${name}" failed: ${message}`, { cause: err });
    }
  }
}

function expectOk<T extends { ok: true }>(reply: T | TaskFailure): T {
  if (!reply.ok) throw new SaywireError(reply.code === 'CANCELLED' ? 'WORKER_FAILED' : reply.code, reply.message);
  return reply;
}
