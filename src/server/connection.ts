/**
 * One WebSocket connection: the socket, its session, its event handler and message processor,
 * and its whole lifecycle (heartbeat, sweep, drain, shutdown, close), so the server only ever
 * talks to connections. It is the turn's {@link TurnOutput}: sends refuse once the socket is not
 * open (no send after close), and audio waits while the socket's send buffer is above the
 * high-water mark, woken by the socket's own write callbacks rather than a poll. A client above
 * the high-water mark for `slowClientTimeoutMs`, or above the hard cap at all, is closed with
 * SLOW_CLIENT. A socket that is alive (it answers pings) but unused, no client event and no
 * running turn for `idleTimeoutMs`, is closed with 1000 "idle": the heartbeat alone would keep
 * it, and its slot, forever.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import type { Agent } from '../agents/agent.js';
import type { Clock } from '../clock.js';
import type { FilledServerOptions } from '../config/options.js';
import { SaywireError } from '../errors.js';
import { AUDIO_FRAME_HEADER_BYTES } from '../protocol/audio-frame.js';
import { PROTOCOL_VERSION, type ResponseSummary, type ServerEvent, encodeServerEvent } from '../protocol/server-events.js';
import { EventHandler } from '../session/event-handler.js';
import { MessageProcessor, type TurnAdmission } from '../session/message-processor.js';
import type { EngineInfo } from '../session/session-settings.js';
import { Session, sessionDefaults } from '../session/session.js';
import { TokenBucket } from '../session/token-bucket.js';
import type { TurnOutput } from '../turn/turn-ports.js';
import type { TurnWorkers } from '../turn/turn-workers.js';
import { SendBatch } from './send-batch.js';

/** What every connection of a server shares. */
export interface ConnectionContext {
  options: FilledServerOptions;
  workers: TurnWorkers;
  agent: Agent;
  /** Filled in when the pool warms up. */
  engine: EngineInfo;
  admission: TurnAdmission;
  hooks: ConnectionHooks;
  clock: Clock;
}

/** What a connection reports as it goes (the server feeds metrics with it). */
export interface ConnectionHooks {
  error(code: string): void;
  audioSent(bytes: number): void;
  turnDone(summary: ResponseSummary): void;
  /** A sentence's first frame is out, `ms` after its text reached the turn (server-added latency). */
  sentenceLatency(ms: number): void;
  /** The socket has closed and the connection has let go of its turn. */
  closed(connection: Connection): void;
}

/** A connection's figures for metrics. */
export interface ConnectionStats {
  activeTurn: boolean;
  retainedTurns: number;
}

export class Connection implements TurnOutput {
  readonly id: string;
  readonly #context: ConnectionContext;
  readonly #ws: WebSocket;
  /** The socket under `#ws`: a tick's sends leave it in one write. */
  readonly #batch: SendBatch;
  readonly #logger: Logger;
  readonly #processor: MessageProcessor;
  #alive = true;
  /** Audio waiting for the socket to drain below its high-water mark. */
  #waiters: Array<() => void> = [];
  /** Runs while the socket stays above the high-water mark; fires closeSlowClient(). */
  #slowClientTimer: unknown;
  /** Restarted by every client event and every turn's end; fires #idle(). */
  #idleTimer: unknown;

  /** `socket` is the one the upgrade handed to `ws`. */
  constructor(id: string, ws: WebSocket, socket: Duplex, context: ConnectionContext, logger: Logger) {
    this.id = id;
    this.#context = context;
    this.#ws = ws;
    // The hard cap is on bytes the client has not read: measured once a tick's sends have been
    // handed to the kernel, not while they are still corked.
    this.#batch = new SendBatch(socket, () => {
      if (this.#ws.bufferedAmount > this.#context.options.sendHardCapBytes) this.closeSlowClient();
    });
    this.#logger = logger;
    const o = context.options;
    const session = new Session({ id, defaults: sessionDefaults(o), engine: context.engine, agent: context.agent.name, model: context.agent.model ?? null });
    this.#processor = new MessageProcessor({
      output: this,
      workers: context.workers,
      agent: context.agent,
      session,
      turnLimits: {
        tokenQueueMax: o.tokenQueueMax,
        sentenceQueueMax: o.sentenceQueueMax,
        speechConcurrency: o.speechConcurrency,
        interruptWaitMs: o.interruptWaitMs,
        maxTurnTextBytes: o.maxTurnTextBytes,
        maxToolRounds: o.maxToolRounds,
        maxTurnMs: o.maxTurnMs,
        maxTurnAudioMs: o.maxTurnAudioMs,
      },
      retention: { turnMaxAgeMs: o.turnMaxAgeMs, turnsRetained: o.turnsRetained },
      historyMaxChars: o.historyMaxChars,
      toolCallTimeoutMs: o.toolCallTimeoutMs,
      onTurnDone: (summary) => {
        context.hooks.turnDone(summary);
        this.#armIdleTimer();
      },
      admission: context.admission,
      logger,
      clock: context.clock,
    });
    const handler = new EventHandler({
      processor: this.#processor,
      send: (event) => this.sendEvent(event),
      limits: { maxTextBytes: o.maxTextBytes, rate: context.engine.description.rate, pitch: context.engine.description.pitch },
      maxPendingEvents: o.maxPendingEvents,
      rateLimit: { bucket: new TokenBucket(o.eventsPerSecond, o.eventBurst, context.clock), strikes: o.rateLimitStrikes },
      overloadStrikes: o.overloadStrikes,
      close: (code, reason) => this.close(code, reason),
      session,
      logger,
    });
    ws.on('message', (data, isBinary) => {
      this.#armIdleTimer();
      handler.receive(data as Buffer, isBinary);
    });
    ws.on('pong', () => {
      this.#alive = true;
    });
    ws.on('close', (code, reason) => {
      context.clock.clearTimeout(this.#slowClientTimer);
      context.clock.clearTimeout(this.#idleTimer);
      logger.info({ code, reason: reason.toString() }, 'connection closed');
      void this.#processor.close();
      context.hooks.closed(this);
    });
    ws.on('error', (err) => logger.warn({ err: err.message }, 'socket error'));
    this.sendEvent({ type: 'session.created', protocol_version: PROTOCOL_VERSION, session: session.describe() });
    this.#armIdleTimer();
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  /** Figures for metrics. */
  stats(): ConnectionStats {
    return { activeTurn: this.#processor.current !== undefined, retainedTurns: this.#processor.retainedTurns };
  }

  sendEvent(event: ServerEvent): void {
    if (!this.isOpen) return;
    this.#batch.hold();
    this.#ws.send(encodeServerEvent(event), this.#written);
    if (event.type === 'response.audio.delta') this.#context.hooks.audioSent((event.audio.length * 3) >> 2);
    else if (event.type === 'error') this.#context.hooks.error(event.error.code);
  }

  sendAudio(frame: Uint8Array): void {
    if (!this.isOpen) return;
    this.#batch.hold();
    this.#ws.send(frame, { binary: true }, this.#written);
    this.#context.hooks.audioSent(frame.length - AUDIO_FRAME_HEADER_BYTES);
  }

  sentenceLatency(ms: number): void {
    this.#context.hooks.sentenceLatency(ms);
  }

  /** True while the socket holds more unsent bytes than `sendHighWaterBytes`. */
  isCongested(): boolean {
    return this.isOpen && this.#ws.bufferedAmount > this.#context.options.sendHighWaterBytes;
  }

  /**
   * Resolves once the socket is below its high-water mark (or closed), or `signal` aborts. It
   * waits on the socket's write callbacks (each send's runs once its bytes are written out), so
   * nothing polls while a client is slow.
   */
  async whenWritable(signal: AbortSignal): Promise<void> {
    while (this.isCongested() && !signal.aborted) {
      this.#startSlowClientTimer();
      // One abort listener per wait, removed when the wait ends: a long congested turn waits many
      // times on the same signal.
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        signal.addEventListener('abort', wake);
        this.#waiters.push(wake);
      });
    }
    this.#context.clock.clearTimeout(this.#slowClientTimer);
    this.#slowClientTimer = undefined;
  }

  /** A send's bytes were written out (or failed with the socket): wake audio that waits, if it may go on. */
  readonly #written = (): void => {
    if (this.#waiters.length === 0 || this.isCongested()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  };

  /** Closes the socket with SLOW_CLIENT: waiting on a client that never reads would hold its turn forever. */
  closeSlowClient(): void {
    if (!this.isOpen) return;
    const error = new SaywireError('SLOW_CLIENT');
    this.#context.hooks.error(error.code);
    this.#logger.warn({ code: error.code, bufferedAmount: this.#ws.bufferedAmount }, 'slow client closed');
    this.close(error.closeCode ?? 1008, error.code);
  }

  /** Heartbeat tick: a peer that missed its pong since the last tick is terminated. */
  heartbeat(): void {
    if (!this.#alive) {
      this.#logger.info({ reason: 'heartbeat' }, 'connection terminated');
      this.#ws.terminate();
      return;
    }
    this.#alive = false;
    if (this.isOpen) this.#ws.ping();
  }

  /** (Re)starts the idle countdown: a client event or a turn's end is activity. */
  #armIdleTimer(): void {
    const { clock, options } = this.#context;
    if (options.idleTimeoutMs === 0) return;
    clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = clock.setTimeout(() => this.#closeIdle(), options.idleTimeoutMs);
  }

  /** The idle countdown ran out: close, unless a turn runs (its end restarts the countdown). */
  #closeIdle(): void {
    this.#idleTimer = undefined;
    if (this.#processor.current !== undefined || !this.isOpen) return;
    this.#logger.info({ reason: 'idle' }, 'idle connection closed');
    this.close(1000, 'idle');
  }

  /** Drops finished turns past their age or count (the server's periodic sweep). */
  sweep(now: number): void {
    this.#processor.evict(now);
  }

  /** Refuses new turns and resolves once the running one, if any, has ended by itself. */
  drain(): Promise<void> {
    return this.#processor.drain();
  }

  /** Cancels the running turn (`shutdown`, with its `response.done`), then closes with 1001. */
  async shutdown(): Promise<void> {
    await this.#processor.shutdown();
    this.close(1001, 'server shutting down');
    await this.#processor.close();
  }

  /**
   * Closes the socket with a code; terminates it if the close handshake does not finish. The
   * running turn is cancelled at once: nothing it makes could reach the client any more, and a
   * slow client's handshake may take `slowClientTimeoutMs`.
   */
  close(code: number, reason: string): void {
    // Once closing, the first call's timer already guards the handshake; another would only stack
    // listeners.
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    this.#ws.close(code, reason);
    void this.#processor.close();
    const { clock, options } = this.#context;
    const timer = clock.setTimeout(() => this.#ws.terminate(), options.slowClientTimeoutMs);
    this.#ws.once('close', () => clock.clearTimeout(timer));
  }

  #startSlowClientTimer(): void {
    if (this.#slowClientTimer !== undefined) return;
    this.#slowClientTimer = this.#context.clock.setTimeout(() => this.closeSlowClient(), this.#context.options.slowClientTimeoutMs);
  }
}
