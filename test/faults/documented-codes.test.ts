/**
 * The documented limits that end a turn or a connection, each driven past its bound against a
 * real server: the turn budget, a client-text append during an agent turn, the heartbeat,
 * admission by event-loop delay and its 1013 close, and rate-limit strikes that decay.
 */
import { describe, expect, it } from 'vitest';
import { LogCapture } from '../support/log-capture.js';
import { RawSocket } from '../support/raw-socket.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

describe('documented codes', () => {
  it('TURN_BUDGET_EXCEEDED: a turn past maxTurnAudioMs ends as failed, with what was said kept', async () => {
    const server = await startServer({ maxTurnAudioMs: 1000 });
    try {
      const client = await TestClient.connect(server.url);
      client.send({ type: 'text.append', delta: 'This first sentence is long enough to last a while. And a second one follows it here. And a third.' });
      client.send({ type: 'text.done' });
      expect(((await client.next('error')).error as { code: string }).code).toBe('TURN_BUDGET_EXCEEDED');
      const done = (await client.next('response.done')).response as { status: string; audio_ms: number };
      expect(done).toMatchObject({ status: 'failed', status_details: { reason: 'TURN_BUDGET_EXCEEDED' } });
      expect(done.audio_ms).toBeGreaterThan(1000);
      expect(done.audio_ms).toBeLessThan(1100);
      client.close();
    } finally {
      await server.close();
    }
  });

  it('RESPONSE_IN_PROGRESS: text.append during an agent response is refused; the response goes on', async () => {
    const server = await startServer({ scriptedTokensPerSecond: 20 });
    try {
      const client = await TestClient.connect(server.url);
      client.send({ type: 'response.create', input: 'tell me something' });
      await client.next('response.text.delta');
      client.send({ type: 'text.append', delta: 'interrupting text' });
      expect(((await client.next('error')).error as { code: string }).code).toBe('RESPONSE_IN_PROGRESS');
      client.send({ type: 'response.cancel' });
      expect((await client.next('response.done')).response).toMatchObject({ status: 'cancelled' });
      expect(client.events('response.created')).toHaveLength(1);
      client.close();
    } finally {
      await server.close();
    }
  });

  it('a peer that never answers pings is terminated by the heartbeat', async () => {
    const logs = new LogCapture();
    const server = await startServer({ heartbeatIntervalMs: 1000 }, { logger: logs.logger() });
    try {
      // A raw socket reads nothing and answers no ping; a ws client would pong automatically.
      const raw = await RawSocket.upgrade(server.url);
      const terminated = await logs.waitFor((l) => l.msg === 'connection terminated');
      expect(terminated.reason).toBe('heartbeat');
      await raw.closed;
      await logs.waitFor((l) => l.msg === 'connection closed');
      expect(server.connections.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('OVERLOADED by event-loop delay refuses turns, and overloadStrikes refusals close with 1013', async () => {
    const server = await startServer({ admissionMaxLoopDelayMs: 1, admissionWindowMs: 100, overloadStrikes: 2 });
    try {
      const client = await TestClient.connect(server.url);
      const refusals = (): number => client.events('error').filter((e) => (e.error as { code: string }).code === 'OVERLOADED').length;
      // Block this process's loop (the server runs in it) until a window reports the delay.
      for (let tries = 0; refusals() === 0 && tries < 200; tries++) {
        const until = performance.now() + 30;
        while (performance.now() < until);
        client.send({ type: 'response.create', input: 'hello' });
        await client.until(() => client.events('response.done').length + refusals() > tries, 'an answer');
      }
      expect(refusals()).toBe(1);
      const until = performance.now() + 30;
      while (performance.now() < until);
      client.send({ type: 'response.create', input: 'hello again' });
      const closed = await client.whenClosed();
      expect(closed).toEqual({ code: 1013, reason: 'OVERLOADED' });
    } finally {
      await server.close();
    }
  });
});
