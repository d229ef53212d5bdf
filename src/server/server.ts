/**
 * The saywire server: one HTTP server carrying the WebSocket endpoint (`/v1/realtime`) and the
 * HTTP routes, one worker pool shared by every connection, and the timers that keep connections
 * honest (heartbeat) and small (turn sweep).
 */
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Agent } from '../agents/agent.js';
import { OpenAIAgent } from '../agents/openai-agent.js';
import { ScriptedAgent } from '../agents/scripted-agent.js';
import { type Clock, delay, systemClock } from '../clock.js';
import { type FilledServerOptions, type ServerOptions, validateOptions } from '../config/options.js';
import { ConfigError, type HttpErrorCode, SaywireError } from '../errors.js';
import { createLogger } from '../log.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { TurnAdmission } from '../session/message-processor.js';
import type { EngineInfo } from '../session/session-settings.js';
import { DEFAULT_ENGINE } from '../speech/engines.js';
import { createTurnWorkers } from '../turn/turn-workers.js';
import { chunkRoute } from './chunk-route.js';
import { demoRoutes } from './demo-route.js';
import { checkAccess, checkHost } from './access.js';
import { Connection, type ConnectionContext, type ConnectionHooks } from './connection.js';
import { EventLoopMonitor } from './event-loop-monitor.js';
import { speechRoute } from './speech-route.js';
import { type RouteHandler, bareRefusal, dispatch, sendJson } from './http-routes.js';
import { ServerMetrics } from './metrics.js';

/** The WebSocket endpoint's path. */
export const REALTIME_PATH = '/v1/realtime';

/** Things a server is built from, besides its options. */
export interface ServerDeps {
  logger?: Logger;
  clock?: Clock;
  /** Worker file override (tests use failing workers). */
  workerFile?: string;
}

/** A running (or ready to run) saywire server. */
export interface SaywireServer {
  readonly options: FilledServerOptions;
  readonly pool: WorkerPool;
  readonly http: Server;
  /** Open connections. */
  readonly connections: ReadonlySet<Connection>;
  /** Starts listening and warms the pool; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Base URL such as `http://127.0.0.1:8080` (after listen). */
  readonly url: string;
  readonly metrics: ServerMetrics;
  /** True from the start of a shutdown: no new connections or turns, not ready. */
  readonly draining: boolean;
  /**
   * Graceful stop: refuse new connections and turns, let running turns finish for up to
   * `graceMs`, cancel the rest (each gets its `response.done`), close every socket with 1001,
   * then the pool.
   */
  shutdown(graceMs: number): Promise<void>;
  /** Stops at once: `shutdown(0)`. */
  close(): Promise<void>;
}

function createAgent(options: FilledServerOptions, clock: Clock): Agent {
  switch (options.agent) {
    case 'scripted':
      return new ScriptedAgent({
        tokensPerSecond: options.scriptedTokensPerSecond,
        firstTokenMs: options.scriptedFirstTokenMs,
        clock,
      });
    case 'openai':
      return new OpenAIAgent({
        baseUrl: options.openaiBaseUrl,
        apiKey: options.openaiApiKey,
        model: options.openaiModel,
        systemPrompt: options.systemPrompt,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        connectTimeoutMs: options.openaiConnectTimeoutMs,
        idleTimeoutMs: options.openaiIdleTimeoutMs,
        retries: options.openaiRetries,
        retryBaseMs: options.openaiRetryBaseMs,
        clock,
      });
  }
}

/** Builds a server from options (validated here; a bad option throws a ConfigError). */
export function createServer(input: ServerOptions = {}, deps: ServerDeps = {}): SaywireServer {
  const options = validateOptions(input);
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ level: options.logLevel, logText: options.logText });
  const pool = new WorkerPool({
    minThreads: options.poolMinThreads,
    maxThreads: options.poolMaxThreads,
    maxQueue: options.poolMaxQueue,
    resourceLimits: { maxOldGenerationSizeMb: options.poolMaxHeapMb },
    ...(deps.workerFile === undefined ? {} : { filename: deps.workerFile }),
  });
  const workers = createTurnWorkers(pool, options.chunking);
  const agent = createAgent(options, clock);
  const connections = new Set<Connection>();
  const loop = new EventLoopMonitor();
  const metrics = new ServerMetrics({
    pool,
    loop,
    connections: function* () {
      for (const c of connections) yield c.stats();
    },
  });
  const hooks: ConnectionHooks = {
    error: (code) => metrics.error(code),
    audioSent: (bytes) => metrics.audioSent(bytes),
    turnDone: (summary) => metrics.turnDone(summary),
    sentenceLatency: (ms) => metrics.sentenceLatency(ms),
    closed: (connection) => connections.delete(connection),
  };
  let draining = false;
  // Admission looks at the recent event-loop delay, not the lifetime one.
  const admissionLoop = loop.reader();
  let recentLoopP99Ms = 0;
  const admission: TurnAdmission = {
    check() {
      // Running turns keep the rest of the queue: refusing a new turn is better than failing one mid-speech.
      if (pool.queueSize >= options.poolMaxQueue * options.admissionMaxQueueShare) {
        return new SaywireError('OVERLOADED', 'The worker pool queue is too full to take a new turn.');
      }
      if (recentLoopP99Ms > options.admissionMaxLoopDelayMs) {
        return new SaywireError('OVERLOADED', `The event-loop delay (${Math.round(recentLoopP99Ms)} ms) is over the limit.`);
      }
      return undefined;
    },
  };
  const perIp = new Map<string, number>();
  const engine: EngineInfo = { voices: new Set(), list: [], description: DEFAULT_ENGINE.description };
  const context: ConnectionContext = { options, workers, agent, engine, admission, hooks, clock };
  /** One slot per repeating timer, holding the handle of its next tick. */
  let timers: Array<{ handle: unknown }> = [];
  /** True once every thread is warm and the engine's voices are known (the end of listen()). */
  let ready = false;

  const routes = new Map<string, RouteHandler>([
    ['GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
    [
      'GET /readyz',
      (_req, res) => {
        const isReady = ready && pool.isWarm && !draining;
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
    ['GET /v1/voices', (_req, res) => sendJson(res, 200, { voices: engine.list, default: options.voice })],
    ['POST /v1/chunk', chunkRoute(options, workers)],
    ['POST /v1/audio/speech', speechRoute(options, workers, engine)],
    [
      `GET ${REALTIME_PATH}`,
      () => {
        throw new SaywireError('UPGRADE_REQUIRED', `${REALTIME_PATH} is a WebSocket endpoint.`);
      },
    ],
    ...demoRoutes(),
  ]);

  /** Probes answer without a token (load balancers); so do the demo page's files (the page itself passes the token on). */
  const openRoutes = new Set(['GET /healthz', 'GET /readyz']);
  const publicPaths = new Set(demoRoutes().map(([key]) => key.slice(key.indexOf(' ') + 1)));
  /** Refusals before routing, in order: limits, then access, then readiness. */
  const guard = (req: IncomingMessage, path: string): SaywireError | undefined => {
    if (req.rawHeaders.length / 2 > options.maxHeaderCount) {
      return new SaywireError('TOO_MANY_HEADERS', `More than ${options.maxHeaderCount} headers.`);
    }
    const isOpen = openRoutes.has(`${req.method} ${path}`) || (req.method === 'GET' && publicPaths.has(path));
    const denial = isOpen ? checkHost(req, options) : checkAccess(req, options);
    if (denial !== undefined) return denial;
    if (!ready && path.startsWith('/v1/')) return new SaywireError('NOT_READY', 'The server is starting; the worker pool is not warm yet.');
    return undefined;
  };
  const http = createHttpServer({
    headersTimeout: options.httpHeadersTimeoutMs,
    requestTimeout: options.httpRequestTimeoutMs,
    // Node enforces both timeouts only on this sweep (30 s by default), which would let a silent
    // connection hold its slot for up to 30 s past its deadline.
    connectionsCheckingInterval: Math.max(100, Math.floor(Math.min(options.httpHeadersTimeoutMs, options.httpRequestTimeoutMs) / 4)),
  }, (req, res) => void dispatch({ routes, guard, logger }, req, res));

  // Node keeps only the first maxHeadersCount headers; one more lets the handler see the excess.
  http.maxHeadersCount = options.maxHeaderCount + 1;
  // A request line or headers that do not parse (or are too big) get a plain 400, never a hang.
  http.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end(bareRefusal('INVALID_REQUEST'));
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    maxFragments: options.maxFragments,
    // Compression costs CPU per frame and is a known memory-exhaustion vector; audio does not compress.
    perMessageDeflate: false,
    clientTracking: false,
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    const refuse = (code: HttpErrorCode): void => {
      socket.end(bareRefusal(code));
    };
    if (path !== REALTIME_PATH) return refuse('NOT_FOUND');
    if (draining) return refuse('SHUTTING_DOWN');
    // Before the pool is warm a session would not know its voices or sample rate.
    if (!ready) return refuse('NOT_READY');
    if (req.rawHeaders.length / 2 > options.maxHeaderCount) return refuse('TOO_MANY_HEADERS');
    const denial = checkAccess(req, options);
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
      connections.add(new Connection(id, ws, context, connLogger));
      connLogger.info({ remote: req.socket.remoteAddress }, 'connection open');
    });
  });

  const every = (ms: number, fn: () => void): void => {
    const timer = { handle: undefined as unknown };
    const tick = (): void => {
      fn();
      timer.handle = clock.setTimeout(tick, ms);
    };
    timer.handle = clock.setTimeout(tick, ms);
    timers.push(timer);
  };

  let url = '';
  return {
    options,
    pool,
    http,
    connections,
    get url() {
      return url;
    },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port, options.host, () => {
          http.off('error', reject);
          resolve();
        });
      });
      const address = http.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      every(options.heartbeatIntervalMs, () => {
        for (const connection of connections) connection.heartbeat();
      });
      every(options.admissionWindowMs, () => {
        recentLoopP99Ms = admissionLoop.takeWindow().p99Ms;
      });
      every(options.turnSweepIntervalMs, () => {
        const now = clock.now();
        for (const connection of connections) connection.sweep(now);
      });
      let warm;
      try {
        warm = await pool.warmUp();
      } catch (err) {
        // A worker that cannot start will not start on a retry either: stop, and say why.
        logger.fatal({ err: (err as Error).message }, 'worker failed to start');
        await this.close();
        throw new SaywireError('WORKER_FAILED', `The pipeline worker failed to start: ${(err as Error).message}`, { cause: err });
      }
      engine.list = warm.voices;
      engine.voices = new Set(warm.voices.map((v) => v.id));
      if (!engine.voices.has(options.voice)) {
        await this.close();
        throw new ConfigError('voice', `Setting "voice" must be a voice the engine has (see GET /v1/voices); got "${options.voice}".`);
      }
      ready = true;
      if (pool.mainThreadOnly) {
        logger.warn('poolMaxThreads is 0: chunking and synthesis block the event loop (a benchmark baseline, not for production)');
      }
      logger.info({ url, threads: options.poolMaxThreads, chunking: options.chunking, agent: agent.name }, 'listening');
      return address;
    },
    metrics,
    get draining() {
      return draining;
    },
    async shutdown(graceMs: number) {
      if (draining) return;
      draining = true;
      for (const timer of timers) clock.clearTimeout(timer.handle);
      timers = [];
      // The listener stays open while draining: probes see /readyz 503, upgrades get 503.
      const open = [...connections];
      const grace = new AbortController();
      await Promise.race([Promise.all(open.map((c) => c.drain())), delay(clock, graceMs, grace.signal)]);
      grace.abort();
      await Promise.all(open.map((c) => c.shutdown()));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      await pool.close();
      loop.stop();
      logger.info({ connections: open.length }, 'shut down');
    },
    close() {
      return this.shutdown(0);
    },
  };
}
