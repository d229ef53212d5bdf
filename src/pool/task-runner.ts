/**
 * Where the pool's tasks run: the two runners behind {@link WorkerPool}. `PiscinaRunner` runs
 * them on worker threads (the server's design); `MainThreadRunner` (`main-thread-runner.ts`)
 * calls the same handlers on the main thread, for comparison only. Both queue in the same lanes.
 */
import type { TransferListItem } from 'node:worker_threads';
import { Piscina, queueOptionsSymbol } from 'piscina';
import type { PipelineWorkerData, TaskName } from './contract.js';
import { type Lane, type LaneOptions, TaskLanes } from './task-lanes.js';

/** Task run or wait times since start, ms (NaN before the first task). */
export interface TaskTimes {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

/** A runner's counters, for metrics and readiness. */
export interface RunnerStats {
  threads: number;
  queueSize: number;
  utilization: number;
  completed: number;
  runTime: TaskTimes;
  waitTime: TaskTimes;
}

export interface TaskRunner {
  /**
   * Runs the handler `name` on `task`, queued in `lane`; resolves with its reply, rejects if it
   * threw. `transferList` buffers move to a worker thread instead of being copied.
   */
  run(name: TaskName, task: object, lane: Lane, transferList?: TransferListItem[]): Promise<unknown>;
  /** Tasks waiting for a thread: read on every task and turn, so it must cost nothing. */
  readonly queueSize: number;
  /** Every counter, for a metrics scrape (the time quantiles are computed on each call). */
  stats(): RunnerStats;
  /** Thread ids of the live worker threads. */
  liveThreadIds(): number[];
  /** Waits for running tasks, then stops. */
  close(): Promise<void>;
  /** Stops at once: running and queued tasks reject. */
  destroy(): Promise<void>;
}

export interface PiscinaRunnerOptions {
  filename: string;
  threads: { min: number; max: number };
  workerData: PipelineWorkerData;
  resourceLimits: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

/**
 * Tasks Piscina hands each thread at once: the one running and the next. With one, a thread that
 * finishes a task sleeps until the main thread has read the reply and posted the next task, and
 * on a machine with as many busy threads as cores the main thread must first win a core back
 * from a pool thread: each task then pays a scheduling round trip, which is how two pool threads
 * fell behind two bare threads running the same engine. With the next task already in its port,
 * the thread goes straight on. A task's work is synchronous (its awaits are only microtasks), so
 * two tasks on one thread still run one after the other; the cost is that a task committed to a
 * thread no longer waits in the lanes, so a scan or a first sentence waits for at most one more
 * synthesis.
 */
export const TASKS_PER_THREAD = 2;

export class PiscinaRunner implements TaskRunner {
  readonly #piscina: Piscina;

  constructor(options: PiscinaRunnerOptions) {
    this.#piscina = new Piscina({
      filename: options.filename,
      minThreads: options.threads.min,
      maxThreads: options.threads.max,
      workerData: options.workerData,
      // The bound is checked before each run (WorkerPool), so Piscina's own limit never trips.
      taskQueue: new TaskLanes(),
      // Threads stay warm: an idle timeout would drop the loaded engine and cost a re-warm.
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: TASKS_PER_THREAD,
      resourceLimits: options.resourceLimits,
    });
    // Piscina emits 'error' for a worker that dies outside a task; the affected task already
    // rejects, so the event only needs a listener to not crash the process.
    this.#piscina.on('error', () => {});
  }

  run(name: TaskName, task: object, lane: Lane, transferList?: TransferListItem[]): Promise<unknown> {
    const options: LaneOptions = { lane };
    return this.#piscina.run({ ...task, [queueOptionsSymbol]: options }, { name, ...(transferList === undefined ? {} : { transferList }) });
  }

  get queueSize(): number {
    return this.#piscina.queueSize;
  }

  stats(): RunnerStats {
    // Piscina computes every quantile, the mean and the deviation of both histograms on each
    // read of `histogram`: a scrape's cost, never a task's.
    const { runTime, waitTime } = this.#piscina.histogram;
    return {
      threads: this.#piscina.threads.length,
      queueSize: this.#piscina.queueSize,
      utilization: this.#piscina.utilization,
      completed: this.#piscina.completed,
      runTime: { p50: runTime.p50, p90: runTime.p90, p99: runTime.p99, mean: runTime.mean },
      waitTime: { p50: waitTime.p50, p90: waitTime.p90, p99: waitTime.p99, mean: waitTime.mean },
    };
  }

  liveThreadIds(): number[] {
    return this.#piscina.threads.map((t) => t.threadId);
  }

  close(): Promise<void> {
    return this.#piscina.close();
  }

  destroy(): Promise<void> {
    return this.#piscina.destroy();
  }
}
