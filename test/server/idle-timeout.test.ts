/**
 * Idle sockets on an injected clock: closed with 1000 "idle" after `idleTimeoutMs` without a
 * client event or a running turn, and not before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { ManualClock } from '../support/in-process.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const IDLE_MS = 5000;
let server: SaywireServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(): Promise<{ clock: ManualClock; client: TestClient; isOpen: () => boolean }> {
  const clock = new ManualClock();
  server = await startServer({ idleTimeoutMs: IDLE_MS, heartbeatIntervalMs: 3_600_000, turnSweepIntervalMs: 3_600_000 }, { clock });
  const client = await TestClient.connect(server.url);
  const connection = [...server.connections][0];
  if (connection === undefined) throw new Error('no connection');
  // close() starts the closing handshake synchronously, so the socket's state tells at once.
  return { clock, client, isOpen: () => connection.isOpen };
}

describe('idleTimeoutMs', () => {
  it('closes a socket with no client event for that long with 1000 "idle"; each event restarts the count', async () => {
    const { clock, client, isOpen } = await setUp();
    clock.advance(IDLE_MS - 1);
    expect(isOpen()).toBe(true);
    client.send({ type: 'session.update', session: { rate: 200 } });
    await client.next('session.updated');
    clock.advance(IDLE_MS - 1);
    expect(isOpen()).toBe(true);
    // A refused event is activity too.
    client.send({ type: 'no.such.event' });
    await client.next('error');
    clock.advance(IDLE_MS - 1);
    expect(isOpen()).toBe(true);
    clock.advance(1);
    expect(isOpen()).toBe(false);
    expect(await client.whenClosed()).toEqual({ code: 1000, reason: 'idle' });
  });

  it('keeps a socket whose turn runs, and counts from the end of that turn', async () => {
    const { clock, client, isOpen } = await setUp();
    client.send({ type: 'text.append', delta: 'Still thinking' });
    await client.next('response.created');
    clock.advance(IDLE_MS * 3);
    expect(isOpen()).toBe(true);
    client.send({ type: 'text.done' });
    await client.next('response.done');
    clock.advance(IDLE_MS - 1);
    expect(isOpen()).toBe(true);
    clock.advance(1);
    expect(await client.whenClosed()).toEqual({ code: 1000, reason: 'idle' });
  });

  it('0 turns it off', async () => {
    const clock = new ManualClock();
    server = await startServer({ idleTimeoutMs: 0, heartbeatIntervalMs: 3_600_000, turnSweepIntervalMs: 3_600_000 }, { clock });
    const client = await TestClient.connect(server.url);
    // Short of the first heartbeat, which this clock would run too.
    clock.advance(3_599_999);
    expect([...server.connections][0]?.isOpen).toBe(true);
    client.close();
  });
});
