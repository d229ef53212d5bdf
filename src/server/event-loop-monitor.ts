/**
 * The main thread's event-loop delay, sampled by `perf_hooks.monitorEventLoopDelay` at 1 ms
 * resolution. Readers take windows: each `takeWindow()` returns what was seen since the last one
 * and starts a new window, so a metrics scrape, the admission check and a benchmark each see the
 * delay of their own interval.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** Delay statistics of one window, in milliseconds. */
export interface LoopDelayWindow {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Percentile → delay ms, for turning the window into histogram buckets. */
  percentiles: ReadonlyMap<number, number>;
}

const NS_PER_MS = 1e6;

export class EventLoopMonitor {
  readonly #histogram: IntervalHistogram;

  constructor() {
    this.#histogram = monitorEventLoopDelay({ resolution: 1 });
    this.#histogram.enable();
  }

  /** The current window's statistics, without ending it. */
  peek(): LoopDelayWindow {
    const h = this.#histogram;
    if (h.count === 0) return { count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, percentiles: new Map() };
    const percentiles = new Map<number, number>();
    for (const [p, v] of h.percentiles) percentiles.set(p, v / NS_PER_MS);
    return {
      count: h.count,
      meanMs: h.mean / NS_PER_MS,
      p50Ms: h.percentile(50) / NS_PER_MS,
      p99Ms: h.percentile(99) / NS_PER_MS,
      maxMs: h.max / NS_PER_MS,
      percentiles,
    };
  }

  /** The current window's statistics; a new window starts. */
  takeWindow(): LoopDelayWindow {
    const window = this.peek();
    this.#histogram.reset();
    return window;
  }

  stop(): void {
    this.#histogram.disable();
  }
}
