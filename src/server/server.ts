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
import { type FilledServerOptions, type ServerOptions, isLoopback, ttsVoiceList, validateOptions } from '../config/options.js';
import { loadPronunciationsFile } from '../config/pronunciations-file.js';
import { ConfigError, type HttpErrorCode, SaywireError } from '../errors.js';
import { createLogger } from '../log.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { TurnAdmission } from '../session/message-processor.js';
import type { EngineInfo } from '../session/session-settings.js';
import type { SpeechEngine, UpstreamEngineKind } from '../speech/engine.js';
import { findEngine } from '../speech/engines.js';
import { createTurnWorkers } from '../turn/turn-workers.js';
import { chunkRoute } from './chunk-route.js';
import { demoRoutes } from './demo-route.js';
import { checkAccess, checkHost, checkHostAndOrigin, corsHeaders } from './access.js';
import { AccessTokens } from './access-tokens.js';
import { Connection, type ConnectionContext, type ConnectionHooks } from './connection.js';
import { EventLoopMonitor } from './event-loop-monitor.js';
import { speechRoute } from './speech-route.js';
import { modelsRoute } from './models-route.js';
import { type RouteHandler, bareRefusal, dispatch, isPreflight, sendJson } from './http-routes.js';
import { ServerMetrics } from './metrics.js';

/** The WebSocket endpoint's path. */
export const REALTIME_PATH = '/v1/realtime';

/** Things a server is built from, besides its options. */
export interface ServerDeps {
  logger?: Logger;
  clock?: Clock;
  /** Worker file override (tests use failing workers). */
  workerFile?: string;
  /** Wall clock, epoch ms, for token expiry (`POST /v1/tokens`); `Date.now` by default. */
  wallClock?: () => number;
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

/**
 * A failed `listen` as a setting error where a setting is the cause (the port taken or
 * privileged, the host not an address of this machine), so the CLI reports it in one line.
 */
function listenError(err: unknown, options: FilledServerOptions): unknown {
  const where = `${options.host}:${options.port}`;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ConfigError('port', `Setting "port": ${where} is already in use; choose another port or stop what holds it.`);
    case 'EACCES':
      return new ConfigError('port', `Setting "port": no permission to listen on ${where} (ports below 1024 need privileges).`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError('host', `Setting "host": ${options.host} is not an address of this machine.`);
    default:
      return err;
  }
}

/** A URL's host name, IPv6 brackets removed, as `isLoopback` takes it. */
function hostnameOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The upstream speech engine the `tts*` settings describe. */
function connectUpstream(connect: UpstreamEngineKind['connect'], options: FilledServerOptions, clock: Clock): SpeechEngine {
  return connect({
    baseUrl: options.ttsBaseUrl,
    apiKey: options.ttsApiKey,
    model: options.ttsModel,
    voices: ttsVoiceList(options.ttsVoices),
    connectTimeoutMs: options.ttsConnectTimeoutMs,
    idleTimeoutMs: options.ttsIdleTimeoutMs,
    retries: options.ttsRetries,
    retryBaseMs: options.ttsRetryBaseMs,
    clock,
  });
}

/** Builds a server from options (validated here; a bad option throws a ConfigError). */
export function createServer(input: ServerOptions = {}, deps: ServerDeps = {}): SaywireServer {
  const options = validateOptions(input);
  const pronunciations = loadPronunciationsFile(options.pronunciationsFile);
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ level: options.logLevel, logText: options.logText });
  const speech = findEngine(options.tts);
  // An upstream engine is I/O: made once here, on the main thread; its pool threads load no engine.
  const upstream = speech.placement === 'main' ? connectUpstream(speech.connect, options, clock) : undefined;
  const pool = new WorkerPool({
    minThreads: options.poolMinThreads,
    maxThreads: options.poolMaxThreads,
    maxQueue: options.poolMaxQueue,
    engine: speech.description.name,
    resourceLimits: { maxOldGenerationSizeMb: options.poolMaxHeapMb },
    pronunciations,
    warmUpSyntheses: options.poolWarmUpSyntheses,
    ...(deps.workerFile === undefined ? {} : { filename: deps.workerFile }),
  });
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
  const workers = createTurnWorkers(pool, {
    chunking: options.chunking,
    ...(upstream === undefined ? {} : { upstream: { engine: upstream, language: options.chunkLanguage === '' ? null : options.chunkLanguage } }),
    observer: metrics.speechObserver(speech.description.name),
    clock,
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
  const tokens = new AccessTokens({ authToken: options.authToken, ttlMs: options.tokenTtlMs, now: deps.wallClock ?? Date.now });
  const engine: EngineInfo = { voices: new Set(), list: [], description: speech.description };
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

  /** Probes answer without a token (load balancers); so do the demo page's files (the page itself passes the token on). */
  const openRoutes = new Set(['GET /healthz', 'GET /readyz']);
  const publicPaths = new Set(demoRoutes().map(([key]) => key.slice(key.indexOf(' ') + 1)));
  /** Refusals before routing, in order: limits, then access, then readiness. */
  const guard = (req: IncomingMessage, path: string): SaywireError | undefined => {
    if (req.rawHeaders.length / 2 > options.maxHeaderCount) {
      return new SaywireError('TOO_MANY_HEADERS', `More than ${options.maxHeaderCount} headers.`);
    }
    const isOpen = openRoutes.has(`${req.method} ${path}`) || (req.method === 'GET' && publicPaths.has(path));
    // A preflight carries no token (browsers never send credentials with one): host and origin only.
    const denial = isOpen ? checkHost(req, options) : isPreflight(req) ? checkHostAndOrigin(req, options) : checkAccess(req, options);
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
  }, (req, res) => void dispatch({ routes, guard, cors: (req) => corsHeaders(req, options), logger }, req, res));

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
      try {
        await new Promise<void>((resolve, reject) => {
          http.once('error', reject);
          http.listen(options.port, options.host, () => {
            http.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        await this.close();
        throw listenError(err, options);
      }
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
      engine.list = upstream?.voices() ?? warm.voices;
      engine.voices = new Set(engine.list.map((v) => v.id));
      if (!engine.voices.has(options.voice)) {
        await this.close();
        throw new ConfigError('voice', `Setting "voice" must be a voice the engine has (see GET /v1/voices); got "${options.voice}".`);
      }
      ready = true;
      if (pool.mainThreadOnly) {
        logger.warn('poolMaxThreads is 0: chunking and synthesis block the event loop (a benchmark baseline, not for production)');
      }
      const llm = options.agent === 'openai' ? { llmUrl: options.openaiBaseUrl, llmModel: options.openaiModel } : {};
      const tts = options.tts === 'openai' ? { ttsUrl: options.ttsBaseUrl, ttsModel: options.ttsModel } : {};
      logger.info(
        { url, threads: options.poolMaxThreads, chunking: options.chunking, agent: agent.name, ...llm, speechEngine: speech.description.name, ...tts },
        'listening',
      );
      // Local servers (Ollama, llama.cpp, Kokoro-FastAPI) take no key; a remote one almost always wants one.
      if (options.agent === 'openai' && options.openaiApiKey === '' && !isLoopback(hostnameOf(options.openaiBaseUrl))) {
        logger.warn({ llmUrl: options.openaiBaseUrl }, 'no API key for a non-loopback LLM endpoint: set openaiApiKey');
      }
      if (options.tts === 'openai' && options.ttsApiKey === '' && !isLoopback(hostnameOf(options.ttsBaseUrl))) {
        logger.warn({ ttsUrl: options.ttsBaseUrl }, 'no API key for a non-loopback speech endpoint: set ttsApiKey');
      }
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
