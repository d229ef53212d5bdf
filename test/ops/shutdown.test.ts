/**
 * Graceful shutdown of the real process: `node dist/src/cli.js`, real pool, real sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { TestClient } from '../support/test-client.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, SAYWIRE_PORT: '0', SAYWIRE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    out += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) return { child, url: match[1] as string };
  }
  throw new Error(`server did not start: ${out}`);
}

describe('graceful shutdown (SIGTERM)', () => {
  it('finishes or cancels every turn with response.done, closes with 1001, refuses newcomers, exits 0', async () => {
    const grace = 1500;
    const { child, url } = await startProcess({
      SAYWIRE_SCRIPTED_TOKENS_PER_SECOND: '10',
      SAYWIRE_SCRIPTED_FIRST_TOKEN_MS: '0',
      SAYWIRE_SHUTDOWN_GRACE_MS: String(grace),
    });
    const exited = once(child, 'exit');
    const long = await TestClient.connect(url);
    const short = await TestClient.connect(url);
    const idle = await TestClient.connect(url);
    long.send({ type: 'response.create', input: 'a long answer please' });
    await long.next('response.text.delta');
    // A client-text turn that is still speaking when the signal comes, and can finish in time.
    short.send({ type: 'text.append', delta: 'A short reply.' });
    await short.next('response.created');
    const signalledAt = performance.now();
    child.kill('SIGTERM');
    // The signal reaches the process when it does: a newcomer sent before that would be let in.
    // Readiness drops the moment draining begins.
    while ((await fetch(`${url}/readyz`)).status !== 503);
    // While draining, a newcomer is refused.
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/realtime`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
      // Let in: fail on the status below rather than hang.
      ws.on('open', () => resolve(101));
    });
    // The listener stays open while draining: a newcomer gets an answer, and it is 503.
    expect(refused).toBe(503);
    short.send({ type: 'text.done' });
    const shortDone = (await short.next('response.done')).response;
    expect(shortDone).toMatchObject({ status: 'completed' });
    const longDone = (await long.next('response.done')).response;
    expect(longDone).toMatchObject({ status: 'cancelled', status_details: { reason: 'shutdown' } });
    for (const client of [long, short, idle]) expect((await client.whenClosed()).code).toBe(1001);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(grace + 5000);
  });

  it('a second signal exits at once', async () => {
    const { child, url } = await startProcess({ SAYWIRE_SCRIPTED_TOKENS_PER_SECOND: '5', SAYWIRE_SHUTDOWN_GRACE_MS: '60000' });
    const exited = once(child, 'exit');
    const client = await TestClient.connect(url);
    client.send({ type: 'response.create', input: 'talk slowly' });
    await client.next('response.text.delta');
    child.kill('SIGTERM');
    // Draining has begun once readiness drops.
    while ((await fetch(`${url}/readyz`)).status !== 503);
    const secondAt = performance.now();
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(1);
    expect(performance.now() - secondAt).toBeLessThan(5000);
  });
});
