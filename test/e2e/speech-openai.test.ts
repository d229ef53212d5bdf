/**
 * `POST /v1/audio/speech` and `GET /v1/models` as OpenAI's own Node client sees them: the
 * official `openai` package, unchanged but for `baseURL`, against a real server (real pool, real
 * eSpeak-NG, real encoders). The audio is checked with decoders independent of the encoders.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { decodeAudio } from '../support/decode-audio.js';
import { startServer } from '../support/server.js';
import { parseWavHeader } from '../support/wav-header.js';

let server: SaywireServer;
let client: OpenAI;
/** Seconds (±5 ms: eSpeak's renderings differ by a few samples) of the reference rendering (pcm, 24 kHz) of `INPUT` by `VOICE`. */
let referenceSeconds: number;

const INPUT = 'Hello from saywire. This sentence is the second one. And here is a third!';
const VOICE = 'coral';
const INSTRUCTIONS = 'Speak in a warm, cheerful tone.';

const bytesOf = async (res: Response): Promise<Uint8Array> => new Uint8Array(await res.arrayBuffer());

beforeAll(async () => {
  server = await startServer();
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed' });
  const pcm = await bytesOf(await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: VOICE, input: INPUT, instructions: INSTRUCTIONS, response_format: 'pcm' }));
  referenceSeconds = pcm.length / 2 / 24_000;
});
afterAll(async () => {
  await server.close();
});

describe('the official openai client', () => {
  it('gets pcm: 16-bit samples at 24 kHz, seconds of speech', () => {
    expect(referenceSeconds).toBeGreaterThan(2);
    expect(referenceSeconds).toBeLessThan(15);
  });

  it('gets wav at 24 kHz with instructions set', async () => {
    const res = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: VOICE, input: INPUT, instructions: INSTRUCTIONS, response_format: 'wav' });
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = await bytesOf(res);
    const wav = parseWavHeader(bytes);
    expect(wav.sampleRate).toBe(24_000);
    expect(wav.channels).toBe(1);
    expect((bytes.length - wav.dataOffset) / 2 / 24_000).toBeCloseTo(referenceSeconds, 2);
  });

  it.each([
    ['mp3', 'audio/mpeg', 24_000],
    ['opus', 'audio/ogg; codecs=opus', 48_000],
    ['flac', 'audio/flac', 24_000],
  ] as const)('gets %s that an independent decoder plays at the right length', async (format, type, decodedRate) => {
    const res = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: VOICE, input: INPUT, instructions: INSTRUCTIONS, response_format: format });
    expect(res.headers.get('content-type')).toBe(type);
    const decoded = await decodeAudio(format, await bytesOf(res));
    expect(decoded.errors).toBe(0);
    expect(decoded.sampleRate).toBe(decodedRate);
    const seconds = decoded.samples.length / decoded.sampleRate;
    // eSpeak's renderings of one text differ by a few samples from run to run. The lossy codecs pad each sentence by up to a frame or two.
    if (format === 'flac') expect(seconds).toBeCloseTo(referenceSeconds, 2);
    else {
      expect(seconds).toBeGreaterThanOrEqual(referenceSeconds - 0.01);
      expect(seconds).toBeLessThan(referenceSeconds + 0.3);
    }
  });

  it('gets mp3 when it names no format, as from OpenAI', async () => {
    const res = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Default format.' });
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const decoded = await decodeAudio('mp3', await bytesOf(res));
    expect(decoded.errors).toBe(0);
    expect(decoded.samples.length).toBeGreaterThan(0.5 * 24_000);
  });

  it('gets an SSE stream of speech.audio.delta events and a speech.audio.done', async () => {
    const res = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: VOICE, input: INPUT, instructions: INSTRUCTIONS, response_format: 'pcm', stream_format: 'sse' });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice('data: '.length)) as { type: string; audio?: string; usage?: unknown });
    const deltas = events.filter((e) => e.type === 'speech.audio.delta');
    // One delta per sentence, then the end: nothing after it.
    expect(deltas.length).toBe(3);
    expect(events.at(-1)).toEqual({ type: 'speech.audio.done', usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 } });
    const bytes = deltas.reduce((n, e) => n + Buffer.from(e.audio as string, 'base64').length, 0);
    expect(bytes / 2 / 24_000).toBeCloseTo(referenceSeconds, 2);
  });

  it('gets an SSE stream of mp3 whose deltas join into one playable file', async () => {
    const res = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: VOICE, input: INPUT, response_format: 'mp3', stream_format: 'sse' });
    const audio = (await res.text())
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as { type: string; audio?: string })
      .filter((e) => e.type === 'speech.audio.delta')
      .map((e) => Buffer.from(e.audio as string, 'base64'));
    const decoded = await decodeAudio('mp3', Buffer.concat(audio));
    expect(decoded.errors).toBe(0);
    expect(decoded.samples.length / decoded.sampleRate).toBeGreaterThanOrEqual(referenceSeconds - 0.01);
  });

  it('speaks distinct voices for distinct OpenAI names', async () => {
    const render = async (voice: string) => bytesOf(await client.audio.speech.create({ model: 'tts-1', voice, input: 'Which voice is this?', response_format: 'pcm' }));
    const [onyx, nova, fable] = await Promise.all([render('onyx'), render('nova'), render('fable')]);
    expect(Buffer.compare(onyx, nova)).not.toBe(0);
    expect(Buffer.compare(onyx, fable)).not.toBe(0);
    expect(Buffer.compare(nova, fable)).not.toBe(0);
  });

  it('is refused an unknown voice with a 400 that says where to look', async () => {
    const err = await client.audio.speech.create({ model: 'tts-1', voice: 'nobody', input: 'Hi.' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(String((err as Error).message)).toContain('/v1/voices');
  });

  it('lists models in OpenAI shape', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      ids.push(model.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['espeak', 'tts-1', 'gpt-4o-mini-tts']));
  });
});
