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
import { type Clock, systemClock } from '../clock.js';
import { type FilledServerOptions, type ServerOptions, validateOptions } from '../config/options.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../log.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { EngineInfo } from '../session/session-settings.js';
import { createTurnWorkers } from '../turn/turn-workers.js';
import { chunkRoute } from './chunk-route.js';
import { Connection } from './connection.js';
import { speechRoute } from './speech-route.js';
import { type RouteHandler, dispatch, sendJson } from './http-routes.js';

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
  /** Stops at once: closes sockets (1001), the HTTP server and the pool. */
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
    ...(deps.workerFile === undefined ? {} : { filename: deps.workerFile }),
  });
  const workers = createTurnWorkers(pool, options.chunking);
  const agent = createAgent(options, clock);
  const connections = new Set<Connection>();
  const engine: EngineInfo = { voices: new Set(), list: [], nativeRate: 0 };
  let timers: unknown[] = [];

  const routes = new Map<string, RouteHandler>([
    ['GET /healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
    [
      'GET /readyz',
      (_req, res) => {
        const ready = pool.isWarm;
        sendJson(res, ready ? 200 : 503, { ready });
      },
    ],
    ['GET /v1/voices', (_req, res) => sendJson(res, 200, { voices: engine.list, default: options.voice })],
    ['POST /v1/chunk', chunkRoute(options, workers)],
    ['POST /v1/audio/speech', speechRoute(options, workers, engine)],
  ]);

  const http = createHttpServer((req, res) => {
    dispatch(routes, req, res).catch((err: unknown) => {
      logger.error({ err }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal error.' } });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    // Compression costs CPU per frame and is a known memory-exhaustion vector; audio does not compress.
    perMessageDeflate: false,
    clientTracking: false,
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== REALTIME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = `conn_${randomBytes(6).toString('hex')}`;
      const connLogger = logger.child({ conn: id });
      const connection = new Connection({
        id,
        ws,
        options,
        workers,
        agent,
        engine,
        logger: connLogger,
        clock,
      });
      connections.add(connection);
      connLogger.info({ remote: req.socket.remoteAddress }, 'connection open');
      ws.on('close', (code, reason) => {
        connections.delete(connection);
        connLogger.info({ code, reason: reason.toString() }, 'connection closed');
        void connection.processor.close();
      });
      ws.on('error', (err) => connLogger.warn({ err: err.message }, 'socket error'));
    });
  });

  const every = (ms: number, fn: () => void): void => {
    const tick = (): void => {
      fn();
      timers.push(clock.setTimeout(tick, ms));
    };
    timers.push(clock.setTimeout(tick, ms));
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
      every(options.turnSweepIntervalMs, () => {
        const now = clock.now();
        for (const connection of connections) connection.processor.evict(now);
      });
      const warm = await pool.warmUp();
      engine.list = warm.voices;
      engine.voices = new Set(warm.voices.map((v) => v.id));
      engine.nativeRate = warm.sampleRate;
      if (!engine.voices.has(options.voice)) {
        await this.close();
        throw new ConfigError('voice', `Setting "voice" must be a voice the engine has (see GET /v1/voices); got "${options.voice}".`);
      }
      logger.info({ url, threads: options.poolMaxThreads, chunking: options.chunking, agent: agent.name }, 'listening');
      return address;
    },
    async close() {
      for (const timer of timers) clock.clearTimeout(timer);
      timers = [];
      for (const connection of connections) connection.close(1001, 'server closing');
      await Promise.all([...connections].map((c) => c.processor.close()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await pool.close();
    },
  };
}
