import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/worker-pool.js';
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
    const pool = new WorkerPool({ minThreads: 2, maxThreads: 2, maxQueue: 16, scanThread: true });
    try {
      const { scanFirst, ends } = await scanWhileSpeaking(pool);
      expect(scanFirst).toBe(true);
      expect(ends.length).toBe(1);
      expect(pool.groupStats().map(([group, stats]) => [group, stats.threads])).toEqual([
        ['pipeline', 2],
        ['scan', 1],
      ]);
    } finally {
      await pool.close();
    }
  });

  it('without one, the same scan waits behind a synthesis (what the thread is for)', async () => {
    const pool = new WorkerPool({ minThreads: 2, maxThreads: 2, maxQueue: 16 });
    try {
      const { scanFirst, ends } = await scanWhileSpeaking(pool);
      expect(scanFirst).toBe(false);
      expect(ends.length).toBe(1);
      expect(pool.groupStats().map(([group]) => group)).toEqual(['pipeline']);
    } finally {
      await pool.close();
    }
  });

  it('loads no engine, and reports its memory as the scan group', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 4, scanThread: true });
    try {
      await pool.warmUp();
      const byGroup = new Map(pool.threadMemory().map((m) => [m.group, m]));
      expect(byGroup.get('scan')?.engineHeapBytes).toBe(0);
      expect(byGroup.get('pipeline')?.engineHeapBytes).toBeGreaterThan(1_000_000);
    } finally {
      await pool.close();
    }
  });

  it('a main-thread-only pool has none', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 0, maxQueue: 4, scanThread: true });
    try {
      await pool.warmUp();
      expect(pool.groupStats().map(([group]) => group)).toEqual(['pipeline']);
      expect((await pool.chunk(scanTask('Done here. Next'))).ends.length).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
