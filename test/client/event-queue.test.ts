/** The client's pure parts: the iterator buffer and the reconnect backoff. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/client/event-queue.js';
import { RECONNECT_DEFAULTS, fillReconnectOptions, reconnectDelayMs } from '../../src/client/reconnect.js';

describe('EventQueue', () => {
  it('hands every event over in order, whether the consumer waits or lags (within capacity)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 40 }), async (waitFirst) => {
        const queue = new EventQueue<number>(40);
        const got: number[] = [];
        for (const [i, wait] of waitFirst.entries()) {
          if (wait) {
            const next = queue.next();
            queue.push(i);
            got.push((await next).value as number);
          } else {
            queue.push(i);
          }
        }
        queue.end();
        for await (const value of queue) got.push(value);
        expect([...got].sort((a, b) => a - b)).toEqual(waitFirst.map((_, i) => i));
        // Waited-for items come back at once; lagging ones in order after them.
        expect(got.filter((v) => !waitFirst[v])).toEqual(waitFirst.flatMap((w, i) => (w ? [] : [i])));
      }),
    );
  });

  it('past its capacity it drops what it holds and the next read throws EVENT_BUFFER_FULL', async () => {
    const queue = new EventQueue<number>(3);
    for (let i = 0; i < 4; i++) queue.push(i);
    expect(queue.size).toBe(0);
    await expect(queue.next()).rejects.toMatchObject({ code: 'EVENT_BUFFER_FULL' });
    queue.push(9);
    expect(queue.size).toBe(0);
  });

  it('end(error) lets the held events out first, then throws; return() stops it', async () => {
    const queue = new EventQueue<string>(5);
    queue.push('a');
    queue.end(new Error('gone'));
    await expect(queue.next()).resolves.toEqual({ value: 'a', done: false });
    await expect(queue.next()).rejects.toThrow('gone');
    const stopped = new EventQueue<string>(5);
    const waiting = stopped.next();
    await stopped.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    stopped.push('late');
    await expect(stopped.next()).resolves.toEqual({ value: undefined, done: true });
    expect(() => new EventQueue(0)).toThrow(RangeError);
  });
});

describe('reconnect backoff', () => {
  it('doubles from the initial delay up to the cap, jittered into the upper half', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(5000, 250 * 2 ** (attempt - 1));
        const delay = reconnectDelayMs(RECONNECT_DEFAULTS, attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectDelayMs(RECONNECT_DEFAULTS, n, () => 0))).toEqual([125, 250, 500, 1000, 2000, 2500, 2500]);
  });

  it('fills and validates its options', () => {
    expect(fillReconnectOptions(undefined)).toBeUndefined();
    expect(fillReconnectOptions(false)).toBeUndefined();
    expect(fillReconnectOptions(true)).toEqual(RECONNECT_DEFAULTS);
    expect(fillReconnectOptions({ maxAttempts: 2 })).toEqual({ ...RECONNECT_DEFAULTS, maxAttempts: 2 });
    expect(() => fillReconnectOptions({ maxAttempts: 0 })).toThrow('reconnect.maxAttempts must be a positive integer; got 0');
    expect(() => fillReconnectOptions({ initialDelayMs: -1 })).toThrow('reconnect.initialDelayMs');
  });
});
