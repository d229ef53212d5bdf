/**
 * The speech-engine registry: the default engine's description is what the settings and the
 * protocol enforce, a worker builds only a registered engine, and a streamed synthesis collects
 * into one transferable result.
 */
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, SETTINGS, validateOptions } from '../../src/config/options.js';
import { PIPELINE_WORKER_URL } from '../../src/pool/worker-file.js';
import { parseClientEvent } from '../../src/protocol/client-event-parser.js';
import { type SpeechChunk, collectSpeech } from '../../src/speech/engine.js';
import { DEFAULT_ENGINE, findEngine } from '../../src/speech/engines.js';

const described = DEFAULT_ENGINE.description;

describe('the registry', () => {
  it('finds the default engine by its name, and refuses an unknown name naming the registered ones', () => {
    expect(findEngine(described.name)).toBe(DEFAULT_ENGINE);
    expect(findEngine('openai').placement).toBe('main');
    expect(() => findEngine('nowhere')).toThrow(`Unknown speech engine "nowhere"; registered engines: ${described.name}, openai.`);
    expect(() => findEngine(undefined)).toThrow(/Unknown speech engine undefined/);
  });

  it('describes sane ranges: min <= default <= max, a positive native rate', () => {
    for (const { description } of [DEFAULT_ENGINE, findEngine('openai')]) {
      for (const range of [description.rate, description.pitch]) {
        expect(range.min).toBeLessThanOrEqual(range.default);
        expect(range.default).toBeLessThanOrEqual(range.max);
      }
      expect(description.sampleRate).toBeGreaterThan(0);
    }
  });

  it("the upstream engine takes the settings' ranges as they are (the settings table is the default engine's)", () => {
    const upstream = findEngine('openai').description;
    expect(upstream.rate).toEqual(described.rate);
    expect(upstream.pitch).toEqual(described.pitch);
    expect(upstream.sampleRate).toBe(24_000);
  });
});

describe("the engine's limits are what validation enforces", () => {
  it('settings: speechRate, speechPitch and voice take their range and default from the description', () => {
    expect(SETTINGS.speechRate).toMatchObject(described.rate);
    expect(SETTINGS.speechPitch).toMatchObject(described.pitch);
    expect(DEFAULT_OPTIONS).toMatchObject({ speechRate: described.rate.default, speechPitch: described.pitch.default, voice: described.defaultVoice });
    expect(validateOptions({ speechRate: described.rate.max, speechPitch: described.pitch.min })).toMatchObject({
      speechRate: described.rate.max,
      speechPitch: described.pitch.min,
    });
    expect(() => validateOptions({ speechRate: described.rate.max + 1 })).toThrow(
      `Setting "speechRate" (options) must be an integer from ${described.rate.min} to ${described.rate.max}; got ${described.rate.max + 1}.`,
    );
    expect(() => validateOptions({ speechPitch: described.pitch.min - 1 })).toThrow(
      `must be an integer from ${described.pitch.min} to ${described.pitch.max}`,
    );
  });

  it('session.update: the edge of the range passes, one past it is INVALID_EVENT naming the range', () => {
    const limits = { maxTextBytes: 1024, rate: described.rate, pitch: described.pitch };
    const update = (session: object) => parseClientEvent(JSON.stringify({ type: 'session.update', session }), false, limits);
    expect(update({ rate: described.rate.max, pitch: described.pitch.max }).ok).toBe(true);
    const tooFast = update({ rate: described.rate.max + 1 });
    expect(tooFast.ok ? undefined : tooFast.error).toMatchObject({
      code: 'INVALID_EVENT',
      message: `Field "session.rate" must be an integer from ${described.rate.min} to ${described.rate.max}.`,
    });
  });
});

describe('the pipeline worker', () => {
  it('given an unknown engine name, fails start-up saying which engines there are', async () => {
    const pool = new Piscina({ filename: PIPELINE_WORKER_URL, minThreads: 1, maxThreads: 1, workerData: { engine: 'nowhere' } });
    pool.on('error', () => {});
    try {
      await expect(pool.run({}, { name: 'warm' })).rejects.toThrow(`Unknown speech engine "nowhere"; registered engines: ${described.name}, openai.`);
    } finally {
      await pool.destroy();
    }
  });
});

describe('collectSpeech', () => {
  const word = (start: number, startMs: number) => ({ start, end: start + 1, startMs, endMs: startMs + 10 });

  it('joins chunks in order into one fresh, exactly sized buffer, with every word', async () => {
    const backing = new Int16Array([9, 1, 2, 3, 9]);
    async function* chunks(): AsyncIterable<SpeechChunk> {
      yield { pcm: backing.subarray(1, 4), words: [word(0, 0)] };
      yield { pcm: Int16Array.of(4, 5), words: [word(2, 30), word(4, 40)] };
    }
    const result = await collectSpeech(chunks(), 16_000);
    expect([...result.pcm]).toEqual([1, 2, 3, 4, 5]);
    expect(result.pcm.buffer).not.toBe(backing.buffer);
    expect(result.pcm.buffer.byteLength).toBe(10);
    expect(result.sampleRate).toBe(16_000);
    expect(result.words).toEqual([word(0, 0), word(2, 30), word(4, 40)]);
  });

  it('keeps a single chunk that owns its exact buffer, and copies one that is a view', async () => {
    const own = Int16Array.of(1, 2);
    async function* one(pcm: Int16Array): AsyncIterable<SpeechChunk> {
      yield { pcm, words: [] };
    }
    expect((await collectSpeech(one(own), 8000)).pcm).toBe(own);
    const view = new Int16Array([0, 7, 8, 0]).subarray(1, 3);
    const copied = await collectSpeech(one(view), 8000);
    expect([...copied.pcm]).toEqual([7, 8]);
    expect(copied.pcm.byteOffset).toBe(0);
    expect(copied.pcm.buffer.byteLength).toBe(4);
  });
});
