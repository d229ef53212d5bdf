/**
 * The load generator: W worker threads (see `load-worker.ts`), each running a share of the
 * sessions, driven through comlink proxies. It spreads the sessions over the threads, starts
 * them on one shared clock, reads live counters, and gathers every session's report. A thread
 * that dies fails the call in progress instead of leaving it hanging, and `close()` always
 * terminates the threads.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { type Remote, releaseProxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { LiveCounters, LoadWorkerApi, SessionReport, StartPlan } from './load-worker.js';

const WORKER_FILE = new URL('./load-worker.js', import.meta.url);

/** What the threads reported at the end of a run. */
export interface LoadReport {
  sessions: SessionReport[];
  /** The worst event-loop delay p99 / max of any generator thread, ms. */
  loopP99Ms: number;
  loopMaxMs: number;
}

interface Thread {
  worker: Worker;
  api: Remote<LoadWorkerApi>;
}

export class LoadGenerator {
  readonly #threads: Thread[];
  /** Rejects when any thread dies: every call races it. */
  readonly #died: Promise<never>;

  private constructor(threads: Thread[]) {
    this.#threads = threads;
    this.#died = Promise.race(
      threads.map(({ worker }, i) =>
        Promise.race([once(worker, 'error'), once(worker, 'exit')]).then((args: unknown[]) => {
          const cause = args[0];
          throw new Error(`load generator thread ${i} died: ${cause instanceof Error ? cause.message : `exit code ${String(cause)}`}`);
        }),
      ),
    );
    // Only calls in progress care; without a listener an idle death would be an unhandled rejection.
    this.#died.catch(() => {});
  }

  /** Starts `threads` worker threads, each ready to take sessions. */
  static async create(threads: number): Promise<LoadGenerator> {
    const list = Array.from({ length: threads }, (): Thread => {
      const worker = new Worker(WORKER_FILE);
      return { worker, api: wrap<LoadWorkerApi>(nodeEndpoint(worker)) };
    });
    const generator = new LoadGenerator(list);
    await Promise.all(list.map(({ worker }) => once(worker, 'online')));
    return generator;
  }

  /** Opens `sessions` WebSockets to `url`, dealt round-robin over the threads; resolves with how many connected. */
  async connect(url: string, sessions: number, inputs: string[]): Promise<number> {
    const counts = await this.#all((api, i) => {
      const mine: number[] = [];
      for (let g = i; g < sessions; g += this.#threads.length) mine.push(g);
      return api.connect({ url, sessions: mine, totalSessions: sessions, inputs });
    });
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Starts the turns; dealing sessions round-robin puts every thread's over the whole stagger. */
  async start(plan: StartPlan): Promise<void> {
    await this.#all((api) => api.start(plan));
  }

  /** Live totals over every session. */
  async counters(): Promise<LiveCounters> {
    const parts = await this.#all((api) => api.counters());
    return parts.reduce((a, b) => ({
      turns: a.turns + b.turns,
      frames: a.frames + b.frames,
      sentences: a.sentences + b.sentences,
      audioMs: a.audioMs + b.audioMs,
      cpuSeconds: a.cpuSeconds === null || b.cpuSeconds === null ? null : a.cpuSeconds + b.cpuSeconds,
    }));
  }

  /** Ends the run (turns in flight get `graceMs`) and gathers every session's report. */
  async stop(graceMs: number): Promise<LoadReport> {
    const reports = await this.#all((api) => api.stop(graceMs));
    return {
      sessions: reports.flatMap((r) => r.sessions),
      loopP99Ms: Math.max(...reports.map((r) => r.loopP99Ms)),
      loopMaxMs: Math.max(...reports.map((r) => r.loopMaxMs)),
    };
  }

  /** Releases the proxies and terminates the threads (their sockets go with them). */
  async close(): Promise<void> {
    await Promise.all(
      this.#threads.map(async ({ worker, api }) => {
        api[releaseProxy]();
        await worker.terminate();
      }),
    );
  }

  #all<T>(call: (api: Remote<LoadWorkerApi>, index: number) => Promise<T>): Promise<T[]> {
    return Promise.race([Promise.all(this.#threads.map(({ api }, i) => call(api, i))), this.#died]);
  }
}
