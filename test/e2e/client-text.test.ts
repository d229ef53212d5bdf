/**
 * Client-text mode on a real server with the real pool: `text.flush` speaks the buffered text
 * mid-response and acknowledges it, and per-response voice settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('text.flush', () => {
  it('speaks the buffered text before text.done, acknowledges it, and the response goes on to complete', async () => {
    const client = await TestClient.connect(server.url);
    // No sentence boundary: without the flush this text would wait for more.
    client.send({ type: 'text.append', delta: 'Let me check the ' });
    client.send({ type: 'text.append', delta: 'calendar for you' });
    client.send({ type: 'text.flush', event_id: 'f1' });
    const flushed = await client.next('text.flushed');
    const created = await client.next('response.created');
    const id = (created.response as { id: string }).id;
    expect(flushed).toEqual({ type: 'text.flushed', response_id: id, sentence_index: 0 });
    // The flushed sentence is spoken, audio and all, while the response is still open.
    const audioDone = await client.next('response.audio.done');
    expect(audioDone.sentence_index).toBe(0);
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['Let me check the calendar for you']);
    expect(client.audio().filter((f) => f.header.sentenceIndex === 0).length).toBeGreaterThan(0);
    expect(client.events('response.done')).toEqual([]);

    // A flush with nothing buffered says so.
    client.send({ type: 'text.flush' });
    expect((await client.next('text.flushed')).sentence_index).toBe(-1);

    client.send({ type: 'text.append', delta: 'You are free at noon. Shall I book' });
    client.send({ type: 'text.flush' });
    expect((await client.next('text.flushed')).sentence_index).toBe(2);
    client.send({ type: 'text.append', delta: ' it?' });
    client.send({ type: 'text.done' });
    const done = (await client.next('response.done')).response as { id: string; status: string; sentences: number };
    expect(done).toMatchObject({ id, status: 'completed', sentences: 4 });
    expect(client.events('response.created')).toHaveLength(1);
    expect(client.events('response.sentence').map((e) => e.text)).toEqual([
      'Let me check the calendar for you',
      'You are free at noon.',
      'Shall I book',
      'it?',
    ]);
    // Every sentence was voiced, in order.
    const indexes = client.events('response.audio.done').map((e) => e.sentence_index);
    expect(indexes).toEqual([0, 1, 2, 3]);
    client.close();
  });

  it('is refused without an open client-text response', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'text.flush', event_id: 'lonely' });
    const error = (await client.next('error')).error as { code: string; event_id: string };
    expect(error).toMatchObject({ code: 'NO_ACTIVE_RESPONSE', event_id: 'lonely' });
    client.send({ type: 'response.create', input: 'hello' });
    await client.next('response.created');
    client.send({ type: 'text.flush', event_id: 'agent' });
    expect(((await client.next('error')).error as { event_id: string }).event_id).toBe('agent');
    await client.next('response.done');
    expect(client.events('text.flushed')).toEqual([]);
    client.close();
  });
});

describe('per-response voice settings', () => {
  it('a response.create with voice speaks in it, and the next response is back to the session voice', async () => {
    const client = await TestClient.connect(server.url);
    const sessionVoice = ((client.events('session.created')[0]?.session) as { voice: string }).voice;
    const other = 'en-gb-x-rp';
    expect(other).not.toBe(sessionVoice);
    const voicesOf = async () => {
      const done = await client.next('response.done');
      expect((done.response as { status: string }).status).toBe('completed');
      const id = (done.response as { id: string }).id;
      return client.events('response.audio.done').filter((e) => e.response_id === id).map((e) => e.voice);
    };
    client.send({ type: 'response.create', input: 'Good morning' });
    expect(new Set(await voicesOf())).toEqual(new Set([sessionVoice]));
    client.send({ type: 'response.create', input: 'Good morning', voice: other });
    expect(new Set(await voicesOf())).toEqual(new Set([other]));
    client.send({ type: 'response.create', input: 'Good morning' });
    expect(new Set(await voicesOf())).toEqual(new Set([sessionVoice]));
    // The voice reaches the worker: a German voice reads the number in German, and the session's
    // voice reads it in English again afterwards.
    for (const voice of ['de', undefined]) {
      client.send({ type: 'text.append', delta: 'I have 3 apples.', ...(voice === undefined ? {} : { voice }) });
      client.send({ type: 'text.done' });
      await voicesOf();
    }
    expect(client.events('response.sentence').slice(-2).map((e) => e.speech_text)).toEqual(['I have drei apples.', 'I have three apples.']);
    expect(((client.events('session.created')[0]?.session) as { voice: string }).voice).toBe(sessionVoice);
    client.close();
  });

  it('the text.append that starts a response sets its rate; later appends may not, and a bad voice starts nothing', async () => {
    const client = await TestClient.connect(server.url);
    const text = 'The quick brown fox jumps over the lazy dog.';
    const durationOf = async () => {
      const done = (await client.next('response.done')).response as { audio_ms: number; status: string };
      expect(done.status).toBe('completed');
      return done.audio_ms;
    };
    client.send({ type: 'text.append', delta: text });
    client.send({ type: 'text.done' });
    const normal = await durationOf();
    client.send({ type: 'text.append', delta: text, rate: 400 });
    client.send({ type: 'text.append', delta: ' More.', voice: 'en-gb-x-rp', event_id: 'late' });
    client.send({ type: 'text.done' });
    const fast = await durationOf();
    expect(fast).toBeLessThan(normal * 0.7);
    expect((await client.next('error')).error).toMatchObject({ code: 'INVALID_EVENT', event_id: 'late' });
    expect(client.events('response.sentence').map((e) => e.text)).toEqual([text, text]);

    client.send({ type: 'response.create', input: 'hi', voice: 'no-such-voice', event_id: 'bad' });
    const error = (await client.next('error')).error;
    expect(error).toMatchObject({ code: 'INVALID_EVENT', event_id: 'bad' });
    expect((error as { message: string }).message).toContain('"voice"');
    client.send({ type: 'text.append', delta: text });
    client.send({ type: 'text.done' });
    // Back at the session's rate (eSpeak's length varies by a few samples from run to run).
    expect(Math.abs((await durationOf()) - normal)).toBeLessThan(normal * 0.05);
    expect(client.events('response.created')).toHaveLength(3);
    client.close();
  });
});
