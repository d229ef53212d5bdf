/**
 * The OpenAI-compatible agent end to end: a real saywire server (real pool, real engine) talking
 * to a real HTTP server on loopback that streams Chat Completions, and a real WebSocket client.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/agents/openai-failures.js';
import { type Clock, systemClock } from '../../src/clock.js';
import type { ServerOptions } from '../../src/config/options.js';
import type { SaywireServer } from '../../src/server/server.js';
import { createSentenceChunker } from '../../src/text/sentence-chunker.js';
import { FakeLlm, finish, text, textChunks, toolCallPart, usage } from '../support/fake-llm.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

let llm: FakeLlm;
let server: SaywireServer;
const clients: TestClient[] = [];

async function start(options: ServerOptions = {}): Promise<SaywireServer> {
  return startServer({
    agent: 'openai',
    openaiBaseUrl: llm.url,
    openaiApiKey: 'sk-test-secret',
    openaiModel: 'test-model',
    systemPrompt: 'Be brief.',
    openaiRetries: 1,
    openaiRetryBaseMs: 0,
    openaiIdleTimeoutMs: 300,
    ...options,
  });
}

async function connect(target = server): Promise<TestClient> {
  const client = await TestClient.connect(target.url);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  llm = await new FakeLlm().start();
  server = await start();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await server.close();
  await llm.close();
});

type Done = { status: string; status_details?: { reason: string }; usage?: unknown; timings: { first_token_ms: number | null } };

async function turn(client: TestClient, input: string) {
  client.send({ type: 'response.create', input });
  const done = (await client.next('response.done')).response as Done;
  return done;
}

describe('openai agent', () => {
  it('streams plain text as sentences, with the request shaped for Chat Completions', async () => {
    llm.script({ events: [...textChunks(['Hello', ' there.', ' How', ' are you', '?']), finish('stop'), usage(12, 7)] });
    const client = await connect();
    const before = llm.requests.length;
    const done = await turn(client, 'Hi!');
    expect(done.status).toBe('completed');
    expect(done.usage).toEqual({ input_tokens: 12, output_tokens: 7 });
    expect(done.timings.first_token_ms).not.toBeNull();
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['Hello there.', 'How are you?']);
    const request = llm.requests[before];
    expect(request?.headers.authorization).toBe('Bearer sk-test-secret');
    expect(request?.body).toMatchObject({
      model: 'test-model',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi!' },
      ],
    });
  });

  it('chunks text split at awkward token boundaries like the whole text', async () => {
    const reply = 'Dr. Smith paid $3.50 at 10 a.m. today. The U.S. team won! Visit https://example.com/a.b now.';
    const pieces = ['D', 'r', '. Smi', 'th paid $3', '.', '50 at 10 a', '.m', '. today', '. The U', '.S. team won', '! Visit https', '://example.com/a', '.b now', '.'];
    expect(pieces.join('')).toBe(reply);
    llm.script({ events: [...textChunks(pieces), finish('stop')] });
    const client = await connect();
    expect((await turn(client, 'pay?')).status).toBe('completed');
    const chunker = createSentenceChunker();
    expect(client.events('response.sentence').map((e) => e.text)).toEqual([...chunker.push(reply), ...chunker.flush()]);
  });

  it('assembles a tool call from many deltas, waits for the client, and continues with its output', async () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    llm.script(
      {
        events: [
          text('Let me check the weather.'),
          toolCallPart(0, { id: 'call_42', name: 'get_weather' }),
          ...args.match(/.{1,3}/g)!.map((a) => toolCallPart(0, { arguments: a })),
          finish('tool_calls'),
        ],
      },
      { events: [...textChunks(['It is', ' 21 degrees', ' in Paris.']), finish('stop')] },
    );
    const client = await connect();
    client.send({
      type: 'session.update',
      session: { tools: [{ type: 'function', name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } }] },
    });
    await client.next('session.updated');
    const before = llm.requests.length;
    client.send({ type: 'response.create', input: 'Weather in Paris?' });
    const call = await client.next('response.function_call');
    expect(call).toMatchObject({ call_id: 'call_42', name: 'get_weather', arguments: args });
    // The text before the call is spoken while the tool runs.
    await client.until(() => client.events('response.sentence').some((e) => e.text === 'Let me check the weather.'));
    client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_42', output: '{"temp":21}' } });
    const done = (await client.next('response.done')).response as Done;
    expect(done.status).toBe('completed');
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['Let me check the weather.', 'It is 21 degrees in Paris.']);
    expect(llm.requests[before]?.body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } } },
    ]);
    const followUp = llm.requests[before + 1]?.body.messages;
    expect(followUp?.slice(-2)).toEqual([
      {
        role: 'assistant',
        content: 'Let me check the weather.',
        tool_calls: [{ id: 'call_42', type: 'function', function: { name: 'get_weather', arguments: args } }],
      },
      { role: 'tool', tool_call_id: 'call_42', content: '{"temp":21}' },
    ]);
  });

  it.each([
    [401, 'UPSTREAM_UNAUTHORIZED', 1],
    [429, 'UPSTREAM_RATE_LIMITED', 2],
    [500, 'UPSTREAM_HTTP_ERROR', 2],
  ])('an upstream %i fails the turn with %s after %i request(s)', async (status, code, requests) => {
    llm.script(...Array.from({ length: requests }, () => ({ status })));
    const client = await connect();
    const before = llm.requests.length;
    const done = await turn(client, 'hello');
    expect(done).toMatchObject({ status: 'failed', status_details: { reason: code } });
    expect(client.events('error').map((e) => e.error)).toEqual([expect.objectContaining({ code, upstream_status: status })]);
    expect(llm.requests.length - before).toBe(requests);
    // The next turn on the same connection works.
    llm.script({ events: [text('Back again.'), finish('stop')] });
    expect((await turn(client, 'again')).status).toBe('completed');
  });

  it("never passes an upstream's error message on: OpenAI's 401 quotes the masked key", async () => {
    llm.script({
      status: 401,
      errorBody: {
        error: { message: 'Incorrect API key provided: sk-test***cret. You can find your API key at https://example.invalid.', type: 'invalid_request_error', code: 'invalid_api_key' },
      },
    });
    const client = await connect();
    await turn(client, 'hello');
    const [error] = client.events('error').map((e) => e.error as { code: string; message: string });
    expect(error?.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(error?.message).toBe('The LLM endpoint answered HTTP 401 (invalid_api_key, invalid_request_error).');
    expect(error?.message).not.toContain('sk-');
  });

  it('speaks an upstream that ignores stream: true and answers one JSON completion', async () => {
    llm.script({
      completion: {
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'One whole answer. With two sentences.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 8 },
      },
    });
    const client = await connect();
    const done = await turn(client, 'hello');
    expect(done.status).toBe('completed');
    expect(done.usage).toMatchObject({ input_tokens: 12, output_tokens: 8 });
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['One whole answer.', 'With two sentences.']);
    expect(client.audio().length).toBeGreaterThan(0);
  });

  it('a JSON answer that is not a completion is UPSTREAM_BAD_CHUNK', async () => {
    llm.script({ completion: { hello: 'world' } });
    const client = await connect();
    expect(await turn(client, 'hello')).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_BAD_CHUNK' } });
  });

  it('waits as long as Retry-After asks before retrying, and gives up at once when it asks too much', async () => {
    // A clock that records each wait and runs the one Retry-After asks for (3 s) at once, so the
    // test sleeps no second; every other timer (heartbeat, sweeps) keeps its real time.
    const ASKED_MS = 3000;
    const waits: number[] = [];
    const clock: Clock = {
      ...systemClock,
      setTimeout: (fn, ms) => {
        waits.push(ms);
        return systemClock.setTimeout(fn, ms === ASKED_MS ? 0 : ms);
      },
    };
    const patient = await startServer(
      { agent: 'openai', openaiBaseUrl: llm.url, openaiApiKey: 'k', openaiRetries: 2, openaiRetryBaseMs: 1, openaiIdleTimeoutMs: 5000 },
      { clock },
    );
    try {
      llm.script({ status: 429, headers: { 'retry-after': String(ASKED_MS / 1000) } }, { events: [text('After the wait.'), finish('stop')] });
      const client = await connect(patient);
      expect((await turn(client, 'hi')).status).toBe('completed');
      expect(waits).toContain(ASKED_MS);
      const before = llm.requests.length;
      llm.script({ status: 429, headers: { 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) } });
      expect(await turn(client, 'again')).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_RATE_LIMITED' } });
      expect(llm.requests.length - before).toBe(1);
    } finally {
      await patient.close();
    }
  });

  it('retries a 500 before the first token and then succeeds', async () => {
    llm.script({ status: 500 }, { events: [text('Second try worked.'), finish('stop')] });
    const client = await connect();
    expect((await turn(client, 'hi')).status).toBe('completed');
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['Second try worked.']);
  });

  it('a refused connection is UPSTREAM_UNREACHABLE', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await start({ openaiBaseUrl: `http://127.0.0.1:${port}/v1` });
    try {
      const client = await connect(unreachable);
      expect(await turn(client, 'hi')).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_UNREACHABLE' } });
    } finally {
      await unreachable.close();
    }
  });

  it('a stream that breaks mid-way keeps what was said, flushes the rest, and fails the turn', async () => {
    llm.script({ events: [text('First sentence is fine.'), text(' Second one is cut')], end: 'close' });
    const client = await connect();
    const done = await turn(client, 'go');
    expect(done).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_STREAM_BROKEN' } });
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(['First sentence is fine.', 'Second one is cut']);
    expect(client.events('error').map((e) => (e.error as { code: string }).code)).toEqual(['UPSTREAM_STREAM_BROKEN']);
    llm.script({ events: [text('Still here.'), finish('stop')] });
    expect((await turn(client, 'again')).status).toBe('completed');
  });

  it('a stream that stalls past the idle timeout fails with UPSTREAM_TIMEOUT', async () => {
    llm.script({ events: [text('Thinking')], end: 'stall' });
    const client = await connect();
    const before = llm.requests.length;
    const done = await turn(client, 'go');
    expect(done).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_TIMEOUT' } });
    expect(await llm.requests[before]?.closedByClient).toBe(true);
  });

  it('a malformed chunk is an error, not a crash', async () => {
    llm.script({ events: ['{"choices": [ nope'], end: 'done' });
    const client = await connect();
    expect(await turn(client, 'go')).toMatchObject({ status: 'failed', status_details: { reason: 'UPSTREAM_BAD_CHUNK' } });
    llm.script({ events: [text('Fine now.'), finish('stop')] });
    expect((await turn(client, 'again')).status).toBe('completed');
  });

  it('cancel closes the upstream request at once, and the history keeps only what was spoken', async () => {
    llm.script({ events: [text('This first sentence will be spoken. '), text('And this one')], end: 'stall' });
    const client = await connect();
    const before = llm.requests.length;
    client.send({ type: 'response.create', input: 'tell me a story' });
    await client.next('response.audio.done');
    client.send({ type: 'response.cancel' });
    const done = (await client.next('response.done')).response as Done & { spoken_text: string };
    expect(done.status).toBe('cancelled');
    expect(await llm.requests[before]?.closedByClient).toBe(true);
    expect(done.spoken_text).toBe('This first sentence will be spoken.');
    llm.script({ events: [text('Okay.'), finish('stop')] });
    await turn(client, 'next question');
    expect(llm.requests[before + 1]?.body.messages.slice(1)).toEqual([
      { role: 'user', content: 'tell me a story' },
      { role: 'assistant', content: 'This first sentence will be spoken.' },
      { role: 'user', content: 'next question' },
    ]);
  });

  it('response.played trims the cancelled reply in the history to the words heard', async () => {
    llm.script({ events: [text('Alpha bravo charlie delta echo. '), text('Foxtrot golf')], end: 'stall' });
    const client = await connect();
    const before = llm.requests.length;
    client.send({ type: 'response.create', input: 'spell' });
    const audioDone = await client.next('response.audio.done');
    client.send({ type: 'response.cancel' });
    const done = (await client.next('response.done')).response as { id: string };
    const words = audioDone.words as Array<{ text: string; start_ms: number; end: number }>;
    expect(words.map((w) => w.text).slice(0, 3)).toEqual(['Alpha', 'bravo', 'charlie']);
    client.send({ type: 'response.played', response_id: done.id, played_ms: (words[1]?.start_ms as number) + 1 });
    llm.script({ events: [text('Okay.'), finish('stop')] });
    await turn(client, 'what did you say?');
    expect(llm.requests[before + 1]?.body.messages.slice(1, 3)).toEqual([
      { role: 'user', content: 'spell' },
      { role: 'assistant', content: 'Alpha bravo' },
    ]);
  });

  it('keeps each request under the history character budget', async () => {
    const small = await start({ historyMaxChars: 300 });
    try {
      const client = await connect(small);
      const before = llm.requests.length;
      for (let i = 0; i < 12; i++) {
        llm.script({ events: [text(`Reply number ${i} is a sentence of some length to fill the history.`), finish('stop')] });
        expect((await turn(client, `question ${i} with a few words`)).status).toBe('completed');
      }
      const sizes = llm.requests.slice(before).map((r) =>
        r.body.messages.filter((m) => m.role !== 'system').reduce((n, m) => n + String(m.content ?? '').length, 0),
      );
      expect(Math.max(...sizes)).toBeLessThanOrEqual(300);
      // The system prompt is never dropped.
      expect(llm.requests.at(-1)?.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
      expect(llm.requests.at(-1)?.body.messages.at(-1)).toEqual({ role: 'user', content: 'question 11 with a few words' });
    } finally {
      await small.close();
    }
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT'))).toBe(0);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});
