/**
 * End-to-end over a real socket with the real pool and worker files: turns, barge-in, garbage,
 * client-streamed text, and pool vs inline chunking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedReply, tokenize } from '../../src/agents/scripted-agent.js';
import type { SaywireServer } from '../../src/server/server.js';
import { createSentenceChunker } from '../../src/text/sentence-chunker.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const squash = (s: string) => s.replace(/\s+/g, '');

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function runTurn(client: TestClient, input: string) {
  client.send({ type: 'response.create', input });
  const created = await client.next('response.created');
  const id = (created.response as { id: string }).id;
  const done = await client.next('response.done');
  const response = done.response as { id: string; status: string; timings: Record<string, number | null>; last_audio_seq: number };
  expect(response.id).toBe(id);
  const ofTurn = client.events().filter((e) => e.response_id === id);
  return { id, response, ofTurn };
}

describe('turns over a real socket', () => {
  it('streams a full turn: deltas, sentences in order, audio, and a completed response.done with timings', async () => {
    const client = await TestClient.connect(server.url);
    const { id, response, ofTurn } = await runTurn(client, 'What time is my appointment?');
    expect(response.status).toBe('completed');
    const deltas = ofTurn.filter((e) => e.type === 'response.text.delta').map((e) => e.delta as string);
    const sentences = ofTurn.filter((e) => e.type === 'response.sentence');
    expect(deltas.join('')).toContain('What time is my appointment?');
    expect(sentences.length).toBeGreaterThan(2);
    expect(sentences.map((s) => s.index)).toEqual(sentences.map((_, i) => i));
    expect(squash(sentences.map((s) => s.text as string).join(' '))).toBe(squash(deltas.join('')));
    expect(response.timings.first_token_ms).not.toBeNull();
    expect(response.timings.first_sentence_ms).not.toBeNull();
    expect(response.timings.first_audio_ms).not.toBeNull();
    const frames = client.audio();
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.map((f) => f.header.seq)).toEqual(frames.map((_, i) => i));
    expect(response.last_audio_seq).toBe(frames.length - 1);
    expect(ofTurn.at(-1)?.type).not.toBe('response.text.delta');
    expect(id).toMatch(/^resp_/);
    client.close();
  });

  it('runs two turns back to back on one connection', async () => {
    const client = await TestClient.connect(server.url);
    const first = await runTurn(client, 'first');
    const second = await runTurn(client, 'second');
    expect(first.id).not.toBe(second.id);
    expect(first.response.status).toBe('completed');
    expect(second.response.status).toBe('completed');
    const numbers = new Set(client.audio().map((f) => f.header.responseNumber));
    expect([...numbers]).toEqual([1, 2]);
    client.close();
  });

  it('survives garbage between valid events, answering each with its code', async () => {
    const client = await TestClient.connect(server.url);
    client.send('{not json');
    client.send({ type: 'response.explode', event_id: 'g1' });
    client.ws.send(Buffer.from([0xde, 0xad]), { binary: true });
    client.send({ type: 'text.append', delta: 42, event_id: 'g2' });
    client.send({ type: 'response.cancel', event_id: 'g3' });
    const { response } = await runTurn(client, 'still there?');
    expect(response.status).toBe('completed');
    const errors = client.events('error').map((e) => e.error as { code: string; event_id: string | null });
    expect(errors).toEqual([
      expect.objectContaining({ code: 'INVALID_JSON', event_id: null }),
      expect.objectContaining({ code: 'UNKNOWN_EVENT', event_id: 'g1' }),
      expect.objectContaining({ code: 'BINARY_NOT_EXPECTED', event_id: null }),
      expect.objectContaining({ code: 'INVALID_EVENT', event_id: 'g2' }),
      expect.objectContaining({ code: 'NO_ACTIVE_RESPONSE', event_id: 'g3' }),
    ]);
    client.close();
  });

  it('speaks client-streamed text: text.append deltas, then text.done flushes the tail', async () => {
    const client = await TestClient.connect(server.url);
    const text = 'Hello from my own LLM. It costs $3.50, i.e. not much! And a tail without a mark';
    for (let i = 0; i < text.length; i += 7) client.send({ type: 'text.append', delta: text.slice(i, i + 7) });
    client.send({ type: 'text.done' });
    const created = await client.next('response.created');
    expect((created.response as { source: string }).source).toBe('client');
    const done = await client.next('response.done');
    expect((done.response as { status: string }).status).toBe('completed');
    const sentences = client.events('response.sentence').map((e) => e.text);
    const chunker = createSentenceChunker();
    expect(sentences).toEqual([...chunker.push(text), ...chunker.flush()]);
    expect(sentences.at(-1)).toBe('And a tail without a mark');
    client.close();
  });
});

describe('barge-in', () => {
  let slow: SaywireServer;
  beforeAll(async () => {
    slow = await startServer({ scriptedTokensPerSecond: 40, scriptedFirstTokenMs: 0 });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('cancel mid-stream: response.done cancelled, and nothing of the turn after it', async () => {
    const client = await TestClient.connect(slow.url);
    client.send({ type: 'response.create', input: 'tell me the options' });
    const created = await client.next('response.created');
    const id = (created.response as { id: string }).id;
    await client.next('response.sentence');
    client.send({ type: 'response.cancel' });
    const done = await client.next('response.done');
    const response = done.response as { id: string; status: string; status_details: { reason: string }; spoken_text: string; last_audio_seq: number };
    expect(response).toMatchObject({ id, status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    const doneAt = client.received.findIndex((r) => r.kind === 'event' && r.event.type === 'response.done');
    // Run a whole second turn: anything late from the cancelled one would show up meanwhile.
    client.send({ type: 'response.create', input: 'again' });
    await client.next('response.done');
    const after = client.received.slice(doneAt + 1);
    const late = after.filter((r) => (r.kind === 'event' ? r.event.response_id === id : r.header.responseNumber === 1));
    expect(late).toEqual([]);
    const framesOfFirst = client.audio().filter((f) => f.header.responseNumber === 1);
    expect(response.last_audio_seq).toBe(framesOfFirst.at(-1)?.header.seq ?? -1);
    const sentencesOfFirst = client.events('response.sentence').filter((e) => e.response_id === id);
    expect(sentencesOfFirst.length).toBeGreaterThan(0);
    const voiced = [...new Set(framesOfFirst.map((f) => f.header.sentenceIndex))];
    expect(response.spoken_text).toBe(voiced.map((i) => sentencesOfFirst[i]?.text).join(' '));
    client.close();
  });

  it('a new response.create supersedes the running one', async () => {
    const client = await TestClient.connect(slow.url);
    client.send({ type: 'response.create', input: 'one' });
    await client.next('response.text.delta');
    client.send({ type: 'response.create', input: 'two' });
    const first = await client.next('response.done');
    expect(first.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'superseded' } });
    const second = await client.next('response.done');
    expect(second.response).toMatchObject({ status: 'completed' });
    client.close();
  });
});

describe('pool and inline chunking', () => {
  let inline: SaywireServer;
  beforeAll(async () => {
    inline = await startServer({ chunking: 'inline' });
  });
  afterAll(async () => {
    await inline.close();
  });

  it('give identical sentences for the same input', async () => {
    const text =
      'Dr. Smith paid $3.50 at 10 a.m. on the U.S. tour. Then:\n1. Call https://example.com/x.y now.\n2. Email a.b@example.org!\nWhy? Because... it works. 你好。再见！¿Qué tal? Bien.';
    const results: unknown[][] = [];
    for (const target of [server, inline]) {
      const client = await TestClient.connect(target.url);
      for (let i = 0; i < text.length; i += 5) client.send({ type: 'text.append', delta: text.slice(i, i + 5) });
      client.send({ type: 'text.done' });
      await client.next('response.done');
      results.push(client.events('response.sentence').map((e) => e.text));
      client.close();
    }
    expect(results[0]).toEqual(results[1]);
    expect((results[0] as unknown[]).length).toBeGreaterThan(6);
  });
});

describe('text deltas', () => {
  const input = 'Tell me about the opening hours of the shop on the main road this Sunday, please.';
  const ofLastTurn = async (client: TestClient) => {
    client.send({ type: 'response.create', input });
    const id = ((await client.next('response.created')).response as { id: string }).id;
    await client.next('response.done');
    return client.events().filter((e) => e.response_id === id || (e.response as { id?: string } | undefined)?.id === id);
  };

  it('coalesce within textDeltaMs, flushed ahead of every other event of the turn, the text unchanged', async () => {
    const slow = await startServer({ textDeltaMs: 1000 });
    try {
      const client = await TestClient.connect(slow.url);
      const arrivals: Array<{ type: string; at: number }> = [];
      client.client.on('event', ({ event }) => arrivals.push({ type: event.type, at: performance.now() }));
      const events = await ofLastTurn(client);
      const deltas = events.filter((e) => e.type === 'response.text.delta').map((e) => e.delta as string);
      expect(deltas.join('')).toBe(scriptedReply(input));
      expect(deltas.length).toBeLessThan(tokenize(scriptedReply(input)).length / 4);
      // Two deltas in a row are a whole interval apart (less what loopback may have delayed the
      // first by), unless the second was flushed ahead of the event that follows it.
      arrivals.forEach((e, i) => {
        const before = arrivals[i - 1];
        const after = arrivals[i + 1];
        if (e.type !== 'response.text.delta' || before?.type !== 'response.text.delta') return;
        if (after === undefined || after.type === 'response.text.delta') expect(e.at - before.at).toBeGreaterThan(900);
      });
      // Each sentence's text was on the wire before the sentence was.
      let text = '';
      for (const e of events) {
        if (e.type === 'response.text.delta') text += e.delta as string;
        if (e.type === 'response.sentence') expect(squash(text)).toContain(squash(e.text as string));
      }
      expect(events.at(-1)?.type).toBe('response.done');
      client.close();
    } finally {
      await slow.close();
    }
  });

  it('go one per agent token with session.text_delta_ms 0', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', session: { text_delta_ms: 0 } });
    expect((await client.next('session.updated')).session).toMatchObject({ text_delta_ms: 0 });
    const events = await ofLastTurn(client);
    const deltas = events.filter((e) => e.type === 'response.text.delta').map((e) => e.delta as string);
    expect(deltas).toEqual(tokenize(scriptedReply(input)));
    client.close();
  });
});
