/**
 * Early audio: a sentence's first audio leaves a pool thread while the rest is synthesized, and
 * the early part and the reply's rest join into exactly the audio of the whole sentence.
 */
import fc from 'fast-check';
import { once } from 'node:events';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARLY_AUDIO_MS, type EarlySpeech, type SpeakReply } from '../../src/pool/contract.js';
import { PiscinaRunner } from '../../src/pool/task-runner.js';
import { PIPELINE_WORKER_URL } from '../../src/pool/worker-file.js';
import { DEFAULT_ENGINE } from '../../src/speech/engines.js';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { resamplePcm16 } from '../../src/speech/resample.js';
import { EarlyAudio } from '../../workers/early-audio.js';

const NATIVE = 22_050;
const LONG = 'The appointment with Doctor Smith is on Monday at half past ten, and the fee is forty two dollars, a little less than last year.';
const voice = { voice: 'en-us', rate: 175, pitch: 50 };

function joined(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

describe('EarlyAudio', () => {
  it('posts, once, the settled head of the whole resampled audio, whatever the blocks and rates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.int16Array({ minLength: 1, maxLength: 4000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(NATIVE, 8000, 16_000, 24_000, 48_000),
        (blocks, toRate) => {
          const { port1, port2 } = new MessageChannel();
          const early = new EarlyAudio(port2, 'text', NATIVE, toRate);
          for (const block of blocks) early.add(block);
          const whole = blocks.reduce(joined, new Int16Array(0));
          const expected = toRate === NATIVE ? whole : resamplePcm16(whole, NATIVE, toRate);
          const posted = receiveMessageOnPort(port1)?.message as EarlySpeech | undefined;
          if (whole.length * 1000 < EARLY_AUDIO_MS * NATIVE) {
            expect(posted).toBeUndefined();
            expect(early.sent).toBe(0);
          } else {
            expect(posted?.sampleRate).toBe(toRate);
            expect(posted?.pcm.length).toBe(early.sent);
            expect(early.sent).toBeGreaterThan(0);
            expect([...(posted as EarlySpeech).pcm]).toEqual([...expected.subarray(0, early.sent)]);
            expect(receiveMessageOnPort(port1)).toBeUndefined();
          }
          port1.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('early audio through the pool', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 16, warmUpSyntheses: 1 });
    await pool.warmUp();
  });
  afterAll(async () => {
    await pool.close();
  });

  it.each([null, 24_000, 8000])('sends a long sentence’s first audio before the reply; with the rest it is the whole sentence (rate %s)', async (sampleRate) => {
    const task = { text: LONG, ...voice, sampleRate };
    const whole = await pool.speak(task);
    expect(whole.earlySamples).toBe(0);
    const early: EarlySpeech[] = [];
    let resolved = false;
    const reply = pool.speak(task, undefined, 'later', (e) => {
      expect(resolved).toBe(false);
      early.push(e);
    });
    void reply.then(() => (resolved = true));
    const rest = await reply;
    expect(early).toHaveLength(1);
    const first = early[0] as EarlySpeech;
    const rate = sampleRate ?? NATIVE;
    expect(first.sampleRate).toBe(rate);
    expect(first.speechText).toBe(whole.speechText);
    expect(first.pcm.length).toBeGreaterThanOrEqual(Math.floor((EARLY_AUDIO_MS * rate) / 1000) - 64);
    expect(first.pcm.length).toBeLessThan(whole.pcm.length / 2);
    expect(first.pcm.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(rest.earlySamples).toBe(first.pcm.length);
    // eSpeak's output differs by a few samples from one synthesis of a text to the next, so the
    // joined audio is held to the length of the whole; EarlyAudio's own test holds the seam exact.
    expect(Math.abs(first.pcm.length + rest.pcm.length - whole.pcm.length)).toBeLessThan(whole.pcm.length / 100);
    expect(rest.words.map((w) => [w.start, w.end])).toEqual(whole.words.map((w) => [w.start, w.end]));
  });

  describe('the thread has let go of the early port when it replies (a Piscina thread idles in Atomics.wait, where a closing port is never freed)', () => {
    let runner: PiscinaRunner;
    beforeAll(() => {
      runner = new PiscinaRunner({
        filename: PIPELINE_WORKER_URL,
        threads: { min: 1, max: 1 },
        workerData: { engine: DEFAULT_ENGINE.description.name, pronunciations: [], warmUpSyntheses: 1 },
        resourceLimits: {},
      });
    });
    afterAll(async () => {
      await runner.close();
    });

    /** Speaks `task` with an early port; resolves with the reply and the messages the port got, once the port has closed. */
    async function speakWithPort(task: object): Promise<{ reply: SpeakReply; early: unknown[] }> {
      const { port1, port2 } = new MessageChannel();
      const early: unknown[] = [];
      // A listener starts the port: a port not started never reads the other side's close either.
      port1.on('message', (message) => early.push(message));
      let closed = false;
      const close = once(port1, 'close').then(() => (closed = true));
      const reply = (await runner.run('speak', { ...task, early: port2 }, 'slow', [port2])) as SpeakReply;
      // Closed on the thread before its reply was posted; the two ports keep no order between
      // them, so the close may be read here a moment after the reply. A port the thread only
      // asked to close never closes at all while the thread idles: this wait would not end.
      await close;
      expect(closed).toBe(true);
      return { reply, early };
    }

    it('after a synthesis, every time', async () => {
      for (let i = 0; i < 3; i++) {
        const { reply, early } = await speakWithPort({ text: LONG, ...voice, sampleRate: null });
        expect(reply.ok && reply.earlySamples).toBeGreaterThan(0);
        expect(early).toHaveLength(1);
      }
    });

    it('after a task its caller gave up before it started (skipped, nothing sent)', async () => {
      const cancelled = new Int32Array(new SharedArrayBuffer(4));
      Atomics.store(cancelled, 0, 1);
      const { reply, early } = await speakWithPort({ text: LONG, ...voice, sampleRate: null, cancelled });
      expect(reply).toMatchObject({ ok: false, code: 'CANCELLED' });
      expect(early).toEqual([]);
    });
  });

  it('a sentence shorter than the early part comes whole in the reply', async () => {
    const calls: EarlySpeech[] = [];
    const reply = await pool.speak({ text: 'A.', ...voice, sampleRate: null }, undefined, 'later', (e) => calls.push(e));
    expect(calls).toEqual([]);
    expect(reply.earlySamples).toBe(0);
    expect(reply.pcm.length).toBeGreaterThan(0);
  });
});

describe('early audio on the main-thread runner', () => {
  it('is not sent: nothing can leave before the task returns', async () => {
    const pool = new WorkerPool({ minThreads: 0, maxThreads: 0, maxQueue: 4, warmUpSyntheses: 1 });
    try {
      await pool.warmUp();
      const calls: EarlySpeech[] = [];
      const reply = await pool.speak({ text: LONG, ...voice, sampleRate: null }, undefined, 'later', (e) => calls.push(e));
      expect(calls).toEqual([]);
      expect(reply.earlySamples).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
