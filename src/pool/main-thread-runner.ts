/**
 * The main-thread-only runner (`poolMaxThreads: 0`): the seed's single-loop design, kept only so
 * the benchmarks can show side by side what the worker threads buy. It calls the pipeline
 * worker's own handlers in-process, one task per turn of the event loop (so sockets are served
 * between tasks, as a single-loop server would), in the same lanes as the pool. Every synthesis
 * blocks the event loop for its whole duration: never for production.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { queueOptionsSymbol } from 'piscina';
import type { PipelineHandlers } from '../../workers/pipeline-handlers.js';
import type { PipelineWorkerData, TaskName } from './contract.js';
import { type Lane, TaskLanes } from './task-lanes.js';
import type { RunnerStats, TaskRunner } from './task-runner.js';

interface Queued {
  readonly [queueOptionsSymbol]: { lane: Lane };
  readonly name: TaskName;
  readonly task: object;
  readonly queuedAt: number;
  resolve(reply: unknown): void;
  reject(err: unknown): void;
}

export class MainThreadRunner implements TaskRunner {
  readonly #handlers: PipelineHandlers;
  readonly #lanes = new TaskLanes();
  readonly #runTime: RecordableHistogram = createHistogram();
  readonly #waitTime: RecordableHistogram = createHistogram();
  readonly #startedAt = performance.now();
  #busyMs = 0;
  #completed = 0;
  #scheduled = false;
  #running = false;
  #idle: (() => void) | undefined;

  private constructor(handlers: PipelineHandlers) {
    this.#handlers = handlers;
  }

  /** Loads the engine on the main thread (the same handlers a worker thread loads). */
  static async start(data: PipelineWorkerData): Promise<MainThreadRunner> {
    // Loaded only in this mode: a pooled server never needs the engine on its main thread.
    const { loadPipelineHandlers } = await import('../../workers/pipeline-handlers.js');
    return new MainThreadRunner(await loadPipelineHandlers(data));
  }

  /** Nothing crosses a thread here, so nothing is transferred. */
  run(name: TaskName, task: object, lane: Lane): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const queued: Queued = { [queueOptionsSymbol]: { lane }, name, task, queuedAt: performance.now(), resolve, reject };
      this.#lanes.push(queued);
      this.#schedule();
    });
  }

  get queueSize(): number {
    return this.#lanes.size;
  }

  stats(): RunnerStats {
    const elapsed = performance.now() - this.#startedAt;
    return {
      threads: 0,
      queueSize: this.#lanes.size,
      utilization: elapsed > 0 ? Math.min(1, this.#busyMs / elapsed) : 0,
      completed: this.#completed,
      runTime: summaryOf(this.#runTime),
      waitTime: summaryOf(this.#waitTime),
    };
  }

  /** No worker threads: the main thread's memory is in the process metrics. */
  liveThreadIds(): number[] {
    return [];
  }

  /** Resolves once the queued and running tasks are done. */
  async close(): Promise<void> {
    if (this.#lanes.size === 0 && !this.#running) return;
    await new Promise<void>((resolve) => {
      this.#idle = resolve;
    });
  }

  /** Rejects the queued tasks, then waits for the one running (a handler cannot be stopped part-way). */
  async destroy(): Promise<void> {
    for (let queued = this.#lanes.shift() as Queued | null; queued !== null; queued = this.#lanes.shift() as Queued | null) {
      queued.reject(new Error('The pool was destroyed.'));
    }
    await this.close();
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#runNext();
    });
  }

  async #runNext(): Promise<void> {
    const next = this.#lanes.shift() as Queued | null;
    if (next === null) return;
    this.#running = true;
    const started = performance.now();
    record(this.#waitTime, started - next.queuedAt);
    try {
      next.resolve(await this.#call(next.name, next.task));
    } catch (err) {
      next.reject(err);
    } finally {
      const ranMs = performance.now() - started;
      this.#busyMs += ranMs;
      record(this.#runTime, ranMs);
      this.#completed++;
      this.#running = false;
      if (this.#lanes.size > 0) this.#schedule();
      else this.#idle?.();
    }
  }

  #call(name: TaskName, task: object): unknown {
    const handlers = this.#handlers;
    switch (name) {
      case 'warm':
        return handlers.warm();
      case 'chunk':
        return handlers.chunk(task as Parameters<PipelineHandlers['chunk']>[0]);
      case 'speak':
        return handlers.speak(task as Parameters<PipelineHandlers['speak']>[0]);
      case 'encode':
        return handlers.encode(task as Parameters<PipelineHandlers['encode']>[0]);
      case 'prepare':
        return handlers.prepare(task as Parameters<PipelineHandlers['prepare']>[0]);
      case 'resample':
        return handlers.resample(task as Parameters<PipelineHandlers['resample']>[0]);
    }
  }
}

/** Histograms hold integers: record in µs (a task takes at least a few). */
function record(histogram: RecordableHistogram, ms: number): void {
  histogram.record(Math.max(1, Math.round(ms * 1000)));
}

function summaryOf(histogram: RecordableHistogram): RunnerStats['runTime'] {
  if (histogram.count === 0) return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, mean: Number.NaN };
  return { p50: histogram.percentile(50) / 1000, p90: histogram.percentile(90) / 1000, p99: histogram.percentile(99) / 1000, mean: histogram.mean / 1000 };
}
