/**
 * The client against a real server (real pool, real eSpeak-NG, real sockets): full turns of both
 * kinds, barge-in, session updates, refusals, the bounds, a token, and reconnecting after the
 * server restarts on the same port, with the backoff's timers injected.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AudioChunk, type ResponseEvent, SaywireClient, type SaywireClientEvent, SaywireClientError } from '../../src/client/index.js';
import { MAX_PENDING_FLUSHES } from '../../src/client/response-handle.js';
import { openSocket } from '../../src/client/socket.js';
import type { Clock } from '../../src/clock.js';
import type { SaywireServer } from '../../src/server/server.js';
import { FakeLlm, finish, text, toolCallPart } from '../support/fake-llm.js';
import { startServer } from '../support/server.js';

const wsUrl = (server: SaywireServer): string => `${server.url.replace(/^http/, 'ws')}/v1/realtime`;

/**
 * Admission by event-loop delay is lifted: these tests are about the client, and on a busy
 * machine a refused turn (OVERLOADED, tested in documented-codes.test.ts) would only make them flaky.
 */
const patient = { admissionMaxLoopDelayMs: 60_000 };

/** Collects a client's events of one type. */
function record<T extends SaywireClientEvent['type']>(client: SaywireClient, type: T): Array<Extract<SaywireClientEvent, { type: T }>> {
  const seen: Array<Extract<SaywireClientEvent, { type: T }>> = [];
  client.on(type, (event) => seen.push(event));
  return seen;
}

/** Resolves at the client's next `state` event that says `state`. */
function nextState(client: SaywireClient, state: string): Promise<Extract<SaywireClientEvent, { type: 'state' }>> {
  return new Promise((resolve) => {
    const off = client.on('state', (event) => {
      if (event.state !== state) return;
      off();
      resolve(event);
    });
  });
}

describe('SaywireClient against a real server', () => {
  let server: SaywireServer;
  let slow: SaywireServer;
  beforeAll(async () => {
    server = await startServer(patient);
    // 20 tokens/s leaves time to cancel in the middle of a turn.
    slow = await startServer({ ...patient, scriptedTokensPerSecond: 20 });
  });
  afterAll(async () => {
    await server?.close();
    await slow?.close();
  });

  it('`import { SaywireClient } from "saywire/client"` runs a full turn from a plain Node process', async () => {
    const script = `
      import { SaywireClient } from 'saywire/client';
      const client = await SaywireClient.connect(process.argv[1]);
      const response = client.createResponse({ input: 'Hello from Node' });
      let samples = 0;
      response.on('audio', (chunk) => { samples += chunk.samples.length; });
      const done = await response.done;
      await client.close();
      console.log(JSON.stringify({ status: done.status, spoken: done.spoken_text, samples, rate: client.session.audio.sample_rate, agent: client.session.agent }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, wsUrl(server)], {
      cwd: new URL('../..', import.meta.url).pathname,
    });
    const result = JSON.parse(stdout) as { status: string; spoken: string; samples: number; rate: number; agent: string };
    expect(result).toMatchObject({ status: 'completed', agent: 'scripted' });
    expect(result.spoken).toMatch(/^You said: "Hello from Node"\./);
    // Seconds of speech came through as samples.
    expect(result.samples / result.rate).toBeGreaterThan(1);
  });

  it('an agent turn: typed events in order, audio as PCM chunks that add up to the summary, a done summary with usage', async () => {
    const client = await SaywireClient.connect(wsUrl(server));
    expect(client.session).toMatchObject({ agent: 'scripted', model: null, speech_engine: 'espeak' });
    const response = client.createResponse({ input: 'Tell me a story' });
    const events: ResponseEvent[] = [];
    for await (const event of response) events.push(event);
    const done = await response.done;
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.done');
    expect(done.status).toBe('completed');
    expect(done.usage).toBeDefined();
    expect(response.id).toBe(done.id);
    const deltas = events.flatMap((e) => (e.type === 'response.text.delta' ? [e.delta] : []));
    const sentences = events.flatMap((e) => (e.type === 'response.sentence' ? [e.text] : []));
    expect(sentences.length).toBe(done.sentences);
    expect(sentences.join(' ').replace(/\s+/g, ' ')).toBe(deltas.join('').trim().replace(/\s+/g, ' '));
    const audio = events.filter((e): e is AudioChunk => e.type === 'audio');
    expect(audio.map((a) => a.header.seq)).toEqual(audio.map((_, i) => i));
    expect(audio.at(-1)?.header.seq).toBe(done.last_audio_seq);
    expect(new Set(audio.map((a) => a.header.responseNumber))).toEqual(new Set([response.number]));
    const ms = audio.reduce((sum, a) => sum + (a.samples.length / a.header.sampleRate) * 1000, 0);
    expect(Math.abs(ms - done.audio_ms)).toBeLessThanOrEqual(done.sentences);
    // The samples are speech, not silence or garbage.
    expect(audio.some((a) => a.samples.some((s) => Math.abs(s) > 1000))).toBe(true);
    const timings = events.flatMap((e) => (e.type === 'response.audio.done' ? [e] : []));
    expect(timings.length).toBe(done.sentences);
    expect(timings[0]?.words.length).toBeGreaterThan(0);
    await client.close();
    expect(client.state).toBe('closed');
  });

  it('a client-text turn from an iterable of deltas, then one streamed by hand', async () => {
    const client = await SaywireClient.connect(wsUrl(server));
    const spoken = client.createTextResponse({ text: ['One two ', 'three. Four', ' five six.'] });
    const sentences: string[] = [];
    spoken.on('response.sentence', (event) => sentences.push(event.text));
    expect((await spoken.done).status).toBe('completed');
    expect(sentences).toEqual(['One two three.', 'Four five six.']);

    const byHand = client.createTextResponse();
    byHand.append('Streamed ');
    byHand.append('by hand');
    byHand.end();
    expect(() => byHand.append('more')).toThrow('append() after end()');
    expect(await byHand.done).toMatchObject({ status: 'completed', spoken_text: 'Streamed by hand' });
    await client.close();
  });

  it('flush() speaks the buffered text before end() and resolves with its last sentence index; a response voice applies to that response only', async () => {
    const client = await SaywireClient.connect(wsUrl(server));
    const sessionVoice = client.session.voice;
    const other = 'en-gb-x-rp';
    expect(other).not.toBe(sessionVoice);
    const spoken = client.createTextResponse({ voice: other });
    const sentences: string[] = [];
    const voices: string[] = [];
    spoken.on('response.sentence', (event) => sentences.push(event.text));
    spoken.on('response.audio.done', (event) => voices.push(event.voice));
    const firstSpoken = new Promise((resolve) => spoken.on('response.audio.done', resolve));
    spoken.append('No boundary yet');
    // Acknowledged once queued; spoken (sentence and audio) before the text goes on or ends.
    expect(await spoken.flush()).toBe(0);
    await firstSpoken;
    expect(sentences).toEqual(['No boundary yet']);
    // Nothing buffered: the acknowledgement says so.
    expect(await spoken.flush()).toBe(-1);
    spoken.append('Then the rest.');
    spoken.end();
    await expect(spoken.flush()).rejects.toThrow('flush() after end()');
    expect((await spoken.done).status).toBe('completed');
    expect(sentences).toEqual(['No boundary yet', 'Then the rest.']);
    expect(new Set(voices)).toEqual(new Set([other]));

    const next = client.createTextResponse({ text: ['Back to the session voice.'] });
    const nextVoices: string[] = [];
    next.on('response.audio.done', (event) => nextVoices.push(event.voice));
    await next.done;
    expect(new Set(nextVoices)).toEqual(new Set([sessionVoice]));
    await client.close();
  });

  it('past MAX_PENDING_FLUSHES unanswered flushes, flush() rejects with TOO_MANY_PENDING; the answered ones resolve in order', async () => {
    const client = await SaywireClient.connect(wsUrl(server));
    const spoken = client.createTextResponse();
    spoken.append('Some words');
    const answered = Array.from({ length: MAX_PENDING_FLUSHES }, () => spoken.flush());
    await expect(spoken.flush()).rejects.toMatchObject({ code: 'TOO_MANY_PENDING' });
    // The first flush spoke the words (sentence 0); the rest found nothing buffered.
    expect(await Promise.all(answered)).toEqual([0, ...Array.from({ length: MAX_PENDING_FLUSHES - 1 }, () => -1)]);
    spoken.end();
    expect((await spoken.done).status).toBe('completed');
    await client.close();
  });

  it('cancel() stops a running turn: done says cancelled, and no frame of it arrives after', async () => {
    const client = await SaywireClient.connect(wsUrl(slow));
    const frames = record(client, 'frame');
    const response = client.createResponse({ input: 'Tell me about the plans' });
    await new Promise<void>((resolve) => {
      const off = response.on('audio', () => {
        off();
        resolve();
      });
    });
    response.cancel();
    response.cancel();
    const done = await response.done;
    expect(done).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    const framesAtDone = frames.length;
    expect(frames.at(-1)?.chunk.header.seq).toBe(done.last_audio_seq);
    // The next turn's response.created comes after anything of the cancelled one still on the wire.
    const next = client.createResponse({ input: 'And the weather?' });
    await new Promise<void>((resolve) => next.on('response.created', () => resolve()));
    expect(frames.slice(framesAtDone).every((f) => f.chunk.header.responseNumber === next.number)).toBe(true);
    next.cancel();
    await next.done;
    await client.close();
  });

  it('played(ms) before response.created goes out once the id is known', async () => {
    const sent: string[] = [];
    const client = await SaywireClient.connect(wsUrl(server), {
      socketFactory: async (url, token) => {
        const socket = await openSocket(url, token);
        const send = socket.send.bind(socket);
        socket.send = (data) => {
          sent.push(data);
          send(data);
        };
        return socket;
      },
    });
    const response = client.createTextResponse({ text: ['Short one.'] });
    response.played(120.4);
    const done = await response.done;
    const played = sent.map((s) => JSON.parse(s) as { type: string }).filter((e) => e.type === 'response.played');
    expect(played).toEqual([{ type: 'response.played', response_id: done.id, played_ms: 120 }]);
    await client.close();
  });

  it('updateSession resolves with the new session and rejects with the server’s code; base64 audio still arrives as PCM chunks', async () => {
    const client = await SaywireClient.connect(wsUrl(server));
    await expect(client.updateSession({ voice: 'no-such-voice' })).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    const session = await client.updateSession({ audio: { format: 'base64', sample_rate: 16_000 }, rate: 190 });
    expect(session).toMatchObject({ rate: 190, audio: { format: 'base64', sample_rate: 16_000 } });
    expect(client.session).toEqual(session);
    const frames = record(client, 'frame');
    const response = client.createTextResponse({ text: ['Testing one two three.'] });
    const audio: AudioChunk[] = [];
    response.on('audio', (chunk) => audio.push(chunk));
    const done = await response.done;
    expect(frames).toEqual([]);
    expect(audio.map((a) => a.header.seq)).toEqual(audio.map((_, i) => i));
    expect(audio.every((a) => a.header.sampleRate === 16_000 && a.header.responseNumber === response.number)).toBe(true);
    const ms = audio.reduce((sum, a) => sum + (a.samples.length / 16), 0);
    expect(Math.abs(ms - done.audio_ms)).toBeLessThanOrEqual(1);
    expect(audio.some((a) => a.samples.some((s) => Math.abs(s) > 1000))).toBe(true);
    await client.close();
  });

  it('a refused request rejects its done with the server’s code; other errors go to the client', async () => {
    const client = await SaywireClient.connect(wsUrl(slow));
    const errors = record(client, 'error');
    const agent = client.createResponse({ input: 'Tell me about the plans' });
    const refused = client.createTextResponse();
    refused.append('Not now.');
    await expect(refused.done).rejects.toMatchObject({ code: 'RESPONSE_IN_PROGRESS', serverError: { event_id: refused.requestId } });
    await expect(refused[Symbol.asyncIterator]().next()).resolves.toEqual({ value: undefined, done: true });
    client.send({ type: 'text.done' });
    await new Promise<void>((resolve) => client.on('error', () => resolve()));
    agent.cancel();
    await agent.done;
    // The refusal went to its request only; the raw text.done's error, naming no request, to the client.
    expect(errors.map((e) => e.error.code)).toEqual(['NO_ACTIVE_RESPONSE']);
    await client.close();
  });

  it('bounds: past maxPending a request throws TOO_MANY_PENDING; an iterator past maxBufferedEvents throws EVENT_BUFFER_FULL', async () => {
    const client = await SaywireClient.connect(wsUrl(server), { maxPending: 2, maxBufferedEvents: 5 });
    const first = client.createResponse({ input: 'one' });
    const second = client.createResponse({ input: 'two' });
    expect(() => client.createResponse({ input: 'three' })).toThrow(expect.objectContaining({ code: 'TOO_MANY_PENDING' }));
    const iterator = second[Symbol.asyncIterator]();
    // Nobody reads the iterator while the turn runs: far more than 5 events arrive.
    const done = await second.done;
    expect(done.status).toBe('completed');
    expect(done.sentences + done.last_audio_seq).toBeGreaterThan(5);
    await expect(iterator.next()).rejects.toMatchObject({ code: 'EVENT_BUFFER_FULL' });
    expect((await first.done).status).toBe('cancelled');
    // Once answered, the slots are free again.
    await client.createResponse({ input: 'three' }).done;
    await client.close();
    expect(() => client.createResponse({ input: 'four' })).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }));
  });

  it('delivers function calls and sends their output back', async () => {
    const llm = await new FakeLlm().start();
    const agentServer = await startServer({ agent: 'openai', openaiBaseUrl: llm.url, openaiApiKey: 'sk-test', openaiRetries: 0, openaiModel: 'gpt-test', ...patient });
    try {
      const client = await SaywireClient.connect(wsUrl(agentServer));
      expect(client.session).toMatchObject({ agent: 'openai', model: 'gpt-test', speech_engine: 'espeak' });
      await client.updateSession({ tools: [{ type: 'function', name: 'lookup', description: 'Looks it up.', parameters: { type: 'object', properties: {} } }] });
      llm.script({ events: [text('Let me check. '), toolCallPart(0, { id: 'call_7', name: 'lookup', arguments: '{"q":1}' }), finish('tool_calls')] });
      llm.script({ events: [text('It is 42.'), finish('stop')] });
      const response = client.createResponse({ input: 'look it up' });
      response.on('response.function_call', (call) => {
        expect(call).toMatchObject({ call_id: 'call_7', name: 'lookup', arguments: '{"q":1}' });
        client.sendFunctionCallOutput(call.call_id, '42');
      });
      expect(await response.done).toMatchObject({ status: 'completed', spoken_text: 'Let me check. It is 42.' });
      expect(llm.requests.at(-1)?.body.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_7', content: '42' });
      await client.close();
    } finally {
      await agentServer.close();
      await llm.close();
    }
  });
});

describe('SaywireClient access and reconnect', () => {
  it('a server with a token: CONNECT_FAILED with status 401 without it, a session with it', async () => {
    const guarded = await startServer({ ...patient, authToken: 's3cret' });
    try {
      const err = await SaywireClient.connect(wsUrl(guarded)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SaywireClientError);
      expect(err).toMatchObject({ code: 'CONNECT_FAILED', status: 401 });
      const client = await SaywireClient.connect(wsUrl(guarded), { token: 's3cret' });
      expect(client.state).toBe('open');
      await client.close();
    } finally {
      await guarded.close();
    }
  });

  it('close() while the socket is still connecting ends it: connect() rejects, the state says closed, no session is left open', async () => {
    const server = await startServer(patient);
    try {
      const client = new SaywireClient(wsUrl(server));
      const states = record(client, 'state');
      const connecting = client.connect();
      const closing = client.close();
      await expect(connecting).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
      await closing;
      expect(client.state).toBe('closed');
      // It never opened, so there was no state to leave.
      expect(states).toEqual([]);
      expect(() => client.session).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }));
      // Nothing was left behind on the server either.
      await expect.poll(() => server.connections.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  /** Timers the test fires by hand: the backoff never sleeps. */
  function manualClock(): Clock & { due: Array<{ ms: number; fire: () => void }> } {
    const due: Array<{ ms: number; fire: () => void }> = [];
    return {
      due,
      now: () => 0,
      setTimeout: (fn, ms) => {
        const entry = { ms, fire: fn };
        due.push(entry);
        return entry;
      },
      clearTimeout: (handle) => {
        const i = due.indexOf(handle as (typeof due)[number]);
        if (i >= 0) due.splice(i, 1);
      },
    };
  }

  it('reconnects with backoff after the server restarts on the same port, sends its session fields again, gives up after maxAttempts', async () => {
    let server = await startServer(patient);
    const port = new URL(server.url).port;
    const clock = manualClock();
    const client = await SaywireClient.connect(wsUrl(server), {
      reconnect: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 150 },
      clock,
      random: () => 0.999,
    });
    const states = record(client, 'state');
    await client.updateSession({ rate: 200 });
    // Refused, so not sent again after the reconnect (it would get the whole update refused).
    await expect(client.updateSession({ voice: 'no-such-voice' })).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    const running = client.createResponse({ input: 'Tell me a long story' });
    const reconnecting = nextState(client, 'reconnecting');
    await server.close();
    await expect(running.done).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(await reconnecting).toMatchObject({ attempt: 1, delayMs: 100 });
    expect(client.state).toBe('reconnecting');
    expect(() => client.createResponse({ input: 'now?' })).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }));

    // The server is down: the first attempt fails and the next waits longer, up to the cap.
    const second = nextState(client, 'reconnecting');
    clock.due.shift()?.fire();
    expect(await second).toMatchObject({ attempt: 2, delayMs: 150 });

    server = await startServer({ ...patient, port: Number(port) });
    try {
      const open = nextState(client, 'open');
      clock.due.shift()?.fire();
      await open;
      // The session on the new socket got the rate this client had set.
      await new Promise<void>((resolve) => {
        if (client.session.rate === 200) resolve();
        else client.on('session', (event) => event.session.rate === 200 && resolve());
      });
      expect((await client.createResponse({ input: 'back?' }).done).status).toBe('completed');
      expect(states.map((s) => s.state)).toEqual(['reconnecting', 'reconnecting', 'open']);
    } finally {
      await server.close();
    }

    // Down for good: three attempts, then closed with the last error.
    const closed = nextState(client, 'closed');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const next = attempt < 3 ? nextState(client, 'reconnecting') : closed;
      while (clock.due.length === 0) await new Promise<void>((resolve) => client.on('state', () => resolve()));
      clock.due.shift()?.fire();
      await next;
    }
    expect(await closed).toMatchObject({ state: 'closed', error: { code: 'CONNECT_FAILED' } });
    expect(clock.due).toEqual([]);
  });
});
