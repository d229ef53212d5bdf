/**
 * The worker pool: the pipeline's tasks with typed methods and errors mapped to codes, run on a
 * Piscina pool of worker threads or, with `maxThreads: 0`, on the main thread (for comparison
 * only; see `main-thread-runner.ts`). A full queue is `OVERLOADED`; a thrown error or a dead
 * thread is `WORKER_FAILED`. Tasks are never aborted once running: aborting terminates the
 * thread, and a re-warmed thread costs far more than letting one sentence finish (callers drop
 * stale results).
 */
import { SaywireError } from '../errors.js';
import { DEFAULT_ENGINE } from '../speech/engines.js';
import { MessageChannel, type TransferListItem, receiveMessageOnPort } from 'node:worker_threads';
import type { Pronunciation } from '../speech/pronunciations.js';
import {
  type ChunkReply,
  type ChunkTask,
  type EarlySpeech,
  type EncodeReply,
  type EncodeTask,
  type PipelineWorkerData,
  type PrepareReply,
  type PrepareTask,
  type ResampleReply,
  type ResampleTask,
  type SpeakReply,
  type SpeakTask,
  type TaskFailure,
  type TaskName,
  type ThreadGroup,
  type WarmReply,
  type WorkerMemory,
  type WorkerReport,
  movableBuffers,
} from './contract.js';
import { MainThreadRunner } from './main-thread-runner.js';
import type { Lane } from './task-lanes.js';
import { PiscinaRunner, type RunnerStats, TASKS_PER_THREAD, type TaskRunner } from './task-runner.js';
import { PIPELINE_WORKER_URL } from './worker-file.js';

/** Pool sizing; see the `pool*` settings. */
export interface WorkerPoolOptions {
  minThreads: number;
  /** 0 runs every task on the main thread: the single-loop design, for comparison only. */
  maxThreads: number;
  maxQueue: number;
  /** Worker file URL; the compiled pipeline worker by default. Tests swap in failing workers. */
  filename?: string;
  /** Per-thread heap limits (out-of-memory fails the task, not the process). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
  /** The server's pronunciations (`pronunciationsFile`), handed to every thread at its start. */
  pronunciations?: readonly Pronunciation[];
  /** Registry name of the speech engine (default: the registry's default). An upstream engine's threads load none. */
  engine?: string;
  /** Sentences each thread speaks before it is warm (default 1). */
  warmUpSyntheses?: number;
  /** Boundary scans on a thread of their own (see {@link WorkerPool}); default false. Not with `maxThreads: 0`. */
  scanThread?: boolean;
}

/** Counters for metrics and readiness. */
export type PoolStats = RunnerStats;

/** A thread's latest memory report, and which group it belongs to. */
export type GroupMemory = WorkerMemory & { group: ThreadGroup };

/** Which speech task is more urgent: a turn's first sentence (the listener hears silence until it is done) or a later one. */
export type SpeechPriority = 'first' | 'later';

/**
 * Most warm-up rounds. A thread still loading its engine misses a round while a warm one takes
 * two tasks; a few rounds always reach it, and the bound keeps a broken pool from spinning.
 */
const WARM_ROUNDS = 20;

/**
 * The lane of each task but `speak` (whose lane depends on the sentence): scans and the warm-up
 * pass queued speech, and so do the short steps of an upstream engine's sentence (preparing its
 * text, resampling a block of audio already arriving), each of which a listener is waiting on.
 * Encoding for the speech route waits with later sentences.
 */
const LANES: Record<Exclude<TaskName, 'speak'>, Lane> = { warm: 'fast', chunk: 'fast', prepare: 'fast', resample: 'fast', encode: 'slow' };

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

const NO_TIMES = { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, mean: Number.NaN };
const IDLE_STATS: RunnerStats = { threads: 0, queueSize: 0, utilization: 0, completed: 0, runTime: NO_TIMES, waitTime: NO_TIMES };

/**
 * With `scanThread`, boundary scans run on one more thread, which loads no engine. A scan is a
 * millisecond of work that a turn waits on before its next sentence can start; on a thread that
 * synthesizes it would wait for the sentence running there (and with `TASKS_PER_THREAD` it is
 * committed behind one), tens of milliseconds at a time: at 100 sessions, most sentences whose
 * server-added latency passed 40 ms had waited that way for their scan. The scan thread is idle
 * nearly always, so a scan starts as soon as the kernel gives it a core.
 */
export class WorkerPool {
  readonly #maxQueue: number;
  readonly #maxThreads: number;
  /** The runner once it exists: at once for threads, after the engine loads on the main thread. */
  #runner: TaskRunner | undefined;
  readonly #starting: Promise<TaskRunner>;
  /** The scan thread, when there is one. */
  readonly #scans: TaskRunner | undefined;
  #warmThreads = 0;
  #skipped = 0;
  readonly #cells = new WeakMap<AbortSignal, Int32Array>();
  /** The latest memory report of each thread, by thread id. */
  readonly #memory = new Map<number, GroupMemory>();
  #warm = false;
  /** The warm-up failed: {@link close} then stops the threads instead of waiting for them. */
  #failedToStart = false;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#maxQueue = options.maxQueue;
    this.#maxThreads = options.maxThreads;
    const workerData: PipelineWorkerData = {
      engine: options.engine ?? DEFAULT_ENGINE.description.name,
      pronunciations: options.pronunciations ?? [],
      warmUpSyntheses: options.warmUpSyntheses ?? 1,
    };
    if (options.maxThreads === 0) {
      this.#starting = MainThreadRunner.start(workerData).then((runner) => (this.#runner = runner));
      // A failed start surfaces in warmUp() and in every task; it must not go unhandled meanwhile.
      this.#starting.catch(() => {});
    } else {
      const filename = options.filename ?? PIPELINE_WORKER_URL;
      const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...options.resourceLimits };
      this.#runner = new PiscinaRunner({ filename, threads: { min: options.minThreads, max: options.maxThreads }, workerData, resourceLimits });
      this.#starting = Promise.resolve(this.#runner);
      if (options.scanThread === true) {
        this.#scans = new PiscinaRunner({ filename, threads: { min: 1, max: 1 }, workerData: { ...workerData, group: 'scan' }, resourceLimits });
      }
    }
  }

  /** True when every task runs on the main thread (`maxThreads: 0`). */
  get mainThreadOnly(): boolean {
    return this.#maxThreads === 0;
  }

  /** True once a worker has loaded its module (and with it the engine). */
  get isWarm(): boolean {
    return this.#warm && !this.#closed;
  }

  /**
   * Starts every thread and warms its engine with a real synthesis; resolves with the last
   * speaking thread's reply once all `maxThreads` (and the scan thread) have answered.
   */
  async warmUp(): Promise<WarmReply> {
    try {
      return await this.#warmUpGroups();
    } catch (err) {
      this.#failedToStart = true;
      throw err;
    }
  }

  async #warmUpGroups(): Promise<WarmReply> {
    const reply = await this.#warmSpeaking();
    // The scan thread started loading with the pool, so by now it answers at once.
    if (this.#scans !== undefined) await this.#run('warm', {}, LANES.warm, undefined, 'scan');
    this.#warm = true;
    return reply;
  }

  /**
   * Warm tasks are sent a round at a time, as many as the threads not yet heard from can hold: a
   * thread holds at most `TASKS_PER_THREAD`, so the round fills the warm threads and the rest
   * wait in the threads still loading (a round that misses one is caught by the next).
   */
  async #warmSpeaking(): Promise<WarmReply> {
    const warmed = new Set<number>();
    let reply: WarmReply | undefined;
    // The main thread is one "thread" to warm.
    const threads = Math.max(1, this.#maxThreads);
    for (let round = 0; round < WARM_ROUNDS && warmed.size < threads; round++) {
      const round = (threads - warmed.size) * TASKS_PER_THREAD;
      const replies = await Promise.all(Array.from({ length: round }, () => this.#run('warm', {}, LANES.warm)));
      for (const r of replies as WarmReply[]) {
        warmed.add(r.threadId);
        reply = r;
      }
    }
    this.#warmThreads = warmed.size;
    return reply as WarmReply;
  }

  /** Distinct speaking threads that answered the warm-up (the scan thread is not one). */
  get warmThreads(): number {
    return this.#warmThreads;
  }


  /** Finds settled sentence ends in a window of a carry buffer (on the scan thread, when there is one). */
  async chunk(task: ChunkTask): Promise<ChunkReply> {
    return (await this.#run('chunk', task, LANES.chunk, undefined, this.#scans === undefined ? 'pipeline' : 'scan')) as ChunkReply;
  }

  /**
   * Prepares a sentence for speech and synthesizes it; the PCM arrives in shared memory. Once
   * `signal` aborts, a task still waiting in the queue is skipped when its turn comes (a running
   * one finishes: aborting it would kill its thread) and the call rejects with the abort reason.
   * A turn's `first` sentence waits in a lane ahead of later sentences (see `task-lanes.ts`).
   * With `onEarly`, the sentence's first audio is handed to it as soon as a thread has made
   * `EARLY_AUDIO_MS` of it, always before the call resolves, and the reply holds the rest.
   */
  async speak(
    task: SpeakTask,
    signal?: AbortSignal,
    priority: SpeechPriority = 'later',
    onEarly?: (early: EarlySpeech) => void,
  ): Promise<Extract<SpeakReply, { ok: true }>> {
    const lane = priority === 'first' ? 'first' : 'slow';
    // On the main thread nothing can leave before the task returns: no early audio there.
    if (onEarly === undefined || this.mainThreadOnly) return expectOk((await this.#runSkippable('speak', task, lane, signal)) as SpeakReply);
    const { port1, port2 } = new MessageChannel();
    let delivered = false;
    const deliver = (early: EarlySpeech): void => {
      delivered = true;
      onEarly(early);
    };
    port1.once('message', deliver);
    try {
      const reply = expectOk((await this.#runSkippable('speak', { ...task, early: port2 }, lane, signal, [port2])) as SpeakReply);
      // The early audio and the reply travel on different ports, in no set order; the early
      // audio was posted first, so it is already queued on its port when the reply is read.
      if (reply.earlySamples > 0 && !delivered) {
        const queued = receiveMessageOnPort(port1);
        if (queued === undefined) throw new SaywireError('WORKER_FAILED', 'A sentence\'s early audio was lost.');
        deliver(queued.message as EarlySpeech);
      }
      return reply;
    } finally {
      port1.close();
    }
  }

  /**
   * Prepares a sentence's text for an engine that synthesizes outside the pool. Skipped, like
   * {@link speak}, when `signal` has aborted before the task starts.
   */
  async prepare(task: PrepareTask, signal?: AbortSignal): Promise<Extract<PrepareReply, { ok: true }>> {
    return expectOk((await this.#runSkippable('prepare', task, LANES.prepare, signal)) as PrepareReply);
  }

  /**
   * Resamples one block of a PCM stream; the buffers of `task.context` and `task.pcm` move to the
   * worker (detached here), the result comes back in shared memory.
   */
  async resample(task: ResampleTask): Promise<Int16Array> {
    return ((await this.#run('resample', task, LANES.resample, movableBuffers(task.context, task.pcm))) as ResampleReply).pcm;
  }

  /**
   * Codes a sentence's PCM as the next segment of an encoded stream; the PCM is moved, or shared
   * when it already is (audio from `speak`), never copied.
   */
  async encode(task: EncodeTask): Promise<EncodeReply> {
    return (await this.#run('encode', task, LANES.encode, movableBuffers(task.pcm))) as EncodeReply;
  }

  /** Tasks skipped in a worker because their caller had given up, since start (`/metrics`). */
  get skipped(): number {
    return this.#skipped;
  }

  /** Runs a task the worker skips once `signal` has aborted; a skipped one rejects with the abort reason. */
  async #runSkippable(
    name: TaskName,
    task: object,
    lane: Lane,
    signal: AbortSignal | undefined,
    transferList?: TransferListItem[],
  ): Promise<{ ok: boolean; code?: string }> {
    signal?.throwIfAborted();
    const cancelled = signal === undefined ? undefined : this.#cellOf(signal);
    const reply = (await this.#run(name, cancelled === undefined ? task : { ...task, cancelled }, lane, transferList)) as { ok: boolean; code?: string };
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

  /** Tasks waiting for a thread, scans included (cheap: read per task and per turn). */
  get queueSize(): number {
    return (this.#runner?.queueSize ?? 0) + (this.#scans?.queueSize ?? 0);
  }

  /** The speaking threads' counters, for metrics: computes the task time quantiles, so only for a scrape. */
  stats(): PoolStats {
    return this.#runner?.stats() ?? IDLE_STATS;
  }

  /** Each group's counters, for metrics (the scan thread's only when there is one). */
  groupStats(): Array<[ThreadGroup, PoolStats]> {
    const groups: Array<[ThreadGroup, PoolStats]> = [['pipeline', this.stats()]];
    if (this.#scans !== undefined) groups.push(['scan', this.#scans.stats()]);
    return groups;
  }

  /**
   * The latest memory report of each live thread (a report is at most about a second old for a
   * thread that has run a task since; an idle thread's is as old as its last task).
   */
  threadMemory(): GroupMemory[] {
    const live = new Set([...(this.#runner?.liveThreadIds() ?? []), ...(this.#scans?.liveThreadIds() ?? [])]);
    for (const id of this.#memory.keys()) if (!live.has(id)) this.#memory.delete(id);
    return [...this.#memory.values()];
  }

  /**
   * Waits for running tasks, then stops every thread. After a failed warm-up it stops them at
   * once: nothing in the pool is worth waiting for, and Piscina's close waited forever on warm
   * tasks queued for threads that failed to start (two of them, each holding two tasks), so a
   * server that could not start never finished stopping.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const runner = await this.#starting.catch(() => undefined);
    const stop = (r: TaskRunner | undefined) => (this.#failedToStart ? r?.destroy() : r?.close());
    await Promise.all([stop(runner), stop(this.#scans)]);
  }

  /** True when the queue holds `maxQueue` tasks: a new one would be refused with OVERLOADED. */
  get isFull(): boolean {
    return this.queueSize >= this.#maxQueue;
  }

  async #run(name: TaskName, task: object, lane: Lane, transferList?: TransferListItem[], group: ThreadGroup = 'pipeline'): Promise<unknown> {
    if (this.#closed) throw new SaywireError('SHUTTING_DOWN', 'The worker pool is closed.');
    // Checked here rather than recognised in Piscina's rejection, which carries no code.
    if (this.isFull) throw new SaywireError('OVERLOADED', 'The worker pool queue is full.');
    try {
      const runner = group === 'scan' ? (this.#scans as TaskRunner) : (this.#runner ?? (await this.#starting));
      const reply = (await runner.run(name, task, lane, transferList)) as WorkerReport | undefined;
      const memory = reply?.memory;
      if (memory !== undefined) this.#memory.set(memory.threadId, { ...memory, group });
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
