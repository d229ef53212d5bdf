/**
 * How errors reach an HTTP caller, on a real server: a coded refusal answers with its status,
 * headers and `{"error":{"code","message"}}`; a refused WebSocket upgrade gets the bare status
 * line; a failure HTTP has no status for (a worker that throws) is INTERNAL 500, logged at error.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { LogCapture } from '../support/log-capture.js';
import { startServer } from '../support/server.js';

let server: SaywireServer;
const logs = new LogCapture();
beforeAll(async () => {
  server = await startServer(
    { maxHeaderCount: 10 },
    { logger: logs.logger(), workerFile: new URL('../support/faulty.worker.mjs', import.meta.url).href },
  );
});
afterAll(async () => {
  await server.close();
});

/** Sends `request` as raw bytes and returns everything the server answers before it closes. */
async function raw(request: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.end(request);
  await once(socket, 'close');
  return answer;
}

const upgrade = (path: string, extra = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe('HTTP error answers', () => {
  it('405 names the code and the allowed methods', async () => {
    const res = await fetch(`${server.url}/healthz`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await res.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'POST is not allowed on /healthz.' } });
  });

  it('426 on a plain GET of the WebSocket endpoint carries Upgrade', async () => {
    const res = await fetch(`${server.url}/v1/realtime`);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(await res.json()).toEqual({ error: { code: 'UPGRADE_REQUIRED', message: '/v1/realtime is a WebSocket endpoint.' } });
  });

  it('too many headers is a 400 TOO_MANY_HEADERS', async () => {
    const headers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x-extra-${i}`, 'a']));
    const res = await fetch(`${server.url}/v1/voices`, { headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'TOO_MANY_HEADERS', message: 'More than 10 headers.' } });
  });

  it('a worker failure before the status is sent is INTERNAL 500, its message kept in the log', async () => {
    const res = await fetch(`${server.url}/v1/audio/speech`, { method: 'POST', body: JSON.stringify({ input: 'EXPLODE now.' }) });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal error.' } });
    const logged = await logs.waitFor((l) => l.msg === 'http handler failed');
    expect(logged.level).toBe(50);
    expect(JSON.stringify(logged.err)).toContain('WORKER_FAILED');
  });
});

describe('refused WebSocket upgrades', () => {
  it('get the bare status line of their code', async () => {
    const bare = (status: string): string => `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
    expect(await raw(upgrade('/nope'))).toBe(bare('404 Not Found'));
    const extra = Array.from({ length: 8 }, (_, i) => `X-Extra-${i}: a\r\n`).join('');
    expect(await raw(upgrade('/v1/realtime', extra))).toBe(bare('400 Bad Request'));
    expect(await raw(upgrade('/v1/realtime', 'Origin: https://evil.example\r\n'))).toBe(bare('403 Forbidden'));
  });

  it('a request that does not parse gets a bare 400', async () => {
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
});
