/**
 * The server's HTTP routes, keyed `METHOD /path` as `dispatch` looks them up, and the guard every
 * request passes before routing: header limits, then access, then readiness. The handlers of the
 * larger routes live in their own files (`*-route.ts`); the small ones are written here.
 */
import type { FilledServerOptions } from '../config/options.js';
import { SaywireError } from '../errors.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { EngineInfo } from '../session/session-settings.js';
import type { TurnWorkers } from '../turn/turn-workers.js';
import { checkAccess, checkHost, checkHostAndOrigin } from './access.js';
import type { AccessTokens } from './access-tokens.js';
import { chunkRoute } from './chunk-route.js';
import { demoRoutes } from './demo-route.js';
import { type HttpDispatch, type RouteHandler, isPreflight, sendJson } from './http-routes.js';
import type { ServerMetrics } from './metrics.js';
import { modelsRoute } from './models-route.js';
import { speechRoute } from './speech-route.js';
import { REALTIME_PATH, type ServerPhase } from './websocket-upgrade.js';

/** What the routes answer from. */
export interface RouteParts {
  options: FilledServerOptions;
  phase: ServerPhase;
  pool: WorkerPool;
  workers: TurnWorkers;
  metrics: ServerMetrics;
  tokens: AccessTokens;
  /** The speech engine's voices, filled in by listen(). */
  engine: EngineInfo;
}

/** Every route of the server. */
export function routeTable({ options, phase, pool, workers, metrics, tokens, engine }: RouteParts): Map<string, RouteHandler> {
  return new Map<string, RouteHandler>([
    ['GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
    [
      'GET /readyz',
      (_req, res) => {
        const isReady = phase.ready && pool.isWarm && !phase.draining;
        sendJson(res, isReady ? 200 : 503, { ready: isReady });
      },
    ],
    [
      'GET /metrics',
      async (_req, res) => {
        const text = await metrics.scrape();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      },
    ],
    [
      'GET /v1/voices',
      // The rate and pitch ranges let a client offer only what session.update accepts.
      (_req, res) => sendJson(res, 200, { voices: engine.list, default: options.voice, rate: engine.description.rate, pitch: engine.description.pitch }),
    ],
    [
      'POST /v1/tokens',
      (_req, res) => {
        const { token, expiresAt } = tokens.issue();
        // Seconds, as OpenAI's ephemeral keys give it; rounded down, so never later than the truth.
        sendJson(res, 200, { token, expires_at: Math.floor(expiresAt / 1000) });
      },
    ],
    ['GET /v1/models', modelsRoute(engine.description, Date.now())],
    ['POST /v1/chunk', chunkRoute(options, workers)],
    ['POST /v1/audio/speech', speechRoute(options, workers, (task) => pool.encode(task), engine)],
    [
      `GET ${REALTIME_PATH}`,
      () => {
        throw new SaywireError('UPGRADE_REQUIRED', `${REALTIME_PATH} is a WebSocket endpoint.`);
      },
    ],
    ...demoRoutes(),
  ]);
}

/** Probes answer without a token (load balancers); so do the demo page's files (the page itself passes the token on). */
const OPEN_ROUTES = new Set(['GET /healthz', 'GET /readyz']);

/** Refusals before routing, in order: limits, then access, then readiness. */
export function requestGuard(options: FilledServerOptions, phase: ServerPhase): HttpDispatch['guard'] {
  const publicPaths = new Set(demoRoutes().map(([key]) => key.slice(key.indexOf(' ') + 1)));
  return (req, path) => {
    if (req.rawHeaders.length / 2 > options.maxHeaderCount) {
      return new SaywireError('TOO_MANY_HEADERS', `More than ${options.maxHeaderCount} headers.`);
    }
    const isOpen = OPEN_ROUTES.has(`${req.method} ${path}`) || (req.method === 'GET' && publicPaths.has(path));
    // A preflight carries no token (browsers never send credentials with one): host and origin only.
    const denial = isOpen ? checkHost(req, options) : isPreflight(req) ? checkHostAndOrigin(req, options) : checkAccess(req, options);
    if (denial !== undefined) return denial;
    if (!phase.ready && path.startsWith('/v1/')) return new SaywireError('NOT_READY', 'The server is starting; the worker pool is not warm yet.');
    return undefined;
  };
}
