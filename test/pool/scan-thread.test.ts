import { describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerPoolOptions } from '../../src/pool/worker-pool.js';
import { DEFAULT_CHUNKER_OPTIONS } from '../../src/text/chunker-options.js';
import { SentenceCarry } from '../../src/text/sentence-carry.js';

/** About 40 s of speech: a synthesis that keeps its thread busy far longer than a scan takes. */
const LONG = Array.from({ length: 6 }, () => 'The quick brown fox jumps over the lazy dog, and then it runs all the way back home again before the rain starts.').join(' ');
const VOICE = { voice: 'en-us', rate: 175, pitch: 50, sampleRate: null };

function scanTask(text: string) {
  const carry = new SentenceCarry(DEFAULT_CHUNKER_OPTIONS);
  carry.append(text);
  return { text, state: carry.state, options: DEFAULT_CHUNKER_OPTIONS, final: false };
}

/** Runs `use` on a fresh pool with `options`, and closes the pool however it ends. */
async function withPool(options: WorkerPoolOptions, use: (pool: WorkerPool) => Promise<void>): Promise<void> {
  const pool = new WorkerPool(options);
  try {
    await use(pool);
  } finally {
    await pool.close();
  }
}

/** Fills every speaking thread (two tasks each), then scans; says whether the scan ended before any synthesis did. */
async function scanWhileSpeaking(pool: WorkerPool): Promise<{ scanFirst: boolean; ends: number[] }> {
  await pool.warmUp();
  let spoken = 0;
  const speaking = Array.from({ length: 4 }, () => pool.speak({ text: LONG, ...VOICE }).then(() => spoken++));
  const scan = await pool.chunk(scanTask('One sentence here. And the next one starts'));
  const scanFirst = spoken === 0;
  await Promise.all(speaking);
  return { scanFirst, ends: scan.ends };
}

describe('the scan thread', () => {
  it('a scan does not wait for a synthesis when every speaking thread is busy', async () => {
    await withPool({ minThreads: 2, maxThreads: 2, maxQueue: 16, scanThread: true }, async (pool) => {
      const { scanFirst, ends } = await scanWhileSpeaking(pool);
      expect(scanFirst).toBe(true);
      expect(ends.length).toBe(1);
      expect(pool.groupStats().map(([group, stats]) => [group, stats.threads])).toEqual([
        ['pipeline', 2],
        ['scan', 1],
      ]);
    });
  });

  it('without one, the same scan waits behind a synthesis (what the thread is for)', async () => {
    await withPool({ minThreads: 2, maxThreads: 2, maxQueue: 16 }, async (pool) => {
      const { scanFirst, ends } = await scanWhileSpeaking(pool);
      expect(scanFirst).toBe(false);
      expect(ends.length).toBe(1);
      expect(pool.groupStats().map(([group]) => group)).toEqual(['pipeline']);
    });
  });

  it('loads no engine, and reports its memory as the scan group', async () => {
    await withPool({ minThreads: 1, maxThreads: 1, maxQueue: 4, scanThread: true }, async (pool) => {
      await pool.warmUp();
      const byGroup = new Map(pool.threadMemory().map((m) => [m.group, m]));
      expect(byGroup.get('scan')?.engineHeapBytes).toBe(0);
      expect(byGroup.get('pipeline')?.engineHeapBytes).toBeGreaterThan(1_000_000);
    });
  });

  it('a main-thread-only pool has none', async () => {
    await withPool({ minThreads: 1, maxThreads: 0, maxQueue: 4, scanThread: true }, async (pool) => {
      await pool.warmUp();
      expect(pool.groupStats().map(([group]) => group)).toEqual(['pipeline']);
      expect((await pool.chunk(scanTask('Done here. Next'))).ends.length).toBe(1);
    });
  });
});
