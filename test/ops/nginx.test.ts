/**
 * The nginx example of the README (docs/nginx.conf), run for real: Debian's nginx in front of
 * two saywire instances on loopback, turns carried through it over WebSocket. `.ci/run`
 * installs nginx; where it is missing the test is skipped and says so.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
if (NGINX === undefined) console.warn('nginx is not installed: skipping the nginx example test (apt-get install nginx)');

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe.skipIf(NGINX === undefined)('nginx in front of two instances', () => {
  const backends: SaywireServer[] = [];
  let nginx: ChildProcess;
  let url: string;

  beforeAll(async () => {
    backends.push(await startServer(), await startServer());
    const listen = await freePort();
    const ports = backends.map((b) => new URL(b.url).port);
    const example = readFileSync(new URL('../../docs/nginx.conf', import.meta.url), 'utf8')
      .replace('server 127.0.0.1:8081;', `server 127.0.0.1:${ports[0]};`)
      .replace('server 127.0.0.1:8082;', `server 127.0.0.1:${ports[1]};`)
      .replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${listen};`);
    const prefix = mkdtempSync(join(tmpdir(), 'saywire-nginx-'));
    writeFileSync(
      join(prefix, 'nginx.conf'),
      [
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        `  access_log off; client_body_temp_path ${prefix}; proxy_temp_path ${prefix};`,
        `  fastcgi_temp_path ${prefix}; uwsgi_temp_path ${prefix}; scgi_temp_path ${prefix};`,
        example,
        '}',
      ].join('\n'),
    );
    execFileSync(NGINX as string, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'pipe' });
    nginx = spawn(NGINX as string, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off; master_process off;'], {
      stdio: 'inherit',
    });
    url = `http://127.0.0.1:${listen}`;
    // Ready when the proxied health check answers.
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (nginx.exitCode !== null) throw new Error('nginx exited');
    }
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    if (nginx?.exitCode === null) await once(nginx, 'exit');
    await Promise.all(backends.map((b) => b.close()));
  });

  it('carries turns with audio through the proxy, spread over both instances', async () => {
    const clients = await Promise.all([0, 1, 2, 3].map(() => TestClient.connect(url)));
    await Promise.all(
      clients.map(async (client, i) => {
        client.send({ type: 'response.create', input: `hello number ${i}` });
        const done = (await client.next('response.done')).response;
        expect(done).toMatchObject({ status: 'completed' });
        expect(client.audio().length).toBeGreaterThan(0);
        const frames = client.audio();
        expect(frames.map((f) => f.header.seq)).toEqual(frames.map((_, j) => j));
      }),
    );
    expect(backends.map((b) => b.connections.size)).toEqual([2, 2]);
    for (const c of clients) c.close();
  });
});
