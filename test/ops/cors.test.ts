/**
 * CORS on the HTTP routes, against a real server with access control on: a page from an origin in
 * `allowedOrigins` gets its preflight answered and `Access-Control-Allow-Origin` on its requests
 * (errors included, so it can read them); any other origin gets a 403 and no CORS header.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';

const APP = 'https://app.example';
const TOKEN = 'cors-test-token';
let server: SaywireServer;

beforeAll(async () => {
  server = await startServer({ allowedOrigins: `${APP}, https://other.example`, authToken: TOKEN });
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request, so headers such as Origin go out exactly as a browser would send them. */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CORS', () => {
  it('answers a preflight from an allowed origin, without a token, with what the page may send', async () => {
    const res = await send('OPTIONS', '/v1/audio/speech', {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
    expect(res.headers['access-control-allow-headers']).toContain('content-type');
    expect(res.headers.vary).toContain('Origin');
  });

  it('sends Access-Control-Allow-Origin with a POST from an allowed origin, and exposes the sample rate', async () => {
    const res = await send(
      'POST',
      '/v1/audio/speech',
      { origin: APP, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      JSON.stringify({ input: 'Hello.', response_format: 'pcm' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers['access-control-expose-headers']).toContain('x-sample-rate');
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('lets an allowed page read an error too (a POST without its token is 401 with the header)', async () => {
    const res = await send('POST', '/v1/chunk', { origin: APP, 'content-type': 'application/json' }, JSON.stringify({ text: 'Hi.' }));
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
  });

  it('refuses a preflight and a POST from an origin not listed, with no CORS header', async () => {
    const preflight = await send('OPTIONS', '/v1/chunk', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const post = await send('POST', '/v1/chunk', { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` }, JSON.stringify({ text: 'Hi.' }));
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body.toString()).error.code).toBe('FORBIDDEN_ORIGIN');
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS header to a request without Origin', async () => {
    const res = await send('POST', '/v1/chunk', { authorization: `Bearer ${TOKEN}` }, JSON.stringify({ text: 'Hi there.' }));
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
