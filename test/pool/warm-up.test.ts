import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/worker-pool.js';

describe('pool warm-up', () => {
  it.each([
    ['a worker thread', 1],
    ['the main-thread runner', 0],
  ])('%s speaks poolWarmUpSyntheses real sentences before it says it is warm', async (_name, maxThreads) => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads, maxQueue: 4, warmUpSyntheses: 5 });
    try {
      const reply = await pool.warmUp();
      expect(reply.warmedWith).toBe(5);
      expect(pool.isWarm).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('an upstream engine has no engine in the pool: its threads warm the normalizer only', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 4, engine: 'openai', warmUpSyntheses: 5 });
    try {
      expect((await pool.warmUp()).warmedWith).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
