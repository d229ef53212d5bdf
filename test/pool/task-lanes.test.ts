/**
 * Chunk scans pass queued speech in the real pool: a turn's next sentence must not wait for
 * every other turn's synthesis backlog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { queueOptionsSymbol } from 'piscina';
import { TaskLanes } from '../../src/pool/task-lanes.js';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const speech = {
  text: 'This is a long enough sentence that its synthesis takes a little while on one thread.',
  voice: 'en-us',
  rate: 175,
  pitch: 50,
  sampleRate: null,
};

describe('pool task lanes', () => {
  it('a chunk task queued behind speech tasks finishes before them', async () => {
    pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 16 });
    await pool.warmUp();
    const order: string[] = [];
    const speaking = [1, 2, 3, 4, 5, 6].map((i) => pool!.speak(speech).then(() => order.push(`speak ${i}`)));
    const chunking = pool
      .chunk({ text: 'One. Two. Thr', state: { sentencesEmitted: 0 }, options: fillChunkerOptions(), final: false })
      .then((reply) => {
        order.push('chunk');
        return reply;
      });
    expect((await chunking).ends).toEqual([4, 9]);
    await Promise.all(speaking);
    // The thread holds two tasks at once (the one running and the next, see task-runner.ts), and
    // replies that arrive together may settle in either order: the scan finishes within the first
    // four. In one FIFO queue it would finish last, after all six.
    expect(order.indexOf('chunk')).toBeLessThanOrEqual(3);
  });

  it('keeps each lane first-in first-out and removes what it is asked to', () => {
    const lanes = new TaskLanes();
    // Tasks as the TaskQueue contract gives them: all a queue may read is their queue options.
    const task = (lane: 'fast' | 'first' | 'slow' | undefined, id: number) => ({
      id,
      [queueOptionsSymbol]: lane === undefined ? null : { lane },
    });
    const [s1, f1, c1, s2, c2, f2] = [task('slow', 1), task('first', 2), task('fast', 3), task(undefined, 4), task('fast', 5), task('first', 6)];
    for (const t of [s1, f1, c1, s2, c2, f2]) lanes.push(t);
    lanes.remove(c2);
    expect(lanes.size).toBe(5);
    // Scans, then first sentences, then the rest, each lane in arrival order.
    expect(lanes.shift()).toBe(c1);
    expect(lanes.shift()).toBe(f1);
    expect(lanes.shift()).toBe(f2);
    expect(lanes.shift()).toBe(s1);
    // Piscina puts back a task it could not place; it must come out first again.
    lanes.unshift(s1);
    expect([lanes.shift(), lanes.shift(), lanes.shift()]).toEqual([s1, s2, null]);
  });
});
