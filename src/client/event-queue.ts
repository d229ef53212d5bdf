/**
 * The buffer behind an async iterator of events. The socket cannot be told to slow down (a
 * browser's `WebSocket` has no backpressure), so the bound is enforced the other way: a consumer
 * that falls more than `capacity` events behind gets an `EVENT_BUFFER_FULL` error from its next
 * `next()` instead of a buffer that grows without end or events that silently go missing.
 */
import { SaywireClientError } from './client-error.js';

export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #capacity: number;
  #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiting: ((err: unknown) => void) | undefined;
  /** Set when the stream ended: `true` for a clean end, an error otherwise. */
  #end: true | Error | undefined;

  /** @param capacity most events held for a consumer that has not asked for them yet. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
  }

  /** Events held, not yet taken. */
  get size(): number {
    return this.#items.length;
  }

  /** Hands an event to a waiting consumer, or holds it; past the capacity, fails the queue. */
  push(item: T): void {
    if (this.#end !== undefined) return;
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#clearWaiting();
      waiting({ value: item, done: false });
      return;
    }
    if (this.#items.length >= this.#capacity) {
      this.#items = [];
      this.#end = new SaywireClientError('EVENT_BUFFER_FULL', `The event iterator fell more than ${this.#capacity} events behind.`);
      return;
    }
    this.#items.push(item);
  }

  /** Ends the stream after the events already held: cleanly, or with `error`. */
  end(error?: Error): void {
    if (this.#end !== undefined) return;
    this.#end = error ?? true;
    this.#settleWaiting();
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#end === true) return Promise.resolve({ value: undefined, done: true });
    if (this.#end !== undefined) return Promise.reject(this.#end);
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }

  /** The consumer stopped early (`break`): drop what is held and take nothing more. */
  return(): Promise<IteratorResult<T>> {
    this.#items = [];
    this.#end ??= true;
    this.#settleWaiting();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #settleWaiting(): void {
    const waiting = this.#waiting;
    const fail = this.#failWaiting;
    this.#clearWaiting();
    if (this.#end === true) waiting?.({ value: undefined, done: true });
    else if (this.#end !== undefined) fail?.(this.#end);
  }

  #clearWaiting(): void {
    this.#waiting = undefined;
    this.#failWaiting = undefined;
  }
}
