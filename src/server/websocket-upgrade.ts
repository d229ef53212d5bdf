/**
 * The WebSocket endpoint's door. An upgrade request is refused with a bare HTTP answer (no
 * WebSocket is made for it) unless it asks for the endpoint, the server is ready and not
 * draining, the caller may come in, and the connection limits (all, per IP) leave room; an
 * accepted one becomes a `Connection`. Refusing before the handshake costs the server nothing.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { FilledServerOptions } from '../config/options.js';
import type { HttpErrorCode } from '../errors.js';
import { checkAccess } from './access.js';
import type { AccessTokens } from './access-tokens.js';
import { Connection, type ConnectionContext } from './connection.js';
import { bareRefusal } from './http-routes.js';

/** The WebSocket endpoint's path. */
export const REALTIME_PATH = '/v1/realtime';

/** Where the server is in its life; the routes and the upgrade read it as it changes. */
export interface ServerPhase {
  /** True once every thread is warm and the engine's voices are known (the end of listen()). */
  readonly ready: boolean;
  /** True from the start of a shutdown: no new connections or turns, not ready. */
  readonly draining: boolean;
}

/** What the door needs to know and where it puts what it lets in. */
export interface UpgradeParts {
  options: FilledServerOptions;
  phase: ServerPhase;
  tokens: AccessTokens;
  /** Open connections: an accepted socket is added here (and removes itself when it closes). */
  connections: Set<Connection>;
  context: ConnectionContext;
  logger: Logger;
}

/** The `upgrade` listener for the server's HTTP server. */
export function upgradeHandler({ options, phase, tokens, connections, context, logger }: UpgradeParts): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const perIp = new Map<string, number>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    maxFragments: options.maxFragments,
    // Compression costs CPU per frame and is a known memory-exhaustion vector; audio does not compress.
    perMessageDeflate: false,
    clientTracking: false,
  });

  return (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    const refuse = (code: HttpErrorCode): void => {
      socket.end(bareRefusal(code));
    };
    if (path !== REALTIME_PATH) return refuse('NOT_FOUND');
    if (phase.draining) return refuse('SHUTTING_DOWN');
    // Before the pool is warm a session would not know its voices or sample rate.
    if (!phase.ready) return refuse('NOT_READY');
    if (req.rawHeaders.length / 2 > options.maxHeaderCount) return refuse('TOO_MANY_HEADERS');
    const denial = checkAccess(req, options, (token) => tokens.redeem(token));
    if (denial !== undefined) return refuse(denial.code);
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (connections.size >= options.maxConnections) return refuse('TOO_MANY_CONNECTIONS');
    if ((perIp.get(ip) ?? 0) >= options.maxConnectionsPerIp) return refuse('TOO_MANY_CONNECTIONS_PER_IP');
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    const release = (): void => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left <= 0) perIp.delete(ip);
      else perIp.set(ip, left);
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = `conn_${randomBytes(6).toString('hex')}`;
      const connLogger = logger.child({ conn: id });
      connections.add(new Connection(id, ws, socket, context, connLogger));
      connLogger.info({ remote: req.socket.remoteAddress }, 'connection open');
    });
  };
}
