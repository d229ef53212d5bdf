/**
 * The pool's task queue: three first-in-first-out lanes, chunk scans ahead of a turn's first
 * sentence ahead of every later sentence. A chunk scan
 * takes microseconds but gates a turn's next sentence, and with one FIFO queue it waits behind
 * every sentence other turns have queued for synthesis: under load a new turn's first audio then
 * waits for the whole backlog twice (once to find its first sentence, once to speak it). Scans
 * are one in flight per turn, so letting them pass cannot starve speech.
 *
 * The lane rides on the task as Piscina's public queue options (`Piscina.queueOptionsSymbol`).
 */
import { FixedQueue, type TaskQueue, queueOptionsSymbol } from 'piscina';

/** A queued task as the TaskQueue contract types it: its queue options are all a queue may read. */
type Task = Parameters<TaskQueue['push']>[0];

/** Which lane a task waits in. */
export type Lane = 'fast' | 'first' | 'slow';

/** A task's queue options, set under `queueOptionsSymbol` on the task object. */
export interface LaneOptions {
  readonly lane: Lane;
}

export class TaskLanes implements TaskQueue {
  readonly #fast = new FixedQueue();
  readonly #first = new FixedQueue();
  readonly #slow = new FixedQueue();

  get size(): number {
    return this.#fast.size + this.#first.size + this.#slow.size;
  }

  push(task: Task): void {
    this.#laneOf(task).push(task);
  }

  /** Piscina puts a task back at the front when it could not hand it to a thread. */
  unshift(task: Task): void {
    this.#laneOf(task).unshift(task);
  }

  shift(): Task | null {
    return this.#fast.shift() ?? this.#first.shift() ?? this.#slow.shift();
  }

  remove(task: Task): void {
    this.#laneOf(task).remove(task);
  }

  /** A task without lane options (none of saywire's) waits with speech. */
  #laneOf(task: Task): FixedQueue {
    const lane = (task[queueOptionsSymbol] as LaneOptions | null)?.lane;
    return lane === 'fast' ? this.#fast : lane === 'first' ? this.#first : this.#slow;
  }
}
