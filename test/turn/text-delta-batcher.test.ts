import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDeltaBatcher } from '../../src/turn/text-delta-batcher.js';
import { ManualClock } from '../support/in-process.js';

function batcher(intervalMs: number) {
  const clock = new ManualClock();
  const sent: Array<{ at: number; delta: string }> = [];
  const b = new TextDeltaBatcher(intervalMs, clock, (delta) => sent.push({ at: clock.now(), delta }));
  return { b, clock, sent };
}

describe('TextDeltaBatcher', () => {
  it('sends the first delta at once and holds the ones that follow within the interval', () => {
    const { b, clock, sent } = batcher(100);
    b.add('Hello');
    expect(sent).toEqual([{ at: 0, delta: 'Hello' }]);
    clock.advance(20);
    b.add(' there');
    clock.advance(20);
    b.add(', how');
    expect(sent).toHaveLength(1);
    clock.advance(60);
    expect(sent).toEqual([
      { at: 0, delta: 'Hello' },
      { at: 100, delta: ' there, how' },
    ]);
    // Quiet for longer than the interval: the next delta goes at once again.
    clock.advance(300);
    b.add(' are you?');
    expect(sent.at(-1)).toEqual({ at: 400, delta: ' are you?' });
  });

  it('flush sends what is held at once and cancels the timer', () => {
    const { b, clock, sent } = batcher(100);
    b.add('One.');
    b.add(' Two');
    expect(clock.pending).toBe(1);
    b.flush();
    expect(sent.map((s) => s.delta)).toEqual(['One.', ' Two']);
    expect(clock.pending).toBe(0);
    b.flush();
    expect(sent).toHaveLength(2);
  });

  it('interval 0 sends every delta as it comes, with no timer', () => {
    const { b, clock, sent } = batcher(0);
    for (const d of ['a', 'b', 'c']) b.add(d);
    expect(sent.map((s) => s.delta)).toEqual(['a', 'b', 'c']);
    expect(clock.pending).toBe(0);
  });

  it('for any deltas, timing and flushes: the text is unchanged and sends are an interval apart unless flushed', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 250 }) }),
      fc.record({ kind: fc.constant('flush' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(op, { maxLength: 60 }), (intervalMs, ops) => {
        const { b, clock, sent } = batcher(intervalMs);
        let added = '';
        /** Send times that a flush caused, which may come sooner than the interval. */
        const flushedAt = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'add') {
            added += o.text;
            b.add(o.text);
          } else if (o.kind === 'wait') clock.advance(o.ms);
          else {
            flushedAt.add(sent.length);
            b.flush();
          }
        }
        b.flush();
        expect(sent.map((s) => s.delta).join('')).toBe(added);
        expect(sent.every((s) => s.delta !== '')).toBe(true);
        for (let i = 1; i < sent.length; i++) {
          if (flushedAt.has(i) || i === sent.length - 1) continue;
          expect((sent[i] as { at: number }).at - (sent[i - 1] as { at: number }).at).toBeGreaterThanOrEqual(intervalMs);
        }
        // Nothing is held once flushed: no timer is left behind.
        expect(clock.pending).toBe(0);
      }),
    );
  });
});
