/**
 * `POST /v1/tokens` on a real server: a token opens one WebSocket within `tokenTtlMs`, then 401;
 * the wall clock is injected.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const SECRET = 'the-server-secret';
const wall = { now: 1_764_480_000_000 };
let server: SaywireServer;
beforeAll(async () => {
  server = await startServer({ authToken: SECRET, tokenTtlMs: 30_000 }, { wallClock: () => wall.now });
});
afterAll(async () => {
  await server.close();
});

async function mint(): Promise<{ token: string; expires_at: number }> {
  const res = await fetch(`${server.url}/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; expires_at: number };
}

/** The upgrade's answer: 101 when a socket opened (then closed again), else the refusal's status. */
async function upgrade(token: string): Promise<number> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/v1/realtime?token=${encodeURIComponent(token)}`);
  // A refused upgrade also reports an error; the status is what this test reads.
  ws.on('error', () => {});
  const status = await new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
  if (status === 101) {
    ws.close();
    await once(ws, 'close');
  } else {
    ws.terminate();
  }
  return status;
}

describe('POST /v1/tokens', () => {
  it('needs the server token', async () => {
    expect((await fetch(`${server.url}/v1/tokens`, { method: 'POST' })).status).toBe(401);
    const minted = await mint();
    // A short-lived token mints no more of them, and opens no HTTP route.
    const res = await fetch(`${server.url}/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${minted.token}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${server.url}/v1/voices?token=${encodeURIComponent(minted.token)}`)).status).toBe(401);
  });

  it('gives a token that opens one socket within its TTL, then is refused with 401', async () => {
    const { token, expires_at } = await mint();
    expect(expires_at).toBe(Math.floor((wall.now + 30_000) / 1000));
    const client = await TestClient.connect(server.url, `/v1/realtime?token=${encodeURIComponent(token)}`);
    client.send({ type: 'response.create', input: 'hello' });
    expect(((await client.next('response.done')).response as { status: string }).status).toBe('completed');
    client.close();
    await client.whenClosed();
    expect(await upgrade(token)).toBe(401);
  });

  it('is refused with 401 once expired, never having been used', async () => {
    const early = await mint();
    wall.now += 29_999;
    const fresh = await mint();
    wall.now += 1;
    expect(await upgrade(early.token)).toBe(401);
    expect(await upgrade(fresh.token)).toBe(101);
    expect(await upgrade(fresh.token)).toBe(401);
  });
});
