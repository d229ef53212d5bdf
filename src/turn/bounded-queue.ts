/**
 * A bounded async queue between one producer and one consumer. A full queue makes the producer
 * wait (backpressure), never drops: a slow consumer slows the producer down to the bound instead
 * of letting memory grow or losing text.
 */
export class BoundedQueue<T> {
  readonly #capacity: number;
  #items: T[] = [];
  #closed = false;
  #waitingConsumer: (() => void) | undefined;
  #waitingProducers: Array<() => void> = [];

  /** @param capacity most items held; producers wait beyond it. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Adds an item, waiting while the queue is full. Throws once the queue is closed. */
  async push(item: T): Promise<void> {
    while (this.#items.length >= this.#capacity && !this.#closed) {
      await new Promise<void>((resolve) => this.#waitingProducers.push(resolve));
    }
    if (this.#closed) throw new Error('queue closed');
    this.#items.push(item);
    this.#wakeConsumer();
  }

  /** Takes every queued item at once (coalescing), waiting for at least one; `undefined` when closed and empty. */
  async takeAll(): Promise<T[] | undefined> {
    while (this.#items.length === 0) {
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => {
        this.#waitingConsumer = resolve;
      });
    }
    const items = this.#items;
    this.#items = [];
    this.#wakeProducers();
    return items;
  }

  /** Takes one item, waiting for it; `undefined` when closed and empty. */
  async shift(): Promise<T | undefined> {
    while (this.#items.length === 0) {
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => {
        this.#waitingConsumer = resolve;
      });
    }
    return this.#take();
  }

  /**
   * Resolves once an item can be taken at once, or the queue is closed; takes nothing (the
   * consumer then calls `tryShift`). Like `shift`, for the one consumer.
   */
  async ready(): Promise<void> {
    while (this.#items.length === 0 && !this.#closed) {
      await new Promise<void>((resolve) => {
        this.#waitingConsumer = resolve;
      });
    }
  }

  /** Takes one item if there is one, without waiting. */
  tryShift(): T | undefined {
    return this.#items.length === 0 ? undefined : this.#take();
  }

  /** No more items will come; the consumer drains what is left. */
  close(): void {
    this.#closed = true;
    this.#wakeConsumer();
    this.#wakeProducers();
  }

  /** Closes and throws away everything queued (a cancelled turn). */
  clear(): void {
    this.#items = [];
    this.close();
  }

  #take(): T {
    const item = this.#items.shift() as T;
    this.#wakeProducers();
    return item;
  }

  #wakeConsumer(): void {
    const wake = this.#waitingConsumer;
    this.#waitingConsumer = undefined;
    wake?.();
  }

  #wakeProducers(): void {
    const waiting = this.#waitingProducers;
    this.#waitingProducers = [];
    for (const wake of waiting) wake();
  }
}
