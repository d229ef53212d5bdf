/**
 * Main-thread-only mode (`poolMaxThreads: 0`): the same pipeline handlers, run on the main
 * thread behind the same pool interface. A real server in that mode speaks a turn with real
 * eSpeak, as the threaded pool does; the setting is validated; the runner's queue
 * is bounded like the pool's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpText, optionsFromEnv, resolveOptions } from '../../src/config/option-sources.js';
import { validateOptions } from '../../src/config/options.js';
import { ConfigError, SaywireError } from '../../src/errors.js';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const INPUT = 'Please read me the order: two coffees at $3.50 each, and a muffin.';

async function speakTurn(target: SaywireServer): Promise<{ sentences: string[]; pcm: Buffer; status: string }> {
  const client = await TestClient.connect(target.url);
  client.send({ type: 'response.create', input: INPUT });
  const done = (await client.next('response.done')).response as { status: string };
  const sentences = client.events('response.sentence').map((e) => e.text as string);
  const pcm = Buffer.concat(client.audio().map((f) => Buffer.from(f.samples.buffer, f.samples.byteOffset, f.samples.byteLength)));
  client.close();
  await client.whenClosed();
  return { sentences, pcm, status: done.status };
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
  if (match === null) throw new Error(`${name} missing`);
  return Number(match[1]);
}

describe('a server with poolMaxThreads 0', () => {
  let single: SaywireServer;
  let pooled: SaywireServer;
  beforeAll(async () => {
    // Both servers share this process's event loop, which every main-thread synthesis blocks:
    // admission by loop delay would refuse the next turns, so it is lifted here.
    const admission = { admissionMaxLoopDelayMs: 60_000 };
    single = await startServer({ poolMaxThreads: 0, ...admission });
    pooled = await startServer({ poolMinThreads: 1, poolMaxThreads: 1, ...admission });
  });
  afterAll(async () => {
    await single.close();
    await pooled.close();
  });

  it('speaks a turn on the main thread, with the same sentences and audio as the pool', async () => {
    const onMain = await speakTurn(single);
    const inPool = await speakTurn(pooled);
    expect(onMain.status).toBe('completed');
    expect(onMain.sentences.length).toBeGreaterThan(1);
    expect(onMain.pcm.length).toBeGreaterThan(16_000);
    expect(onMain.sentences).toEqual(inPool.sentences);
    // The same handlers make the same speech wherever they run. Not always byte for byte: in one
    // of two runs the totals differed by 194 of 441,605 samples (eSpeak's output can shift a
    // little with what the engine spoke before), so the totals must agree to within 1%.
    expect(Math.abs(onMain.pcm.length - inPool.pcm.length) / inPool.pcm.length).toBeLessThan(0.01);
    const stats = single.pool.stats();
    expect(stats.threads).toBe(0);
    expect(stats.completed).toBeGreaterThan(onMain.sentences.length);
    expect(single.pool.threadMemory()).toEqual([]);
    // Two turns on engines whose JIT is still cold (eSpeak is wasm2js), on a shared machine.
  }, 90_000);

  it('reports one server-added latency per sentence spoken', async () => {
    const before = metric(await single.metrics.scrape(), 'saywire_sentence_server_latency_seconds_count');
    const turn = await speakTurn(single);
    const text = await single.metrics.scrape();
    expect(metric(text, 'saywire_sentence_server_latency_seconds_count') - before).toBe(turn.sentences.length);
    expect(metric(text, 'saywire_pool_threads{pool="pipeline"}')).toBe(0);
  });
});

describe('the poolMaxThreads setting', () => {
  it('takes 0 from the environment, with the default poolMinThreads left unused', () => {
    const options = resolveOptions({ env: optionsFromEnv({ SAYWIRE_POOL_MAX_THREADS: '0' }) });
    expect(options.poolMaxThreads).toBe(0);
  });

  it('refuses a negative or fractional count, naming the setting', () => {
    for (const bad of [-1, 0.5, 65]) {
      const err = (() => {
        try {
          validateOptions({ poolMaxThreads: bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).setting).toBe('poolMaxThreads');
    }
    // With threads, the minimum still may not exceed the maximum.
    expect(() => validateOptions({ poolMinThreads: 3, poolMaxThreads: 2 })).toThrow(ConfigError);
  });

  it('is marked as not for production in --help', () => {
    const line = helpText().split('\n').find((l) => l.includes('--pool-max-threads')) ?? '';
    expect(line).toContain('0 runs chunking and synthesis on the main thread');
    expect(line).toContain('never for production');
  });
});

describe('the main-thread runner', () => {
  it('bounds its queue like the pool: past maxQueue a task is refused with OVERLOADED', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 0, maxQueue: 2 });
    try {
      await pool.warmUp();
      const speech = { text: 'One short sentence.', voice: 'en-us', rate: 175, pitch: 50, sampleRate: null };
      const accepted = [pool.speak(speech), pool.speak(speech)];
      await expect(pool.speak(speech)).rejects.toMatchObject({ code: 'OVERLOADED' });
      const replies = await Promise.all(accepted);
      expect(replies.every((r) => r.pcm.length > 0)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('runs scans ahead of queued speech, and a first sentence ahead of later ones', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 0, maxQueue: 16 });
    try {
      await pool.warmUp();
      const order: string[] = [];
      const speech = { text: 'A sentence.', voice: 'en-us', rate: 175, pitch: 50, sampleRate: null };
      const later = [1, 2, 3].map((i) => pool.speak(speech, undefined, 'later').then(() => order.push(`later ${i}`)));
      const first = pool.speak(speech, undefined, 'first').then(() => order.push('first'));
      const scan = pool
        .chunk({ text: 'One. Tw', state: { sentencesEmitted: 0 }, options: fillChunkerOptions(), final: false })
        .then(() => order.push('chunk'));
      await Promise.all([...later, first, scan]);
      // Nothing runs before the next turn of the loop, so all five were queued together.
      expect(order).toEqual(['chunk', 'first', 'later 1', 'later 2', 'later 3']);
    } finally {
      await pool.close();
    }
  });

  it('refuses tasks once closed', async () => {
    const pool = new WorkerPool({ minThreads: 1, maxThreads: 0, maxQueue: 4 });
    await pool.warmUp();
    await pool.close();
    const scan = pool.chunk({ text: 'x', state: { sentencesEmitted: 0 }, options: fillChunkerOptions(), final: true });
    await expect(scan).rejects.toBeInstanceOf(SaywireError);
  });
});
