/**
 * The pool's task queue: two first-in-first-out lanes, chunk scans ahead of speech. A chunk scan
 * takes microseconds but gates a turn's next sentence, and with one FIFO queue it waits behind
 * every sentence other turns have queued for synthesis: under load a new turn's first audio then
 * waits for the whole backlog twice (once to find its first sentence, once to speak it). Scans
 * are one in flight per turn, so letting them pass cannot starve speech.
 */
import type { PiscinaTask, TaskQueue } from 'piscina';

/** What Piscina queues (its `Task` type is not exported by name). */
type Task = Parameters<TaskQueue['push']>[0];

/** Task names that take the fast lane. */
const FAST: ReadonlySet<string> = new Set(['chunk', 'warm']);

export class TaskLanes implements TaskQueue {
  readonly #fast: Task[] = [];
  readonly #slow: Task[] = [];

  get size(): number {
    return this.#fast.length + this.#slow.length;
  }

  push(task: Task): void {
    this.#laneOf(task).push(task);
  }

  /** Piscina puts a task back at the front when it could not hand it to a thread. */
  unshift(task: Task): void {
    this.#laneOf(task).unshift(task);
  }

  shift(): Task | null {
    return this.#fast.shift() ?? this.#slow.shift() ?? null;
  }

  remove(task: Task): void {
    const lane = this.#laneOf(task);
    const at = lane.indexOf(task);
    if (at !== -1) lane.splice(at, 1);
  }

  #laneOf(task: Task): Task[] {
    return FAST.has((task as PiscinaTask).name) ? this.#fast : this.#slow;
  }
}
