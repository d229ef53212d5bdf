/**
 * An upstream engine's sentence with the real pool: the piece buffer is bounded (an endless body
 * is read only as far as the buffer and the reader allow), aborting ends the engine's stream, and
 * resample blocks travel to the worker and back by transfer.
 */
import { setImmediate } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import type { SpeechChunk, SpeechEngine } from '../../src/speech/engine.js';
import { findEngine } from '../../src/speech/engines.js';
import { resamplePcm16Range } from '../../src/speech/resample.js';
import { PIECES_BUFFERED, UpstreamSpeech } from '../../src/turn/upstream-speech.js';

let pool: WorkerPool;
beforeAll(async () => {
  // The openai engine's threads load no engine of their own: they prepare and resample.
  pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 64, engine: 'openai' });
  await pool.warmUp();
});
afterAll(async () => {
  await pool.close();
});

/** An upstream whose body never ends: 10 ms chunks for as long as it is read. */
function endlessEngine() {
  const state = { pulls: 0, ended: false, waiters: [] as Array<() => void> };
  const engine: SpeechEngine = {
    description: findEngine('openai').description,
    heapBytes: 0,
    voices: () => [{ id: 'alloy', name: 'alloy', languages: [] }],
    async *stream(): AsyncIterable<SpeechChunk> {
      try {
        for (;;) {
          state.pulls++;
          for (const wake of state.waiters.splice(0)) wake();
          yield { pcm: new Int16Array(240), words: [] };
        }
      } finally {
        state.ended = true;
        for (const wake of state.waiters.splice(0)) wake();
      }
    },
  };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => state.waiters.push(resolve));
  };
  return { engine, state, until };
}

const observer = { firstByte() {}, bytes() {}, failed() {} };
const task = { text: 'Hello there.', voice: 'alloy', rate: 175, pitch: 50, sampleRate: null };

describe('an upstream sentence', () => {
  it(`buffers at most ${PIECES_BUFFERED} pieces ahead of its reader, and an abort ends the upstream stream`, async () => {
    const { engine, state, until } = endlessEngine();
    const speech = new UpstreamSpeech({ pool, engine, language: null, observer, clock: systemClock });
    const controller = new AbortController();
    const audio = await speech.stream(task, controller.signal);
    // Full buffer, and one more chunk read and waiting for room.
    await until(() => state.pulls === PIECES_BUFFERED + 1);
    for (let i = 0; i < 5; i++) await setImmediate();
    expect(state.pulls).toBe(PIECES_BUFFERED + 1);
    const reader = audio.pieces[Symbol.asyncIterator]();
    expect((await reader.next()).value?.pcm.length).toBe(240);
    // Taking one piece makes room for one more read.
    await until(() => state.pulls === PIECES_BUFFERED + 2);
    for (let i = 0; i < 5; i++) await setImmediate();
    expect(state.pulls).toBe(PIECES_BUFFERED + 2);
    controller.abort(new Error('barge-in'));
    await until(() => state.ended);
    expect(state.ended).toBe(true);
  });

  it('moves each resample block to the worker and back: the sent buffers are detached', async () => {
    const context = new Int16Array([1, 2, 3, 4]);
    const pcm = Int16Array.from({ length: 480 }, (_, i) => (i * 37) % 2000);
    const input = new Int16Array([...context, ...pcm]);
    const expected = resamplePcm16Range(input, 100, 24_000, 16_000, 70, 300);
    const out = await pool.resample({ context, pcm, inputStart: 100, fromRate: 24_000, toRate: 16_000, first: 70, count: 300 });
    expect(context.byteLength).toBe(0);
    expect(pcm.byteLength).toBe(0);
    expect(out).toEqual(expected);
  });

  it('a prepared sentence carries the normalized text and its word spans in the sentence as written', async () => {
    const reply = await pool.prepare({ text: 'Pay $5 now.', language: 'en' });
    expect(reply.speechText).toBe('Pay five dollars now.');
    expect(reply.words.map((w) => ['Pay $5 now.'.slice(w.start, w.end), reply.speechText.slice(w.speechStart, w.speechEnd)])).toEqual([
      ['Pay', 'Pay'],
      ['$5', 'five'],
      ['$5', 'dollars'],
      ['now', 'now'],
    ]);
  });
});
