/** Starts a real saywire server on a loopback port with the real pool, quiet logs. */
import { type SaywireServer, type ServerDeps, createServer } from '../../src/server/server.js';
import type { ServerOptions } from '../../src/config/options.js';
import { TestClient } from './test-client.js';

export async function startServer(options: ServerOptions = {}, deps: ServerDeps = {}): Promise<SaywireServer> {
  const server = createServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    poolMinThreads: 1,
    poolMaxThreads: 2,
    // A warm JIT only makes synthesis faster, which no test here measures; dozens of servers
    // start in a run (test/pool/warm-up.test.ts covers the warm-up itself).
    poolWarmUpSyntheses: 2,
    scriptedTokensPerSecond: 0,
    scriptedFirstTokenMs: 0,
    ...options,
  }, deps);
  await server.listen();
  return server;
}

/** Another client completes a full turn with audio: the server still serves after whatever came before. */
export async function stillServes(target: SaywireServer): Promise<void> {
  const client = await TestClient.connect(target.url);
  client.send({ type: 'response.create', input: 'are you still there?' });
  const done = (await client.next('response.done')).response as { status: string };
  if (done.status !== 'completed') throw new Error(`the server no longer completes turns: ${JSON.stringify(done)}`);
  if (client.audio().length === 0) throw new Error('the server completed a turn without audio');
  client.close();
  await client.whenClosed();
}
