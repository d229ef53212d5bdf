/**
 * The saywire server: one HTTP server carrying the WebSocket endpoint (`/v1/realtime`) and the
 * HTTP routes, one worker pool shared by every connection, and the timers that keep connections
 * honest (heartbeat) and small (turn sweep). This file wires the parts together and runs the
 * server's life (listen, warm-up, shutdown); the routes, the WebSocket door, turn admission and
 * the upstreams are files of their own.
 */
import { type Server, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { type Clock, delay, systemClock } from '../clock.js';
import { type FilledServerOptions, type ServerOptions, validateOptions } from '../config/options.js';
import { loadPronunciationsFile } from '../config/pronunciations-file.js';
import { ConfigError, SaywireError } from '../errors.js';
import { createLogger } from '../log.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { EngineInfo } from '../session/session-settings.js';
import { findEngine } from '../speech/engines.js';
import { createTurnWorkers } from '../turn/turn-workers.js';
import { corsHeaders } from './access.js';
import { AccessTokens } from './access-tokens.js';
import type { Connection, ConnectionContext, ConnectionHooks } from './connection.js';
import { EventLoopMonitor } from './event-loop-monitor.js';
import { bareRefusal, dispatch } from './http-routes.js';
import { ServerMetrics } from './metrics.js';
import { requestGuard, routeTable } from './route-table.js';
import { LoadAdmission } from './turn-admission.js';
import { connectUpstream, createAgent, warnOfKeylessRemotes } from './upstreams.js';
import { upgradeHandler } from './websocket-upgrade.js';

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
    // Pool chunking scans on a thread of its own, never behind a synthesis.
    scanThread: options.chunking === 'pool',
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
  const phase = { ready: false, draining: false };
  const admission = new LoadAdmission(pool, loop, options);
  const tokens = new AccessTokens({ authToken: options.authToken, ttlMs: options.tokenTtlMs, now: deps.wallClock ?? Date.now });
  const engine: EngineInfo = { voices: new Set(), list: [], description: speech.description };
  const context: ConnectionContext = { options, workers, agent, engine, admission, hooks, clock };
  /** One slot per repeating timer, holding the handle of its next tick. */
  let timers: Array<{ handle: unknown }> = [];

  const routes = routeTable({ options, phase, pool, workers, metrics, tokens, engine });
  const guard = requestGuard(options, phase);
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

  http.on('upgrade', upgradeHandler({ options, phase, tokens, connections, context, logger }));

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
        admission.takeWindow();
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
      phase.ready = true;
      if (pool.mainThreadOnly) {
        logger.warn('poolMaxThreads is 0: chunking and synthesis block the event loop (a benchmark baseline, not for production)');
      }
      const llm = options.agent === 'openai' ? { llmUrl: options.openaiBaseUrl, llmModel: options.openaiModel } : {};
      const tts = options.tts === 'openai' ? { ttsUrl: options.ttsBaseUrl, ttsModel: options.ttsModel } : {};
      logger.info(
        { url, threads: options.poolMaxThreads, chunking: options.chunking, agent: agent.name, ...llm, speechEngine: speech.description.name, ...tts },
        'listening',
      );
      warnOfKeylessRemotes(options, logger);
      return address;
    },
    metrics,
    get draining() {
      return phase.draining;
    },
    async shutdown(graceMs: number) {
      if (phase.draining) return;
      phase.draining = true;
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
