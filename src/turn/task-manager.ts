/**
 * Owns every task a turn starts (agent stream, chunk loop, sender loop) and stops them together.
 * Tasks watch one AbortSignal; the first task to fail aborts the rest, so a turn never keeps half
 * its pipeline running.
 */
import { type Clock, delay } from '../clock.js';

export class TaskManager {
  readonly #controller = new AbortController();
  readonly #tasks = new Set<Promise<void>>();
  #firstError: unknown;
  #failed = false;

  /** Aborts when the turn is cancelled or any task fails. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Tasks still running. */
  get pending(): number {
    return this.#tasks.size;
  }

  /** The first error a task threw, if any. */
  get error(): unknown {
    return this.#firstError;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** Starts a task. Its failure is recorded and aborts the others; it never rejects outward. */
  spawn(task: (signal: AbortSignal) => Promise<void>): void {
    const run = (async () => {
      try {
        await task(this.#controller.signal);
      } catch (err) {
        if (!this.#failed && !this.#controller.signal.aborted) {
          this.#failed = true;
          this.#firstError = err;
        }
        this.#controller.abort();
      }
    })();
    this.#tasks.add(run);
    void run.finally(() => this.#tasks.delete(run));
  }

  /** Fails the tasks from outside (a budget ran out): records `err` and aborts them all. */
  fail(err: unknown): void {
    if (this.#failed || this.#controller.signal.aborted) return;
    this.#failed = true;
    this.#firstError = err;
    this.#controller.abort();
  }

  /** Resolves when every task has ended. */
  async settled(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /** Aborts every task and waits at most `waitMs` for them to end. Returns true if they all did. */
  async cancelAll(clock: Clock, waitMs: number): Promise<boolean> {
    this.#controller.abort();
    if (this.#tasks.size === 0) return true;
    let done = false;
    const timeout = new AbortController();
    await Promise.race([
      this.settled().then(() => {
        done = true;
        timeout.abort();
      }),
      delay(clock, waitMs, timeout.signal),
    ]);
    timeout.abort();
    return done;
  }
}
