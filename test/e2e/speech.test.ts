/**
 * Speech end to end with the real pool and the real eSpeak-NG engine: audio per sentence,
 * transfer of PCM, failures that stay in their turn, flow control, and the HTTP speech endpoint.
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { DEFAULT_ENGINE } from '../../src/speech/engines.js';
import type { SaywireServer } from '../../src/server/server.js';
import { WAV_UNKNOWN_SIZE } from '../../src/speech/wav.js';
import { LogCapture } from '../support/log-capture.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';
import { parseWavHeader } from '../support/wav-header.js';

const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((n, v) => n + v * v, 0) / Math.max(1, pcm.length));

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('speech over the socket', () => {
  it('voices every sentence with non-silent PCM of plausible length, frames in order', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'response.create', input: 'Hi' });
    const done = (await client.next('response.done')).response as { status: string; timings: { first_audio_ms: number }; audio_ms: number };
    expect(done.status).toBe('completed');
    expect(done.timings.first_audio_ms).toBeGreaterThanOrEqual(0);
    const sentences = client.events('response.sentence');
    const frames = client.audio();
    expect(frames.map((f) => f.header.seq)).toEqual(frames.map((_, i) => i));
    let totalMs = 0;
    for (const sentence of sentences) {
      const mine = frames.filter((f) => f.header.sentenceIndex === sentence.index);
      const samples = new Int16Array(mine.reduce((n, f) => n + f.samples.length, 0));
      let at = 0;
      for (const f of mine) {
        samples.set(f.samples, at);
        at += f.samples.length;
      }
      const rate = mine[0]?.header.sampleRate as number;
      const ms = (samples.length / rate) * 1000;
      totalMs += ms;
      const chars = (sentence.speech_text as string).length;
      expect(rms(samples), `sentence ${sentence.index} is silent`).toBeGreaterThan(300);
      expect(ms / chars, `ms per char of "${sentence.speech_text}"`).toBeGreaterThan(30);
      expect(ms / chars).toBeLessThan(150);
      const doneEvent = client.events('response.audio.done').find((e) => e.sentence_index === sentence.index);
      expect(Math.abs((doneEvent?.duration_ms as number) - ms)).toBeLessThan(1);
      const words = doneEvent?.words as Array<{ text: string; start: number; end: number; start_ms: number }>;
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) expect((sentence.text as string).slice(w.start, w.end)).toBe(w.text);
      expect(words.map((w) => w.start_ms)).toEqual([...words.map((w) => w.start_ms)].sort((a, b) => a - b));
    }
    expect(Math.abs(done.audio_ms - totalMs)).toBeLessThan(sentences.length + 1);
    client.close();
  });

  it('resamples on request and sends base64 deltas when asked', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', session: { audio: { format: 'base64', sample_rate: 16000, frame_ms: 20 } } });
    const updated = await client.next('session.updated');
    expect(updated.session).toMatchObject({ audio: { format: 'base64', sample_rate: 16000, frame_ms: 20 } });
    client.send({ type: 'text.append', delta: 'Testing one two three.' });
    client.send({ type: 'text.done' });
    await client.next('response.done');
    expect(client.audio()).toEqual([]);
    const deltas = client.events('response.audio.delta');
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    // 20 ms at 16 kHz is 320 samples, 640 bytes, in every frame but the last.
    expect(Buffer.from(deltas[0]?.audio as string, 'base64').length).toBe(640);
    const done = client.events('response.audio.done')[0];
    expect(done?.sample_rate).toBe(16000);
    client.close();
  });

  it('rejects an unknown voice in session.update and keeps the old one', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', event_id: 'v1', session: { voice: 'klingon' } });
    const error = await client.next('error');
    expect(error.error).toMatchObject({ code: 'INVALID_EVENT', event_id: 'v1' });
    client.send({ type: 'session.update', session: { voice: 'en-gb-x-rp' } });
    expect((await client.next('session.updated')).session).toMatchObject({ voice: 'en-gb-x-rp' });
    client.close();
  });

  it("takes session.update's rate and pitch limits from the engine's description", async () => {
    const { rate, pitch } = DEFAULT_ENGINE.description;
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', event_id: 'r1', session: { rate: rate.max + 1 } });
    expect((await client.next('error')).error).toMatchObject({
      code: 'INVALID_EVENT',
      event_id: 'r1',
      message: `Field "session.rate" must be an integer from ${rate.min} to ${rate.max}.`,
    });
    client.send({ type: 'session.update', session: { rate: rate.max, pitch: pitch.min } });
    expect((await client.next('session.updated')).session).toMatchObject({ rate: rate.max, pitch: pitch.min });
    client.close();
  });
});

describe('the thread boundary', () => {
  it('PCM comes back in shared memory: nothing in the worker is detached, and nothing is copied on the way', async () => {
    const pool = new WorkerPool({
      minThreads: 1,
      maxThreads: 1,
      maxQueue: 10,
      filename: new URL('../support/transfer-probe.worker.mjs', import.meta.url).href,
    });
    try {
      const reply = await pool.speak({ text: 'Share me.', voice: 'en-us', rate: 175, pitch: 50, sampleRate: null });
      expect(reply.pcm.length).toBeGreaterThan(1000);
      // The main thread's view is of the very memory the worker wrote: a write here shows there.
      expect(reply.pcm.buffer).toBeInstanceOf(SharedArrayBuffer);
      reply.pcm.fill(7, 0, 64);
      const { probe } = (await pool.warmUp()) as { probe?: { byteLength: number; shared: boolean; first: Int16Array } };
      expect(probe?.shared).toBe(true);
      expect(probe?.byteLength).toBe(reply.pcm.byteLength);
      expect([...(probe?.first ?? [])]).toEqual(new Array(64).fill(7));
    } finally {
      await pool.close();
    }
  });
});

describe('failures stay in their turn', () => {
  let faulty: SaywireServer;
  beforeAll(async () => {
    faulty = await startServer({}, { workerFile: new URL('../support/faulty.worker.mjs', import.meta.url).href });
  });
  afterAll(async () => {
    await faulty.close();
  });

  it.each(['EXPLODE', 'VANISH'])('a worker that fails (%s) fails only that turn; the next turn speaks', async (cue) => {
    const client = await TestClient.connect(faulty.url);
    const bystander = await TestClient.connect(faulty.url);
    client.send({ type: 'text.append', delta: `Fine sentence. Then ${cue} here. Never said.` });
    client.send({ type: 'text.done' });
    const done = (await client.next('response.done')).response;
    expect(done).toMatchObject({ status: 'failed', status_details: { reason: 'WORKER_FAILED' } });
    expect(client.events('error').map((e) => (e.error as { code: string }).code)).toEqual(['WORKER_FAILED']);
    // Same connection, and another one, keep working.
    client.send({ type: 'response.create', input: 'again' });
    expect((await client.next('response.done')).response).toMatchObject({ status: 'completed' });
    bystander.send({ type: 'response.create', input: 'me too' });
    expect((await bystander.next('response.done')).response).toMatchObject({ status: 'completed' });
    expect(bystander.audio().length).toBeGreaterThan(0);
    client.close();
    bystander.close();
  });
});

describe('flow control', () => {
  it('closes a client that never reads, without letting its buffer grow past the cap', async () => {
    const logs = new LogCapture();
    const limits = { sendHighWaterBytes: 65_536, sendHardCapBytes: 262_144, slowClientTimeoutMs: 300 };
    const slow = await startServer({ ...limits, maxTextBytes: 20_000 }, { logger: logs.logger() });
    try {
      const ws = new WebSocket(`${slow.url.replace('http', 'ws')}/v1/realtime`);
      await new Promise((resolve) => ws.once('message', resolve));
      // Stop reading: the kernel buffers fill, then the server's.
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      ws.send(JSON.stringify({ type: 'session.update', session: { audio: { sample_rate: 48000 } } }));
      const sentence = 'This sentence is spoken again and again to make a lot of audio. ';
      ws.send(JSON.stringify({ type: 'text.append', delta: sentence.repeat(250) }));
      ws.send(JSON.stringify({ type: 'text.done' }));
      const closed = await logs.waitFor((l) => l.msg === 'slow client closed');
      expect(closed.code).toBe('SLOW_CLIENT');
      expect(closed.bufferedAmount as number).toBeLessThanOrEqual(limits.sendHardCapBytes);
      await logs.waitFor((l) => l.msg === 'connection closed');
      expect(slow.connections.size).toBe(0);
      await logs.waitFor((l) => l.msg === 'turn done' && l.status === 'cancelled');
      ws.terminate();
      // The server still serves others.
      const other = await TestClient.connect(slow.url);
      other.send({ type: 'response.create', input: 'hello' });
      expect((await other.next('response.done')).response).toMatchObject({ status: 'completed' });
      other.close();
    } finally {
      await slow.close();
    }
  });
});

describe('POST /v1/audio/speech', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers a valid WAV at 24 kHz, OpenAI style', async () => {
    const res = await post({ model: 'tts-1', input: 'Hello there. This is saywire.', voice: 'alloy', response_format: 'wav' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('x-sample-rate')).toBe('24000');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wav = parseWavHeader(bytes);
    expect(wav.sampleRate).toBe(24_000);
    expect(wav.channels).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    // Streamed: the header declares the length unknown, and the body is whole samples to the end.
    expect(wav.dataBytes).toBe(WAV_UNKNOWN_SIZE);
    expect((bytes.length - 44) % 2).toBe(0);
    const pcm = new Int16Array(bytes.slice(44).buffer);
    expect(rms(pcm)).toBeGreaterThan(300);
    expect(pcm.length / 24_000).toBeGreaterThan(1);
  });

  it('answers at another rate on request (sample_rate), the same duration', async () => {
    const input = 'The rate changes, the length does not.';
    const at24 = (await (await post({ input, response_format: 'pcm' })).arrayBuffer()).byteLength / 2 / 24_000;
    const res = await post({ input, response_format: 'pcm', sample_rate: 16_000 });
    expect(res.headers.get('x-sample-rate')).toBe('16000');
    const at16 = (await res.arrayBuffer()).byteLength / 2 / 16_000;
    expect(Math.abs(at16 - at24)).toBeLessThan(0.01);
  });

  it('answers all the audio of the documented maximum input (4,096 characters), streamed', async () => {
    const sentence = 'Every sentence here is short. ';
    const input = sentence.repeat(Math.floor(4096 / sentence.length)).padEnd(4096, 'x').slice(0, 4096);
    const whole = await post({ input, response_format: 'pcm' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBeNull();
    const samples = (await whole.arrayBuffer()).byteLength / 2;
    // Every one of the ~136 sentences is in the body: one alone is about 1.3 s of audio.
    const one = (await (await post({ input: sentence.trim(), response_format: 'pcm' })).arrayBuffer()).byteLength / 2;
    expect(samples).toBeGreaterThan(one * 130);
  });

  it('answers raw PCM, slower with a lower speed', async () => {
    const fast = await post({ input: 'Speed changes duration.', response_format: 'pcm', speed: 2 });
    const slow = await post({ input: 'Speed changes duration.', response_format: 'pcm', speed: 0.5 });
    expect(fast.headers.get('content-type')).toBe('audio/pcm');
    const fastBytes = (await fast.arrayBuffer()).byteLength;
    const slowBytes = (await slow.arrayBuffer()).byteLength;
    expect(slowBytes).toBeGreaterThan(fastBytes * 2);
  });

  it.each([
    [{}, 400, 'INVALID_REQUEST'],
    [{ input: '' }, 400, 'INVALID_REQUEST'],
    [{ input: 'x'.repeat(4097) }, 400, 'INPUT_TOO_LONG'],
    [{ input: 'hi', voice: 'nobody' }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', response_format: 'aac' }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', response_format: 'ogg' }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', speed: 9 }, 400, 'INVALID_REQUEST'],
    // OpenAI's range, but beyond eSpeak's 80 words per minute at the default rate: refused, not clamped.
    [{ input: 'hi', speed: 0.25 }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', stream_format: 'chunks' }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', response_format: 'opus', sample_rate: 22_050 }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', response_format: 'wav', sample_rate: 96_000 }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', instructions: 7 }, 400, 'INVALID_REQUEST'],
    [{ input: 'hi', stream: true }, 400, 'INVALID_REQUEST'],
    ['{"input": "broken', 400, 'INVALID_JSON'],
    [JSON.stringify({ input: 'y'.repeat(300_000) }), 413, 'BODY_TOO_LARGE'],
  ])('rejects %j with %i %s', async (body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });
});
