/**
 * The `openai` speech engine against a loopback speech server (`test/support/fake-tts.ts`) that
 * can hold a body open, cut it, stay silent or answer an error: the request saywire sends, audio
 * framed as it arrives, several sentences in flight sent in order, barge-in closing every request,
 * resampling in the pool without seams, and each `TTS_UPSTREAM_*` code. Real saywire, real pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SaywireServer } from '../../src/server/server.js';
import { resamplePcm16 } from '../../src/speech/resample.js';
import { FakeLlm, finish, text } from '../support/fake-llm.js';
import { FakeTts, tonePcm } from '../support/fake-tts.js';
import { LogCapture } from '../support/log-capture.js';
import { parseWavHeader } from '../support/wav-header.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** The samples of every frame of `sentence` (all sentences when omitted), joined. */
function samplesOf(client: TestClient, sentence?: number): Int16Array {
  const frames = client.audio().filter((f) => sentence === undefined || f.header.sentenceIndex === sentence);
  const out = new Int16Array(frames.reduce((n, f) => n + f.samples.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f.samples, at);
    at += f.samples.length;
  }
  return out;
}

/**
 * Admission by event-loop delay is not under test here, and on a shared, loaded machine the loop
 * can lag past the default limit: these servers take every turn.
 */
const ADMIT_ALL = { admissionMaxLoopDelayMs: 60_000 };

async function speak(server: SaywireServer, text: string, session?: object): Promise<TestClient> {
  const client = await TestClient.connect(server.url);
  if (session !== undefined) {
    client.send({ type: 'session.update', session });
    await client.next('session.updated');
  }
  client.send({ type: 'text.append', delta: text });
  client.send({ type: 'text.done' });
  return client;
}

type Done = { id: string; status: string; sentences: number; spoken_text: string; last_audio_seq: number; status_details?: { reason: string } };

describe('a patient upstream: streaming, order, barge-in, resampling', () => {
  const fake = new FakeTts();
  let server: SaywireServer;
  beforeAll(async () => {
    await fake.listen();
    server = await startServer({ ...ADMIT_ALL, tts: 'openai', ttsBaseUrl: fake.url, ttsApiKey: 'sk-test-key', ttsModel: 'kokoro', ttsVoices: 'af_bella,am_michael' });
  });
  afterAll(async () => {
    await server?.close();
    await fake.close();
  });

  it('asks for PCM with the normalized text, the voice, the model, the speed and the bearer key', async () => {
    fake.script = () => ({ chunks: [tonePcm(0.2)] });
    const before = fake.requests.length;
    const client = await speak(server, 'It costs $25.', { voice: 'am_michael', rate: 350 });
    expect(((await client.next('response.done')).response as Done).status).toBe('completed');
    const request = fake.requests[before];
    expect(request?.body).toEqual({ model: 'kokoro', input: 'It costs twenty-five dollars.', voice: 'am_michael', response_format: 'pcm', speed: 2 });
    expect(request?.headers.authorization).toBe('Bearer sk-test-key');
    client.close();
  });

  it("sends a sentence's first frame while the upstream body of that sentence is still open", async () => {
    const hold = gate();
    fake.script = () => ({ chunks: [tonePcm(0.5)], end: hold.opened });
    const before = fake.requests.length;
    const client = await speak(server, 'Only one sentence here.');
    await client.until(() => client.audio().length > 0, 'first frame');
    // The oracle: the upstream has not ended the body; a server that waited for it would deadlock here.
    expect(fake.requests[before]?.ended).toBe(false);
    expect(client.events('response.audio.done')).toEqual([]);
    hold.open();
    const done = (await client.next('response.done')).response as Done;
    expect(done.status).toBe('completed');
    expect(fake.requests[before]?.ended).toBe(true);
    expect(samplesOf(client).length).toBe(0.5 * 24_000);
    client.close();
  });

  it('requests up to speechConcurrency sentences at once and sends them in order, whatever order they finish in', async () => {
    const holds = [gate(), gate(), gate()];
    const texts = ['First one is here.', 'Second one follows.', 'Third one ends it.'];
    const before = fake.requests.length;
    // Sentence i sends (i + 1) tenths of a second, then holds its body open until let go.
    fake.script = (request) => {
      const i = texts.indexOf(request.body.input);
      return { chunks: [tonePcm(0.1 * (i + 1))], end: holds[i]?.opened ?? 'end' };
    };
    const client = await speak(server, 'First one is here. Second one follows. Third one ends it.');
    // All three are asked for while none has ended.
    await fake.whenRequests(before + 3);
    expect(fake.requests.slice(before).map((r) => r.ended)).toEqual([false, false, false]);
    // The requests race each other; which left first does not matter, only the order of the audio.
    expect(fake.requests.slice(before).map((r) => r.body.input).sort()).toEqual([...texts].sort());
    for (const hold of [...holds].reverse()) hold.open();
    const done = (await client.next('response.done')).response as Done;
    expect(done.status).toBe('completed');
    expect(client.events('response.sentence').map((e) => e.index)).toEqual([0, 1, 2]);
    const order = client.audio().map((f) => f.header.sentenceIndex);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect([0, 1, 2].map((i) => samplesOf(client, i).length)).toEqual([2400, 4800, 7200]);
    expect(client.audio().map((f) => f.header.seq)).toEqual(client.audio().map((_, i) => i));
    client.close();
  });

  it('response.cancel closes every upstream request of the turn, and nothing follows its response.done', async () => {
    const before = fake.requests.length;
    fake.script = () => ({ chunks: [tonePcm(0.3)], end: 'stall' });
    const client = await speak(server, 'One is first. Two is next. Three is last. Four waits.');
    await fake.whenRequests(before + 3);
    await client.until(() => client.audio().length > 0, 'first frame');
    client.send({ type: 'response.cancel' });
    const done = (await client.next('response.done')).response as Done;
    expect(done.status).toBe('cancelled');
    // The upstream sees each connection close before its body ended.
    expect(await Promise.all(fake.requests.slice(before).map((r) => r.closedByClient))).toEqual([true, true, true]);
    expect(fake.requests.length).toBe(before + 3);
    const at = client.received.findIndex((r) => r.kind === 'event' && r.event.type === 'response.done');
    fake.script = () => ({ chunks: [tonePcm(0.1)] });
    client.send({ type: 'text.append', delta: 'After.' });
    client.send({ type: 'text.done' });
    expect(((await client.next('response.done')).response as Done).status).toBe('completed');
    const stale = client.received.slice(at + 1).filter((r) => (r.kind === 'audio' ? r.header.responseNumber === 1 : r.event.response_id === done.id));
    expect(stale).toEqual([]);
    expect(done.last_audio_seq).toBe(client.audio().filter((f) => f.header.responseNumber === 1).at(-1)?.header.seq);
    client.close();
  });

  it('resamples in the pool as the body arrives, exactly as the whole sentence resampled at once (no seams)', async () => {
    const pcm = tonePcm(0.7);
    // Odd-sized chunks: samples split across chunks, blocks of every length.
    const chunks: Uint8Array[] = [];
    for (let at = 0, size = 1001; at < pcm.length; at += size, size = size * 3 + 7) chunks.push(pcm.subarray(at, Math.min(pcm.length, at + size)));
    fake.script = () => ({ chunks });
    const client = await speak(server, 'A sentence at sixteen kilohertz.', { audio: { sample_rate: 16_000 } });
    expect(((await client.next('response.done')).response as Done).status).toBe('completed');
    expect(new Set(client.audio().map((f) => f.header.sampleRate))).toEqual(new Set([16_000]));
    const whole = resamplePcm16(new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength)), 24_000, 16_000);
    expect(samplesOf(client)).toEqual(whole);
    const audioDone = (await client.next('response.audio.done')) as { duration_ms: number; sample_rate: number; estimated: boolean };
    expect(audioDone).toMatchObject({ duration_ms: 700, sample_rate: 16_000, estimated: true });
    client.close();
  });

  it('POST /v1/audio/speech goes through the same engine: normalized text upstream, its PCM back as WAV', async () => {
    const tone = tonePcm(0.4);
    fake.script = () => ({ chunks: [tone.subarray(0, 1001), tone.subarray(1001)] });
    const before = fake.requests.length;
    const res = await fetch(`${server.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'It costs $25.', voice: 'am_michael', response_format: 'wav' }),
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(fake.requests[before]?.body).toMatchObject({ input: 'It costs twenty-five dollars.', voice: 'am_michael', response_format: 'pcm' });
    const wav = parseWavHeader(bytes);
    expect(wav).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
    expect(bytes.subarray(wav.dataOffset)).toEqual(tone);
  });

  it('estimates word timings over the audio by the spoken text, marked estimated', async () => {
    fake.script = () => ({ chunks: [tonePcm(1)] });
    const client = await speak(server, 'Alpha bravo charlie delta.');
    const audioDone = (await client.next('response.audio.done')) as { words: unknown[]; estimated: boolean; duration_ms: number };
    // The speech text "Alpha bravo charlie delta." is 26 characters over 1000 ms: a word starts at
    // its first letter's share of them, and ends where the next starts.
    expect(audioDone).toMatchObject({ estimated: true, duration_ms: 1000 });
    expect(audioDone.words).toEqual([
      { text: 'Alpha', start: 0, end: 5, start_ms: 0, end_ms: 231 },
      { text: 'bravo', start: 6, end: 11, start_ms: 231, end_ms: 462 },
      { text: 'charlie', start: 12, end: 19, start_ms: 462, end_ms: 769 },
      { text: 'delta', start: 20, end: 25, start_ms: 769, end_ms: 1000 },
    ]);
    expect(((await client.next('response.done')).response as Done).status).toBe('completed');
    client.close();
  });
});

describe('with an LLM upstream too: the history of an interrupted turn', () => {
  const fake = new FakeTts();
  let llm: FakeLlm;
  let server: SaywireServer;
  beforeAll(async () => {
    await fake.listen();
    llm = await new FakeLlm().start();
    server = await startServer({ ...ADMIT_ALL, agent: 'openai', openaiBaseUrl: llm.url, tts: 'openai', ttsBaseUrl: fake.url });
  });
  afterAll(async () => {
    await server?.close();
    await llm?.close();
    await fake.close();
  });

  it('response.played trims the cancelled reply to the words heard, by the estimated timings', async () => {
    fake.script = (request) => ({ chunks: [tonePcm(request.body.input.startsWith('Alpha') ? 1 : 0.2)] });
    llm.script({ events: [text('Alpha bravo charlie delta. '), text('Echo foxtrot')], end: 'stall' });
    const client = await TestClient.connect(server.url);
    const before = llm.requests.length;
    client.send({ type: 'response.create', input: 'spell' });
    const audioDone = await client.next('response.audio.done');
    client.send({ type: 'response.cancel' });
    const done = (await client.next('response.done')).response as Done;
    const words = audioDone.words as Array<{ text: string; start_ms: number }>;
    // Played up to just past the start of "charlie" (462 ms): three words heard.
    client.send({ type: 'response.played', response_id: done.id, played_ms: (words[2]?.start_ms as number) + 1 });
    llm.script({ events: [text('Okay.'), finish('stop')] });
    client.send({ type: 'response.create', input: 'what did you say?' });
    expect(((await client.next('response.done')).response as Done).status).toBe('completed');
    expect(llm.requests[before + 1]?.body.messages.slice(1, 3)).toEqual([
      { role: 'user', content: 'spell' },
      { role: 'assistant', content: 'Alpha bravo charlie' },
    ]);
    client.close();
  });
});

describe('each TTS_UPSTREAM_* code against a loopback upstream', () => {
  const fake = new FakeTts();
  let server: SaywireServer;
  beforeAll(async () => {
    await fake.listen();
    server = await startServer({ ...ADMIT_ALL, tts: 'openai', ttsBaseUrl: fake.url, ttsRetries: 1, ttsRetryBaseMs: 0, ttsIdleTimeoutMs: 300 });
  });
  afterAll(async () => {
    await server?.close();
    await fake.close();
  });

  /** Runs a one-sentence turn; its response.done, its error event, and how many requests it made. */
  async function failingTurn(target: SaywireServer, text = 'Say this.') {
    const before = fake.requests.length;
    const client = await speak(target, text);
    const done = (await client.next('response.done')).response as Done;
    const errors = client.events('error').map((e) => e.error as { code: string; upstream_status?: number });
    const frames = client.audio().length;
    client.close();
    return { done, errors, requests: fake.requests.length - before, frames };
  }

  it('401: TTS_UPSTREAM_UNAUTHORIZED with upstream_status, not retried', async () => {
    fake.script = () => ({ status: 401 });
    const { done, errors, requests } = await failingTurn(server);
    expect(done).toMatchObject({ status: 'failed', status_details: { reason: 'TTS_UPSTREAM_UNAUTHORIZED' } });
    expect(errors).toEqual([expect.objectContaining({ code: 'TTS_UPSTREAM_UNAUTHORIZED', upstream_status: 401 })]);
    expect(requests).toBe(1);
  });

  it('429: TTS_UPSTREAM_RATE_LIMITED after the retry', async () => {
    fake.script = () => ({ status: 429 });
    const { done, errors, requests } = await failingTurn(server);
    expect(done.status_details?.reason).toBe('TTS_UPSTREAM_RATE_LIMITED');
    expect(errors).toEqual([expect.objectContaining({ code: 'TTS_UPSTREAM_RATE_LIMITED', upstream_status: 429 })]);
    expect(requests).toBe(2);
  });

  it('500: TTS_UPSTREAM_HTTP_ERROR with upstream_status after the retry; 400 is not retried', async () => {
    fake.script = () => ({ status: 500 });
    const failed = await failingTurn(server);
    expect(failed.errors).toEqual([expect.objectContaining({ code: 'TTS_UPSTREAM_HTTP_ERROR', upstream_status: 500 })]);
    expect(failed.requests).toBe(2);
    fake.script = () => ({ status: 400 });
    const refused = await failingTurn(server);
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'TTS_UPSTREAM_HTTP_ERROR', upstream_status: 400 })]);
    expect(refused.requests).toBe(1);
  });

  it('a 5xx before the first byte is retried, and the retry speaks', async () => {
    const before = fake.requests.length;
    fake.script = (_request, index) => (index === before ? { status: 503 } : { chunks: [tonePcm(0.2)] });
    const { done, requests, frames } = await failingTurn(server);
    expect(done.status).toBe('completed');
    expect(requests).toBe(2);
    expect(frames).toBeGreaterThan(0);
  });

  it('headers then silence: TTS_UPSTREAM_TIMEOUT after ttsIdleTimeoutMs, retried first since nothing was heard', async () => {
    fake.script = () => ({ end: 'stall' });
    const { done, errors, requests } = await failingTurn(server);
    expect(done.status_details?.reason).toBe('TTS_UPSTREAM_TIMEOUT');
    expect(errors.map((e) => e.code)).toEqual(['TTS_UPSTREAM_TIMEOUT']);
    expect(requests).toBe(2);
  });

  it('audio then silence: TTS_UPSTREAM_TIMEOUT, not retried, the turn keeps what was spoken', async () => {
    fake.script = () => ({ chunks: [tonePcm(0.2)], end: 'stall' });
    const { done, requests, frames } = await failingTurn(server, 'Half of this is heard.');
    expect(done.status_details?.reason).toBe('TTS_UPSTREAM_TIMEOUT');
    expect(requests).toBe(1);
    expect(frames).toBe(5);
    expect(done.spoken_text).toBe('Half of this is heard.');
  });

  it('a body cut mid-way: TTS_UPSTREAM_STREAM_BROKEN, not retried; earlier sentences and the part heard stay', async () => {
    fake.script = (request) => (request.body.input.startsWith('Whole') ? { chunks: [tonePcm(0.3)] } : { chunks: [tonePcm(0.2)], end: 'cut' });
    const { done, errors, requests, frames } = await failingTurn(server, 'Whole sentence first. Then this one breaks.');
    expect(done.status_details?.reason).toBe('TTS_UPSTREAM_STREAM_BROKEN');
    expect(errors.map((e) => e.code)).toEqual(['TTS_UPSTREAM_STREAM_BROKEN']);
    expect(requests).toBe(2);
    expect(frames).toBe(8 + 5);
    expect(done.spoken_text).toBe('Whole sentence first. Then this one breaks.');
  });

  it('nothing listening: TTS_UPSTREAM_UNREACHABLE', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = await startServer({ ...ADMIT_ALL, tts: 'openai', ttsBaseUrl: `http://127.0.0.1:${port}/v1`, ttsRetries: 0, poolMaxThreads: 1, poolMinThreads: 1 });
    try {
      const { done, errors } = await failingTurn(nowhere);
      expect(done.status_details?.reason).toBe('TTS_UPSTREAM_UNREACHABLE');
      expect(errors.map((e) => e.code)).toEqual(['TTS_UPSTREAM_UNREACHABLE']);
    } finally {
      await nowhere.close();
    }
  });

  it('sends the API key as a bearer token and never logs it, not even when the upstream refuses it', async () => {
    const logs = new LogCapture();
    const keyed = await startServer({ ...ADMIT_ALL, tts: 'openai', ttsBaseUrl: fake.url, ttsApiKey: 'sk-never-logged', logLevel: 'trace' }, { logger: logs.logger('trace') });
    try {
      fake.script = () => ({ status: 401 });
      const { done } = await failingTurn(keyed);
      expect(done.status_details?.reason).toBe('TTS_UPSTREAM_UNAUTHORIZED');
      expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer sk-never-logged');
      await logs.waitFor((line) => line.msg === 'turn done');
      expect(JSON.stringify(logs.lines)).not.toContain('sk-never-logged');
    } finally {
      await keyed.close();
    }
  });

  it('POST /v1/audio/speech answers an upstream failure before any audio with its code and status', async () => {
    fake.script = () => ({ status: 401 });
    const res = await fetch(`${server.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'Hello there.', voice: 'alloy' }),
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TTS_UPSTREAM_UNAUTHORIZED');
  });

  it('counts per engine: time to first byte, bytes, failures by code', async () => {
    fake.script = () => ({ chunks: [tonePcm(0.25)] });
    expect((await failingTurn(server)).done.status).toBe('completed');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/saywire_speech_first_byte_seconds_count\{engine="openai"\} [1-9]/);
    expect(metrics).toMatch(/saywire_speech_bytes_total\{engine="openai"\} [1-9]/);
    for (const code of ['TTS_UPSTREAM_UNAUTHORIZED', 'TTS_UPSTREAM_RATE_LIMITED', 'TTS_UPSTREAM_HTTP_ERROR', 'TTS_UPSTREAM_TIMEOUT', 'TTS_UPSTREAM_STREAM_BROKEN']) {
      expect(metrics).toMatch(new RegExp(`saywire_speech_failures_total\\{engine="openai",code="${code}"\\} [1-9]`));
    }
  });
});
