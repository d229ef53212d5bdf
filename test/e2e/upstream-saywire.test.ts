/**
 * A saywire whose voice is another saywire: `tts=openai` pointed at a second instance's `/v1`
 * (the default eSpeak engine, real pool). Turns speak through the upstream's streamed PCM, a
 * cancel leaves nothing after its `response.done`, and the HTTP speech route proxies through the
 * same engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';
import { parseWavHeader } from '../support/wav-header.js';

let upstream: SaywireServer;
let server: SaywireServer;
beforeAll(async () => {
  // Admission by event-loop delay is not under test, and a loaded machine can lag past its limit.
  const admitAll = { admissionMaxLoopDelayMs: 60_000, poolMinThreads: 1, poolMaxThreads: 1 };
  upstream = await startServer(admitAll);
  server = await startServer({ ...admitAll, tts: 'openai', ttsBaseUrl: `${upstream.url}/v1` });
});
afterAll(async () => {
  await server?.close();
  await upstream?.close();
});

const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((n, v) => n + v * v, 0) / Math.max(1, pcm.length));

describe('a saywire speaking through another saywire', () => {
  it('offers the upstream voices and speaks a turn: sentences, then audio at 24 kHz with estimated word timings', async () => {
    const voices = (await (await fetch(`${server.url}/v1/voices`)).json()) as { voices: Array<{ id: string }>; default: string };
    expect(voices.default).toBe('alloy');
    expect(voices.voices.map((v) => v.id)).toContain('nova');

    const client = await TestClient.connect(server.url);
    // The upstream's voices are the session's: eSpeak's are not.
    client.send({ type: 'session.update', session: { voice: 'en-us' } });
    expect(((await client.next('error')).error as { code: string }).code).toBe('INVALID_EVENT');
    client.send({ type: 'session.update', session: { voice: 'nova' } });
    expect(((await client.next('session.updated')).session as { voice: string }).voice).toBe('nova');
    client.send({ type: 'text.append', delta: 'The first sentence is here. And a second one follows it.' });
    client.send({ type: 'text.done' });
    const done = (await client.next('response.done')).response as { status: string; sentences: number; last_audio_seq: number };
    expect(done.status).toBe('completed');
    expect(done.sentences).toBe(2);
    const frames = client.audio();
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.map((f) => f.header.seq)).toEqual(frames.map((_, i) => i));
    expect(new Set(frames.map((f) => f.header.sampleRate))).toEqual(new Set([24_000]));
    for (const index of [0, 1]) {
      const mine = frames.filter((f) => f.header.sentenceIndex === index);
      const samples = mine.reduce((n, f) => n + f.samples.length, 0);
      expect(rms(mine.flatMap((f) => [...f.samples]) as unknown as Int16Array), `sentence ${index} is silent`).toBeGreaterThan(300);
      const audioDone = client.events('response.audio.done').find((e) => e.sentence_index === index) as Record<string, unknown>;
      expect(audioDone.estimated).toBe(true);
      expect(audioDone.duration_ms).toBe(Math.round((samples / 24_000) * 1000));
      const words = audioDone.words as Array<{ text: string; start_ms: number; end_ms: number }>;
      expect(words.length).toBeGreaterThanOrEqual(4);
      expect(words[words.length - 1]?.end_ms).toBe(audioDone.duration_ms);
    }
    // Ordered: every frame of sentence 0 before any of sentence 1.
    const firstOfSecond = frames.findIndex((f) => f.header.sentenceIndex === 1);
    expect(frames.slice(firstOfSecond).every((f) => f.header.sentenceIndex === 1)).toBe(true);
    client.close();
  });

  it('response.cancel mid-turn: nothing of the turn after its response.done', async () => {
    const client = await TestClient.connect(server.url);
    const text = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1} of a long answer.`).join(' ');
    client.send({ type: 'text.append', delta: text });
    client.send({ type: 'text.done' });
    await client.until(() => client.audio().length > 0, 'first audio');
    client.send({ type: 'response.cancel' });
    const done = (await client.next('response.done')).response as { id: string; status: string; last_audio_seq: number; spoken_text: string };
    expect(done.status).toBe('cancelled');
    const at = client.received.findIndex((r) => r.kind === 'event' && r.event.type === 'response.done');
    // A later turn on the same socket proves the socket drained: anything of the cancelled turn would sit before it.
    client.send({ type: 'text.append', delta: 'Next.' });
    client.send({ type: 'text.done' });
    const next = (await client.next('response.done')).response as { id: string; status: string };
    expect(next.status).toBe('completed');
    const ofCancelled = (r: (typeof client.received)[number]): boolean =>
      r.kind === 'audio'
        ? r.header.responseNumber === 1
        : r.event.response_id === done.id || (r.event.response as { id?: string } | undefined)?.id === done.id;
    expect(client.received.slice(at + 1).filter(ofCancelled)).toEqual([]);
    expect(client.received.slice(at + 1).some((r) => r.kind === 'audio' && r.header.responseNumber === 2)).toBe(true);
    expect(next.id).not.toBe(done.id);
    const lastSeq = client.audio().filter((f) => f.header.responseNumber === 1).at(-1)?.header.seq;
    expect(done.last_audio_seq).toBe(lastSeq);
    expect(done.spoken_text.length).toBeGreaterThan(0);
    client.close();
  });

  it('POST /v1/audio/speech answers WAV through the upstream', async () => {
    const res = await fetch(`${server.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'It costs $25. Then we go home.', voice: 'nova', response_format: 'wav' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wav = parseWavHeader(bytes);
    expect(wav).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 24_000, bitsPerSample: 16 });
    const pcm = new Int16Array(bytes.buffer.slice(wav.dataOffset, bytes.length - ((bytes.length - wav.dataOffset) % 2)));
    // Two sentences of speech: well over a second.
    expect(pcm.length / 24_000).toBeGreaterThan(1);
    expect(rms(pcm)).toBeGreaterThan(300);
  });
});
