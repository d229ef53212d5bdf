/**
 * The main thread's event-loop delay, sampled by `perf_hooks.monitorEventLoopDelay` at 1 ms
 * resolution: the one loop monitor of the server (each monitor is a 1 ms timer of its own, so
 * metrics and admission share this one). Node's histogram has a single window, so it is folded
 * into cumulative bucket counts and reset whenever anyone reads; readers then take windows as
 * differences of those counts. Every read costs O(buckets), however many samples were taken:
 * a scrape after an hour of 1 ms samples costs what one after a second does.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What the monitor reads from Node's histogram (`IntervalHistogram` and `RecordableHistogram` both fit). */
export interface DelaySource {
  readonly count: number;
  /** Mean sample, ns. */
  readonly mean: number;
  /** Largest sample, ns. */
  readonly max: number;
  /** Percentile (0-100) → sample value, ns, in ascending percentile order. */
  readonly percentiles: ReadonlyMap<number, number>;
  reset(): void;
}

/** Delay statistics of one window, in milliseconds. Percentiles are bucket upper bounds (≤ 2% high). */
export interface LoopDelayWindow {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Cumulative delay since the monitor started, as a Prometheus histogram wants it. */
export interface LoopDelayTotals {
  /** Upper bounds, ms ({@link EXPORTED_BOUNDS_MS}). */
  boundsMs: readonly number[];
  /** Samples ≤ each bound (cumulative, rounded to whole samples). */
  atOrBelow: number[];
  count: number;
  sumMs: number;
}

/** Bucket bounds the metrics export, ms; each is also an internal bucket bound, so exports are exact. */
export const EXPORTED_BOUNDS_MS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

const NS_PER_MS = 1e6;

/** Internal bucket bounds, ms: 2% apart from 0.5 ms to 60 s (about 600), plus the exported ones. */
const BOUNDS_MS: readonly number[] = (() => {
  const bounds = new Set(EXPORTED_BOUNDS_MS);
  for (let b = 0.5; b < 60_000; b *= 1.02) bounds.add(b);
  return [...bounds].sort((a, b) => a - b);
})();

/** Index of the first bucket whose upper bound is ≥ `ms` (the last index is the overflow bucket). */
function bucketOf(ms: number): number {
  let lo = 0;
  let hi = BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((BOUNDS_MS[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A reader of the monitor with windows of its own. */
export interface LoopDelayReader {
  /** The window since this reader's previous one (or since it was made); a new window starts. */
  takeWindow(): LoopDelayWindow;
}

/** Where a reader's window started, and the largest sample it has seen since. */
interface ReaderState {
  counts: Float64Array;
  sumMs: number;
  maxMs: number;
}

export class EventLoopMonitor {
  readonly #source: DelaySource;
  readonly #stop: () => void;
  /** Samples per bucket since start; one more than the bounds for the overflow. */
  readonly #counts = new Float64Array(BOUNDS_MS.length + 1);
  #count = 0;
  #sumMs = 0;
  readonly #readers = new Set<ReaderState>();

  /** Starts Node's 1 ms monitor, or reads `source` instead (tests record known samples). */
  constructor(source?: DelaySource) {
    if (source === undefined) {
      const histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      this.#source = histogram;
      this.#stop = () => histogram.disable();
    } else {
      this.#source = source;
      this.#stop = () => {};
    }
  }

  /** A reader whose first window starts now. */
  reader(): LoopDelayReader {
    this.#fold();
    const state: ReaderState = { counts: this.#counts.slice(), sumMs: this.#sumMs, maxMs: 0 };
    this.#readers.add(state);
    return { takeWindow: () => this.#takeWindow(state) };
  }

  /** Everything since start, in the exported buckets. */
  totals(): LoopDelayTotals {
    this.#fold();
    const atOrBelow: number[] = [];
    let cumulative = 0;
    let next = 0;
    for (const boundMs of EXPORTED_BOUNDS_MS) {
      const last = bucketOf(boundMs);
      for (; next <= last; next++) cumulative += this.#counts[next] as number;
      atOrBelow.push(Math.round(cumulative));
    }
    return { boundsMs: EXPORTED_BOUNDS_MS, atOrBelow, count: Math.round(this.#count), sumMs: this.#sumMs };
  }

  stop(): void {
    this.#fold();
    this.#stop();
  }

  /**
   * Moves Node's samples into the buckets and resets it. Node exposes its samples only as
   * percentiles (HDR steps, about two per doubling of the count), so the samples between two
   * steps are counted at the upper step's value: a delay is never under-reported.
   */
  #fold(): void {
    const source = this.#source;
    const count = source.count;
    if (count === 0) return;
    let previous = 0;
    for (const [percentile, ns] of source.percentiles) {
      const samples = (count * (percentile - previous)) / 100;
      if (samples > 0) {
        const bucket = bucketOf(ns / NS_PER_MS);
        this.#counts[bucket] = (this.#counts[bucket] as number) + samples;
      }
      previous = percentile;
    }
    this.#count += count;
    this.#sumMs += (source.mean * count) / NS_PER_MS;
    const maxMs = source.max / NS_PER_MS;
    for (const reader of this.#readers) reader.maxMs = Math.max(reader.maxMs, maxMs);
    source.reset();
  }

  #takeWindow(state: ReaderState): LoopDelayWindow {
    this.#fold();
    const window = new Float64Array(this.#counts.length);
    let count = 0;
    for (let i = 0; i < window.length; i++) {
      window[i] = (this.#counts[i] as number) - (state.counts[i] as number);
      count += window[i] as number;
    }
    const maxMs = state.maxMs;
    const result: LoopDelayWindow =
      count < 0.5
        ? { count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
        : {
            count: Math.round(count),
            meanMs: (this.#sumMs - state.sumMs) / count,
            p50Ms: Math.min(quantile(window, count, 0.5), maxMs),
            p99Ms: Math.min(quantile(window, count, 0.99), maxMs),
            maxMs,
          };
    state.counts.set(this.#counts);
    state.sumMs = this.#sumMs;
    state.maxMs = 0;
    return result;
  }
}

/** Upper bound of the bucket holding quantile `q` of a window (the overflow bucket reads as infinite). */
function quantile(window: Float64Array, count: number, q: number): number {
  const target = q * count;
  let cumulative = 0;
  for (let i = 0; i < window.length; i++) {
    cumulative += window[i] as number;
    if (cumulative >= target * (1 - 1e-12)) return BOUNDS_MS[i] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}
