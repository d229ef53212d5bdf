/**
 * Regressions for what an outside attack found (issue 11), each against a real server on
 * loopback with the real pool: a crash, overlapping client-text turns, a tool-call history that
 * poisoned the upstream, a closed socket that kept its turn synthesizing, the speech route's
 * documented maximum, and DNS rebinding.
 */
import { once } from 'node:events';
import fc from 'fast-check';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { FakeLlm, finish, text, toolCallPart } from '../support/fake-llm.js';
import { LogCapture } from '../support/log-capture.js';
import { RawSocket, frame } from '../support/raw-socket.js';
import { startServer, stillServes as serves } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

let server: SaywireServer;
let logs: LogCapture;

beforeAll(async () => {
  logs = new LogCapture();
  server = await startServer({ eventsPerSecond: 10_000, eventBurst: 10_000 }, { logger: logs.logger() });
});
afterAll(async () => {
  await server.close();
});

/** Another client completes a full turn with audio. */
const stillServes = (target: SaywireServer = server): Promise<void> => serves(target);

/** A JSON value nested `depth` arrays deep. */
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('a deeply nested event (was: the process crashed)', () => {
  it('a 5,000-deep session.update gets INVALID_EVENT; the process lives and serves others', async () => {
    const client = await TestClient.connect(server.url);
    client.send(
      `{"type":"session.update","event_id":"deep","session":{"tools":[{"type":"function","name":"f","description":"d","parameters":{"x":${nested(5000)}}}]}}`,
    );
    const error = (await client.next('error')).error as Record<string, unknown>;
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'INVALID_EVENT', event_id: 'deep' });
    expect(String(error.message)).toMatch(/deeper than 32/);
    client.close();
    await stillServes();
  });

  it('echoes at most 128 characters of an event_id', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'response.cancel', event_id: 'x'.repeat(60_000) });
    const error = (await client.next('error')).error as { code: string; event_id: string };
    expect(error.code).toBe('NO_ACTIVE_RESPONSE');
    expect(error.event_id).toBe('x'.repeat(128));
    client.close();
  });
});

/** Every response's events and frames, checked for overlap: a response starts only after the last one's done. */
function expectOneResponseAtATime(client: TestClient): void {
  let open: string | undefined;
  let number = 0;
  for (const r of client.received) {
    if (r.kind === 'audio') {
      expect(r.header.responseNumber).toBe(number);
      expect(open).toBeDefined();
      continue;
    }
    const { event } = r;
    if (event.type === 'response.created') {
      expect(open).toBeUndefined();
      open = (event.response as { id: string }).id;
      number++;
    } else if (event.type === 'response.done') {
      expect((event.response as { id: string }).id).toBe(open);
      open = undefined;
    } else if ('response_id' in event) {
      expect(event.response_id).toBe(open);
    }
  }
}

describe('client-text turns (was: a second turn overlapped the first)', () => {
  const long = Array.from({ length: 40 }, (_, i) => `This is sentence number ${i + 1} of a long reply.`).join(' ');

  it('text.append after text.done supersedes the speaking turn; after the cancel nothing more arrives', async () => {
    const client = await TestClient.connect(server.url);
    for (let i = 0; i < 5; i++) {
      client.send({ type: 'text.append', delta: long });
      client.send({ type: 'text.done' });
    }
    client.send({ type: 'response.cancel' });
    await client.until(() => client.events('response.done').length >= 5, 'five responses done');
    const statuses = client.events('response.done').map((e) => e.response as { status: string; status_details?: { reason: string } });
    expect(statuses.slice(0, 4).map((s) => s.status_details?.reason)).toEqual(['superseded', 'superseded', 'superseded', 'superseded']);
    expect(statuses[4]).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    const receivedAtCancel = client.received.length;
    // A whole later turn runs; nothing of the earlier ones may arrive meanwhile.
    client.send({ type: 'response.create', input: 'and now?' });
    await client.until(() => client.events('response.done').length === 6, 'the next turn');
    const after = client.received.slice(receivedAtCancel);
    expect(after[0]).toMatchObject({ kind: 'event', event: { type: 'response.created' } });
    expectOneResponseAtATime(client);
    client.close();
  });
});

describe('tool calls (was: the history poisoned every later upstream request)', () => {
  let llm: FakeLlm;
  let agentServer: SaywireServer;

  beforeAll(async () => {
    llm = await new FakeLlm().start();
    llm.enforceToolMessages = true;
    agentServer = await startServer({
      agent: 'openai',
      openaiBaseUrl: llm.url,
      openaiApiKey: 'sk-test',
      openaiRetries: 0,
      toolCallTimeoutMs: 200,
    });
  });
  afterAll(async () => {
    await agentServer.close();
    await llm.close();
  });

  const tools = [{ type: 'function', name: 'lookup', description: 'Looks it up.', parameters: { type: 'object', properties: {} } }];
  const callReply = (id: string) => ({
    events: [text('Let me check. '), toolCallPart(0, { id, name: 'lookup', arguments: '{}' }), finish('tool_calls')],
  });

  it('an unknown call_id gets INVALID_EVENT naming it; after a cancelled call the next turn completes', async () => {
    const client = await TestClient.connect(agentServer.url);
    client.send({ type: 'session.update', session: { tools } });
    await client.next('session.updated');
    llm.script(callReply('call_1'));
    client.send({ type: 'response.create', input: 'look it up' });
    await client.next('response.function_call');
    client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_nope', output: '42' } });
    const error = (await client.next('error')).error as { code: string; message: string };
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.message).toContain('call_nope');
    client.send({ type: 'response.cancel' });
    expect((await client.next('response.done')).response).toMatchObject({ status: 'cancelled' });
    llm.script({ events: [text('All good now.'), finish('stop')] });
    client.send({ type: 'response.create', input: 'try again' });
    expect((await client.next('response.done')).response).toMatchObject({ status: 'completed', spoken_text: 'All good now.' });
    const messages = llm.requests.at(-1)?.body.messages ?? [];
    expect(messages.filter((m) => m.role === 'tool')).toEqual([
      { role: 'tool', tool_call_id: 'call_1', content: expect.stringContaining('cancelled') },
    ]);
    client.close();
  });

  it('a call that times out (TOOL_TIMEOUT) is completed in the history; the next turn completes', async () => {
    const client = await TestClient.connect(agentServer.url);
    client.send({ type: 'session.update', session: { tools } });
    await client.next('session.updated');
    llm.script(callReply('call_2'));
    client.send({ type: 'response.create', input: 'look it up' });
    await client.next('response.function_call');
    expect(((await client.next('error')).error as { code: string }).code).toBe('TOOL_TIMEOUT');
    expect((await client.next('response.done')).response).toMatchObject({ status: 'failed', status_details: { reason: 'TOOL_TIMEOUT' } });
    llm.script({ events: [text('Recovered.'), finish('stop')] });
    client.send({ type: 'response.create', input: 'again' });
    expect((await client.next('response.done')).response).toMatchObject({ status: 'completed' });
    client.close();
  });

  it('more tool rounds than maxToolRounds fail the turn with TOOL_ROUNDS_EXCEEDED', async () => {
    const strict = await startServer({ agent: 'openai', openaiBaseUrl: llm.url, openaiApiKey: 'sk-test', openaiRetries: 0, maxToolRounds: 0 });
    try {
      const client = await TestClient.connect(strict.url);
      client.send({ type: 'session.update', session: { tools } });
      await client.next('session.updated');
      llm.script(callReply('call_3'));
      client.send({ type: 'response.create', input: 'look it up' });
      expect(((await client.next('error')).error as { code: string }).code).toBe('TOOL_ROUNDS_EXCEEDED');
      expect((await client.next('response.done')).response).toMatchObject({ status: 'failed' });
      client.close();
    } finally {
      await strict.close();
    }
  });
});

describe('a closed socket (was: its turn kept synthesizing)', () => {
  it('SLOW_CLIENT cancels the turn at once, before the close handshake ends, and skips its queued speech', async () => {
    const slowLogs = new LogCapture();
    const slow = await startServer(
      { sendHighWaterBytes: 1024, sendHardCapBytes: 1024, slowClientTimeoutMs: 1000, speechConcurrency: 16, poolMaxThreads: 1, poolMinThreads: 1 },
      { logger: slowLogs.logger() },
    );
    try {
      const raw = await RawSocket.upgrade(slow.url);
      raw.socket.pause();
      // Long sentences: the 15 that start beside the first take the one thread most of a second,
      // so some are still queued when the first frame closes the socket, however late the main
      // thread gets to it on a loaded machine (short ones were all spoken by then, now and then).
      const long = 'is a long one, with a great many words in it, so that the one pool thread takes a while to speak it, as it must for each of them in turn, one after the other, until the client is closed';
      const many = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} ${long}.`).join(' ');
      raw.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'text.append', delta: many }))));
      raw.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'text.done' }))));
      const done = await slowLogs.waitFor((l) => l.msg === 'turn done');
      expect(done).toMatchObject({ status: 'cancelled', reason: 'connection_closed' });
      // The handshake cannot end (the client reads nothing), so the socket is still not closed.
      expect(slowLogs.lines.some((l) => l.msg === 'connection closed')).toBe(false);
      raw.socket.destroy();
    } finally {
      await slow.close();
    }
    // Closing waits for the pool's queue to empty: the turn's queued sentences have had their
    // turn by now, and were skipped rather than synthesized. (Waiting on log lines for this
    // missed skips that came after the last line.)
    expect(slow.pool.skipped).toBeGreaterThan(0);
    // A real pool on one thread: on a loaded machine its queue takes a while to drain.
  }, 60_000);
});

describe('POST /v1/audio/speech under load (was: 500 when the pool queue filled)', () => {
  it('a full pool answers 503 with Retry-After, never 500', async () => {
    const small = await startServer({ poolMinThreads: 1, poolMaxThreads: 1, poolMaxQueue: 1 });
    try {
      const input = 'One sentence. Another sentence. A third one here.';
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${small.url}/v1/audio/speech`, { method: 'POST', body: JSON.stringify({ input, response_format: 'pcm' }) }).then(
            async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.arrayBuffer().catch(() => undefined) }),
          ),
        ),
      );
      const statuses = new Set(answers.map((a) => a.status));
      expect(statuses.has(503)).toBe(true);
      for (const a of answers) {
        expect([200, 503]).toContain(a.status);
        if (a.status === 503) expect(a.retryAfter).toBe('1');
      }
    } finally {
      await small.close();
    }
  });
});

/** A request with a chosen Host header (fetch will not send one). */
function get(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DNS rebinding (was: a foreign Host was served)', () => {
  it('a foreign Host is refused with 403 FORBIDDEN_HOST on WebSocket and HTTP; loopback names and IPs pass', async () => {
    const port = new URL(server.url).port;
    for (const path of ['/v1/voices', '/healthz']) {
      const foreign = await get(server.url, path, `evil.example:${port}`);
      expect(foreign.status).toBe(403);
      expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: 'FORBIDDEN_HOST' } });
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect((await get(server.url, path, host)).status).toBe(200);
    }
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/realtime`, {
      headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
    });
    ws.on('error', () => {});
    const [, res] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(res.statusCode).toBe(403);
    ws.terminate();
  });

  it('allowedHosts admits a listed name and its subdomains', async () => {
    const listed = await startServer({ allowedHosts: 'voice.example.com, .corp.example' });
    try {
      const port = new URL(listed.url).port;
      expect((await get(listed.url, '/healthz', `voice.example.com:${port}`)).status).toBe(200);
      expect((await get(listed.url, '/healthz', `a.corp.example`)).status).toBe(200);
      expect((await get(listed.url, '/healthz', `evil.example`)).status).toBe(403);
    } finally {
      await listed.close();
    }
  });
});

describe('start-up (was: sockets accepted before the pool was warm)', () => {
  it('refuses upgrades and /readyz with 503 until every thread is warm', async () => {
    const { createServer } = await import('../../src/server/server.js');
    const cold = createServer({ host: '127.0.0.1', port: 0, logLevel: 'silent', poolMinThreads: 1, poolMaxThreads: 2 });
    const listening = cold.listen();
    await once(cold.http, 'listening');
    const address = cold.http.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(503);
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/realtime`);
      ws.on('error', () => {});
      const [, res] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number }];
      expect(res.statusCode).toBe(503);
      ws.terminate();
      await listening;
      expect(cold.pool.warmThreads).toBe(2);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const client = await TestClient.connect(url);
      const created = client.events('session.created')[0]?.session as { audio: { sample_rate: number } };
      expect(created.audio.sample_rate).toBe(22_050);
      client.close();
    } finally {
      await listening.catch(() => undefined);
      await cold.close();
    }
  });
});

describe('HTTP conventions', () => {
  it('HEAD and OPTIONS work on GET routes; GET /v1/realtime without an upgrade is 426', async () => {
    const head = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const options = await fetch(`${server.url}/v1/voices`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const plain = await fetch(`${server.url}/v1/realtime`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
  });

  it('a client that aborts mid-body is not logged as a server error', async () => {
    const raw = await RawSocket.open(server.url);
    raw.write('POST /v1/chunk HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text":"');
    raw.socket.destroy();
    // The server sees the reset; a later request proves it has handled it.
    await stillServes();
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('after a cancel, silence (any mix of turn-starting events before it)', () => {
  it('nothing of any earlier turn arrives after the response.done that answers response.cancel', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of a reply long enough to be speaking.`).join(' ');
    const step = fc.constantFrom(
      { type: 'text.append', delta: long },
      { type: 'text.done' },
      { type: 'response.create', input: 'say something' },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const client = await TestClient.connect(server.url);
        try {
          for (const event of steps) client.send(event);
          client.send({ type: 'response.cancel', event_id: 'stop' });
          // The cancel is answered by a response.done, or by NO_ACTIVE_RESPONSE when nothing ran.
          await client.until(
            () => client.events('error').some((e) => (e.error as { event_id: string }).event_id === 'stop') || cancelledDone(client) !== -1,
            'the answer to the cancel',
          );
          const cut = Math.max(cancelledDone(client), client.received.findIndex((r) => r.kind === 'event' && r.event.type === 'error' && (r.event.error as { event_id: string }).event_id === 'stop'));
          client.send({ type: 'session.update', event_id: 'probe', session: { rate: 180 } });
          await client.next('session.updated');
          client.send({ type: 'response.create', input: 'and now?' });
          await client.until(() => client.events('response.created').length > 0 && client.received.slice(cut + 1).some((r) => r.kind === 'event' && r.event.type === 'response.done'), 'a later turn');
          const after = client.received.slice(cut + 1);
          const laterId = (after.find((r) => r.kind === 'event' && r.event.type === 'response.created') as { event: { response: { id: string } } }).event.response.id;
          const laterNumber = client.events('response.created').length;
          for (const r of after) {
            if (r.kind === 'audio') expect(r.header.responseNumber).toBe(laterNumber);
            else if ('response_id' in r.event) expect(r.event.response_id).toBe(laterId);
            else if (r.event.type === 'response.done') expect((r.event.response as { id: string }).id).toBe(laterId);
          }
        } finally {
          client.close();
        }
      }),
      { numRuns: 12 },
    );
  });
});

/** Index in `received` of the response.done that answers the cancel (status cancelled, client_cancelled), or -1. */
function cancelledDone(client: TestClient): number {
  return client.received.findIndex(
    (r) =>
      r.kind === 'event' &&
      r.event.type === 'response.done' &&
      (r.event.response as { status_details?: { reason: string } }).status_details?.reason === 'client_cancelled',
  );
}
