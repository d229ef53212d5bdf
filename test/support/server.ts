/** Starts a real saywire server on a loopback port with the real pool, quiet logs. */
import { type SaywireServer, type ServerDeps, createServer } from '../../src/server/server.js';
import type { ServerOptions } from '../../src/config/options.js';

export async function startServer(options: ServerOptions = {}, deps: ServerDeps = {}): Promise<SaywireServer> {
  const server = createServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    poolMinThreads: 1,
    poolMaxThreads: 2,
    scriptedTokensPerSecond: 0,
    scriptedFirstTokenMs: 0,
    ...options,
  }, deps);
  await server.listen();
  return server;
}
