/**
 * The fault suite: a real server on loopback with the real pool, attacked and abused one way at a
 * time. Each case states its expected outcome, and after each one another client must still
 * complete a full turn with audio.
 */
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { LogCapture } from '../support/log-capture.js';
import { RawSocket, frame } from '../support/raw-socket.js';
import { startServer, stillServes as serves } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

let server: SaywireServer;
let logs: LogCapture;

beforeAll(async () => {
  logs = new LogCapture();
  server = await startServer({ maxConnectionsPerIp: 40, httpHeadersTimeoutMs: 1000, httpRequestTimeoutMs: 2000 }, { logger: logs.logger() });
});
afterAll(async () => {
  await server.close();
});

/** Another client completes a full turn with audio. */
const stillServes = (target: SaywireServer = server): Promise<void> => serves(target);

describe('malformed frames', () => {
  afterEach(async () => {
    await stillServes();
  });

  it('a 10 MB frame closes with 1009', async () => {
    const client = await TestClient.connect(server.url);
    client.ws.send(Buffer.alloc(10 * 1024 * 1024, 97), { binary: false });
    expect((await client.whenClosed()).code).toBe(1009);
  });

  it('invalid UTF-8 closes with 1007', async () => {
    const raw = await RawSocket.upgrade(server.url);
    raw.write(frame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])));
    expect(await raw.closeCode()).toBe(1007);
  });

  it('an unmasked frame closes with 1002', async () => {
    const raw = await RawSocket.upgrade(server.url);
    raw.write(frame(0x1, Buffer.from('{"type":"text.done"}'), { mask: false }));
    expect(await raw.closeCode()).toBe(1002);
  });

  it('a reserved opcode closes with 1002', async () => {
    const raw = await RawSocket.upgrade(server.url);
    raw.write(frame(0x3, Buffer.from('x')));
    expect(await raw.closeCode()).toBe(1002);
  });

  it('20,000 tiny fragments close with 1008', async () => {
    const raw = await RawSocket.upgrade(server.url);
    const parts = [frame(0x1, Buffer.from('{'), { fin: false })];
    for (let i = 0; i < 20_000; i++) parts.push(frame(0x0, Buffer.from(' '), { fin: false }));
    parts.push(frame(0x0, Buffer.from('}')));
    raw.write(Buffer.concat(parts));
    expect(await raw.closeCode()).toBe(1008);
  });

  it('a flood of pings from a client that never reads is terminated', async () => {
    const raw = await RawSocket.upgrade(server.url);
    raw.socket.pause();
    const ping = frame(0x9, Buffer.alloc(125, 1));
    const flood = Buffer.concat(Array.from({ length: 1000 }, () => ping));
    for (let i = 0; i < 200 && !raw.socket.destroyed; i++) {
      if (!raw.socket.write(flood)) await Promise.race([once(raw.socket, 'drain').catch(() => undefined), raw.closed]);
    }
    await logs.waitFor((l) => l.msg === 'connection closed' && l.code === 1006);
    raw.socket.destroy();
  });
});

describe('hostile HTTP', () => {
  afterEach(async () => {
    await stillServes();
  });

  it('2,000 request headers get a 400', async () => {
    const raw = await RawSocket.open(server.url);
    const headers = Array.from({ length: 2000 }, (_, i) => `x-h${i}: v`).join('\r\n');
    raw.write(`GET /healthz HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n`);
    await raw.closed;
    expect(raw.text()).toMatch(/^HTTP\/1\.1 400/);
  });

  it('a Sec-WebSocket-Protocol of 10,000 spaces gets an answer (no catastrophic header parsing)', async () => {
    // Fifty at once: a parser with super-linear cost on this header would stall the loop past
    // the test's timeout; a linear one answers each, with a 400 (no valid subprotocol in it).
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        RawSocket.upgrade(server.url, `Sec-WebSocket-Protocol: ${' '.repeat(10_000)}\r\n`).then(
          (raw) => {
            raw.socket.destroy();
            return 'upgraded';
          },
          (err: Error) => err.message,
        ),
      ),
    );
    for (const answer of answers) expect(answer).toMatch(/^upgraded$|^upgrade refused: HTTP\/1\.1 400/);
  });

  it('a TCP connection that never sends a request is closed by the header timeout', async () => {
    const raw = await RawSocket.open(server.url);
    const started = performance.now();
    await raw.closed;
    // httpHeadersTimeoutMs is 1000 here, checked every 250 ms.
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5000);
  });
});

describe('access and limits', () => {
  it('a missing or wrong token is 401, a foreign origin 403, same origin and listed origins pass', async () => {
    const guarded = await startServer({ authToken: 's3cret', allowedOrigins: 'https://app.example.com' });
    try {
      const ws = `${guarded.url.replace('http', 'ws')}/v1/realtime`;
      const status = (url: string, headers: Record<string, string> = {}) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(url, { headers });
          socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          socket.on('open', () => {
            socket.close();
            resolve(101);
          });
          socket.on('error', () => resolve(-1));
        });
      expect(await status(ws)).toBe(401);
      expect(await status(ws, { authorization: 'Bearer nope' })).toBe(401);
      expect(await status(`${ws}?token=s3cret`)).toBe(101);
      expect(await status(ws, { authorization: 'Bearer s3cret' })).toBe(101);
      expect(await status(`${ws}?token=s3cret`, { origin: 'https://evil.example.net' })).toBe(403);
      expect(await status(`${ws}?token=s3cret`, { origin: 'https://app.example.com' })).toBe(101);
      expect(await status(`${ws}?token=s3cret`, { origin: guarded.url })).toBe(101);
      // HTTP follows the same rule; probes stay open for load balancers.
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
      expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
      const client = await TestClient.connect(guarded.url, '/v1/realtime?token=s3cret');
      client.send({ type: 'response.create', input: 'hi' });
      expect((await client.next('response.done')).response).toMatchObject({ status: 'completed' });
      client.close();
    } finally {
      await guarded.close();
    }
  });

  it('too many connections from one address are refused with 429', async () => {
    const limited = await startServer({ maxConnectionsPerIp: 3 });
    try {
      const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(limited.url)));
      const refused = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${limited.url.replace('http', 'ws')}/v1/realtime`);
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => resolve(101));
      });
      expect(refused).toBe(429);
      const first = clients[0] as TestClient;
      first.close();
      await first.whenClosed();
      // A freed slot is usable again.
      await stillServes(limited);
      for (const c of clients.slice(1)) c.close();
    } finally {
      await limited.close();
    }
  });

  it('an event flood is rate-limited, then closed with 1008', async () => {
    const client = await TestClient.connect(server.url);
    for (let i = 0; i < 2000; i++) client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', text: 'x' } });
    expect((await client.whenClosed()).code).toBe(1008);
    expect(client.events('error').some((e) => (e.error as { code: string }).code === 'RATE_LIMITED')).toBe(true);
    await stillServes();
  });
});

describe('abuse of the protocol', () => {
  it('10,000 bad events interleaved with valid turns: every turn completes, every bad event gets its error', async () => {
    const tolerant = await startServer({ eventsPerSecond: 100_000, eventBurst: 100_000, maxPendingEvents: 10_000 });
    try {
      const client = await TestClient.connect(tolerant.url);
      const bad = ['{nope', '{"type":"nope"}', '{"type":"text.append","delta":1}', '[]', '{"type":"response.played"}'];
      let sentBad = 0;
      const turns = 5;
      for (let t = 0; t < turns; t++) {
        for (let i = 0; i < 2000; i++) client.send(bad[sentBad++ % bad.length] as string);
        client.send({ type: 'response.create', input: `turn ${t}` });
        await client.next('response.done');
      }
      await client.until(() => client.events('error').length >= sentBad, 'all errors');
      const done = client.events('response.done').map((e) => (e.response as { status: string }).status);
      expect(done).toEqual(Array.from({ length: turns }, () => 'completed'));
      expect(client.events('error').length).toBe(sentBad);
      expect(sentBad).toBe(10_000);
      // Every completed turn has all its sentences voiced.
      const sentences = client.events('response.sentence').length;
      expect(client.events('response.audio.done').length).toBe(sentences);
      client.close();
      await stillServes(tolerant);
    } finally {
      await tolerant.close();
    }
  });

  it('an interrupt storm of 1,000 cancel/create pairs leaves no turn or task behind', async () => {
    // 2,000 events let through at once keep this one loop busy for a few hundred ms, which
    // admission by loop delay rightly refuses (tested on its own in documented-codes.test.ts);
    // this case is about what a storm leaves behind, so that limit is lifted here.
    const stormy = await startServer({
      eventsPerSecond: 100_000,
      eventBurst: 100_000,
      maxPendingEvents: 10_000,
      admissionMaxLoopDelayMs: 60_000,
    });
    try {
      const client = await TestClient.connect(stormy.url);
      for (let i = 0; i < 1000; i++) {
        client.send({ type: 'response.create', input: `storm ${i}` });
        client.send({ type: 'response.cancel' });
      }
      client.send({ type: 'response.create', input: 'calm' });
      await client.until(() => client.events('response.done').length >= 1001, 'all responses done');
      expect(client.events('response.done').at(-1)?.response).toMatchObject({ status: 'completed' });
      const connection = [...stormy.connections][0];
      expect(connection?.stats().activeTurn).toBe(false);
      // The bound: turnsRetained finished turns, plus the last one (evicted when the next starts).
      expect(connection?.stats().retainedTurns).toBeLessThanOrEqual(stormy.options.turnsRetained + 1);
      client.close();
      await stillServes(stormy);
    } finally {
      await stormy.close();
    }
  });
});

describe('worker faults', () => {
  it('a worker that runs out of heap fails only its turn', async () => {
    const faulty = await startServer(
      { poolMaxHeapMb: 32 },
      { workerFile: new URL('../support/faulty.worker.mjs', import.meta.url).href },
    );
    try {
      const client = await TestClient.connect(faulty.url);
      client.send({ type: 'text.append', delta: 'This HOG eats memory.' });
      client.send({ type: 'text.done' });
      expect((await client.next('response.done')).response).toMatchObject({
        status: 'failed',
        status_details: { reason: 'WORKER_FAILED' },
      });
      client.close();
      await stillServes(faulty);
    } finally {
      await faulty.close();
    }
  });

  // Two threads from the start, each holding two warm tasks, is the shape whose close used to
  // wait forever after the failure (the server's defaults).
  it.each([
    ['threads started on demand', {}],
    ['two threads from the start', { poolMinThreads: 2, poolMaxThreads: 2 }],
  ])('a worker that cannot start stops start-up with WORKER_FAILED, is logged, and is not retried (%s)', async (_shape, pool) => {
    const startLogs = new LogCapture();
    const failing = startServer(
      pool,
      { workerFile: new URL('../support/broken-start.worker.mjs', import.meta.url).href, logger: startLogs.logger() },
    );
    await expect(failing).rejects.toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining('engine data missing') });
    expect(startLogs.lines.filter((l) => l.msg === 'worker failed to start')).toHaveLength(1);
    await stillServes();
  });

  it('a full pool queue refuses or fails turns with OVERLOADED, and the server recovers', async () => {
    const small = await startServer({ poolMinThreads: 1, poolMaxThreads: 1, poolMaxQueue: 2, speechConcurrency: 4 });
    try {
      const clients = await Promise.all(Array.from({ length: 12 }, () => TestClient.connect(small.url)));
      const text = 'One sentence here. Two sentences here. Three sentences here. Four sentences here.';
      for (const c of clients) {
        c.send({ type: 'text.append', delta: text });
        c.send({ type: 'text.done' });
      }
      // Each client ends one of three ways, written out: refused at admission (its text.done then
      // has no response), completed, or failed mid-speech when running turns overflowed the rest.
      const refused = ['OVERLOADED', 'NO_ACTIVE_RESPONSE'];
      await Promise.all(clients.map((c) => c.until(() => c.events('response.done').length > 0 || c.events('error').length >= 2)));
      const outcomes = clients.map((c) => {
        const codes = c.events('error').map((e) => (e.error as { code: string }).code);
        const done = c.events('response.done')[0]?.response as { status: string; status_details?: { reason: string } } | undefined;
        if (done === undefined) return JSON.stringify(codes) === JSON.stringify(refused) ? 'refused' : `unexpected ${codes.join(',')}`;
        if (done.status === 'completed' && codes.length === 0) return 'completed';
        if (done.status === 'failed' && done.status_details?.reason === 'OVERLOADED' && codes.join() === 'OVERLOADED') return 'failed';
        return `unexpected ${done.status} ${codes.join(',')}`;
      });
      expect(outcomes.filter((o) => !['refused', 'completed', 'failed'].includes(o))).toEqual([]);
      expect(outcomes).toContain('refused');
      for (const c of clients) c.close();
      await stillServes(small);
    } finally {
      await small.close();
    }
  });
});

describe('clients that vanish', () => {
  it('1,000 connect/disconnect cycles with turns in flight return the heap near its baseline', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const url = `${server.url.replace('http', 'ws')}/v1/realtime`;
    // Warm up allocations that stay for the life of the process.
    await stillServes();
    const baseline = heap();
    for (let i = 0; i < 1000; i++) {
      const ws = new WebSocket(url);
      await once(ws, 'message');
      ws.send(JSON.stringify({ type: 'response.create', input: `cycle ${i}` }));
      await once(ws, 'message');
      if (i % 2 === 0) ws.terminate();
      else ws.close();
    }
    await logs.waitFor(() => server.connections.size === 0);
    const after = heap();
    console.log(`heap: baseline ${(baseline / 2 ** 20).toFixed(1)} MB, after 1000 cycles ${(after / 2 ** 20).toFixed(1)} MB`);
    expect(after - baseline).toBeLessThan(16 * 2 ** 20);
    await stillServes();
    // 5–12 s alone or beside other suites; one full run on a slow stretch of this machine took
    // past the default 30 s. It measures the heap, not speed.
  }, 90_000);
});
