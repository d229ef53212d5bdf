/**
 * A token bucket: `rate` tokens per second up to `burst`. Refills lazily from the injected clock
 * on each take, so it costs nothing while idle and needs no timer.
 */
import type { Clock } from '../clock.js';

export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #at: number;

  /** @param rate tokens per second; @param burst bucket size. */
  constructor(rate: number, burst: number, clock: Clock) {
    this.#rate = rate;
    this.#burst = burst;
    this.#clock = clock;
    this.#tokens = burst;
    this.#at = clock.now();
  }

  /** True when the bucket has refilled to its full burst: the client has rested. */
  get full(): boolean {
    this.#refill();
    return this.#tokens >= this.#burst;
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
  }
}
