/**
 * The one event-loop monitor: bucket counts instead of replayed samples, and readers whose
 * windows do not disturb each other. Samples are recorded into Node's own histogram (the kind
 * `monitorEventLoopDelay` returns), so the numbers are known.
 */
import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { type DelaySource, EventLoopMonitor } from '../../src/server/event-loop-monitor.js';
import { loopDelayExposition } from '../../src/server/metrics.js';

const MS = 1e6;

function record(histogram: ReturnType<typeof createHistogram>, ms: number, times: number): void {
  for (let i = 0; i < times; i++) histogram.record(Math.round(ms * MS));
}

function line(text: string, name: string): number {
  const found = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (found === undefined) throw new Error(`no ${name} in:\n${text}`);
  return Number(found.slice(name.length + 1));
}

describe('EventLoopMonitor', () => {
  it('exports exact bucket counts for recorded samples', () => {
    const histogram = createHistogram();
    const monitor = new EventLoopMonitor(histogram);
    record(histogram, 1.5, 500);
    record(histogram, 30, 500);
    const text = loopDelayExposition(monitor.totals());
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.001"}')).toBe(0);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.002"}')).toBe(500);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.02"}')).toBe(500);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.05"}')).toBe(1000);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="+Inf"}')).toBe(1000);
    expect(line(text, 'saywire_event_loop_delay_seconds_count')).toBe(1000);
    expect(line(text, 'saywire_event_loop_delay_seconds_sum')).toBeCloseTo(500 * 0.0015 + 500 * 0.03, 2);
    // Folded into the buckets: Node's histogram starts over, and the totals keep counting.
    expect(histogram.count).toBe(0);
    record(histogram, 1.5, 100);
    expect(line(loopDelayExposition(monitor.totals()), 'saywire_event_loop_delay_seconds_count')).toBe(1100);
  });

  it('scrapes a year of 1 ms samples from the bucket counts, without replaying them', () => {
    // Node's histogram as it would read after a year unscraped: 3.15e10 samples, 99% at 1 ms.
    let count = 31_536_000_000;
    const year: DelaySource = {
      get count() {
        return count;
      },
      mean: 1.1 * MS,
      max: 40 * MS,
      percentiles: new Map([
        [0, 1 * MS],
        [99, 1 * MS],
        [100, 40 * MS],
      ]),
      reset() {
        count = 0;
      },
    };
    const text = loopDelayExposition(new EventLoopMonitor(year).totals());
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.001"}')).toBe(31_220_640_000);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.02"}')).toBe(31_220_640_000);
    expect(line(text, 'saywire_event_loop_delay_seconds_bucket{le="0.05"}')).toBe(31_536_000_000);
    expect(line(text, 'saywire_event_loop_delay_seconds_count')).toBe(31_536_000_000);
  });

  it('gives each reader its own windows', () => {
    const histogram = createHistogram();
    const monitor = new EventLoopMonitor(histogram);
    const scrape = monitor.reader();
    const admission = monitor.reader();
    record(histogram, 5, 100);
    const first = admission.takeWindow();
    expect(first.count).toBe(100);
    expect(first.p99Ms).toBeGreaterThanOrEqual(5);
    expect(first.p99Ms).toBeLessThanOrEqual(5 * 1.02);
    record(histogram, 40, 100);
    const second = admission.takeWindow();
    expect(second.count).toBe(100);
    expect(second.p50Ms).toBeGreaterThanOrEqual(40);
    expect(second.p50Ms).toBeLessThanOrEqual(40 * 1.02);
    // The scrape's window spans both of admission's.
    const both = scrape.takeWindow();
    expect(both.count).toBe(200);
    expect(both.p50Ms).toBeLessThanOrEqual(5 * 1.02);
    expect(both.p99Ms).toBeGreaterThanOrEqual(40);
    expect(both.maxMs).toBeCloseTo(40, 1);
    expect(scrape.takeWindow().count).toBe(0);
  });
});
