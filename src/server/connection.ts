/**
 * One WebSocket connection: the socket, its session settings, its event handler and message
 * processor. It is the turn's {@link TurnOutput}: sends refuse once the socket is not open (no
 * send after close), and audio waits while the socket's send buffer is above the high-water mark.
 * A client that stays above the hard cap past `slowClientTimeoutMs` is closed with SLOW_CLIENT.
 */
import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import type { Agent } from '../agents/agent.js';
import type { Clock } from '../clock.js';
import type { FilledServerOptions } from '../config/options.js';
import { SaywireError } from '../errors.js';
import { AUDIO_FRAME_HEADER_BYTES } from '../protocol/audio-frame.js';
import { PROTOCOL_VERSION, type ResponseSummary, type ServerEvent, encodeServerEvent } from '../protocol/server-events.js';
import { EventHandler } from '../session/event-handler.js';
import { MessageProcessor } from '../session/message-processor.js';
import { TokenBucket } from '../session/token-bucket.js';
import { type EngineInfo, type SessionSettings, describeSession } from '../session/session-settings.js';
import type { TurnOutput, TurnWorkers } from '../turn/conversation-turn.js';
import { fillChunkerOptions } from '../text/chunker-options.js';

export interface ConnectionInit {
  id: string;
  ws: WebSocket;
  options: FilledServerOptions;
  workers: TurnWorkers;
  agent: Agent;
  /** Shared by all connections; filled in when the pool warms up. */
  engine: EngineInfo;
  logger: Logger;
  clock: Clock;
  hooks: ConnectionHooks;
  /** Admission control for new turns. */
  admit: () => SaywireError | undefined;
}

/** What a connection reports as it goes (the server feeds metrics with it). */
export interface ConnectionHooks {
  error(code: string): void;
  audioSent(bytes: number): void;
  turnDone(summary: ResponseSummary): void;
}

/** Polling interval while a socket is congested; only runs while audio waits. */
const CONGESTION_POLL_MS = 5;

export class Connection implements TurnOutput {
  readonly id: string;
  readonly processor: MessageProcessor;
  readonly handler: EventHandler;
  readonly #init: ConnectionInit;
  readonly #ws: WebSocket;
  #session: SessionSettings;
  #alive = true;
  #congestedSince: number | undefined;

  constructor(init: ConnectionInit) {
    this.#init = init;
    this.id = init.id;
    this.#ws = init.ws;
    const o = init.options;
    this.#session = {
      chunker: fillChunkerOptions({
        maxSentenceChars: o.maxSentenceChars,
        minSentenceChars: o.minSentenceChars,
        firstClauseChars: o.firstClauseChars,
      }),
      voice: o.voice,
      rate: o.speechRate,
      pitch: o.speechPitch,
      sampleRate: null,
      audioFormat: 'binary',
      frameMs: o.audioFrameMs,
      tools: [],
    };
    this.processor = new MessageProcessor({
      output: this,
      workers: init.workers,
      agent: init.agent,
      session: () => this.#session,
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
      onTurnDone: (summary) => init.hooks.turnDone(summary),
      admit: init.admit,
      logger: init.logger,
      clock: init.clock,
    });
    this.handler = new EventHandler({
      processor: this.processor,
      send: (event) => this.sendEvent(event),
      limits: { maxTextBytes: o.maxTextBytes, rate: init.engine.description.rate, pitch: init.engine.description.pitch },
      maxPendingEvents: o.maxPendingEvents,
      rateLimit: { bucket: new TokenBucket(o.eventsPerSecond, o.eventBurst, init.clock), strikes: o.rateLimitStrikes },
      overloadStrikes: o.overloadStrikes,
      close: (code, reason) => this.close(code, reason),
      session: {
        id: this.id,
        get: () => this.#session,
        set: (settings) => {
          this.#session = settings;
        },
        engine: init.engine,
        agent: init.agent.name,
      },
      logger: init.logger,
    });
    this.#ws.on('message', (data, isBinary) => this.handler.receive(data as Buffer, isBinary));
    this.#ws.on('pong', () => {
      this.#alive = true;
    });
    this.sendEvent({
      type: 'session.created',
      protocol_version: PROTOCOL_VERSION,
      session: describeSession(this.id, this.#session, init.agent.name, init.engine.nativeRate),
    });
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  sendEvent(event: ServerEvent): void {
    if (!this.isOpen) return;
    this.#ws.send(encodeServerEvent(event));
    if (event.type === 'response.audio.delta') this.#init.hooks.audioSent((event.audio.length * 3) >> 2);
    else if (event.type === 'error') this.#init.hooks.error(event.error.code);
  }

  sendAudio(frame: Buffer): void {
    if (!this.isOpen) return;
    this.#ws.send(frame, { binary: true });
    this.#init.hooks.audioSent(frame.length - AUDIO_FRAME_HEADER_BYTES);
  }

  /** Bytes queued on the socket that the client has not taken yet. */
  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  whenWritable(signal: AbortSignal): Promise<void> {
    if (!this.#congested()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (signal.aborted || !this.#congested()) {
          resolve();
          return;
        }
        this.#init.clock.setTimeout(check, CONGESTION_POLL_MS);
      };
      check();
    });
  }

  /** Heartbeat tick: false means the peer missed its pong and was terminated. */
  heartbeat(): boolean {
    if (!this.#alive) {
      this.#init.logger.info({ reason: 'heartbeat' }, 'connection terminated');
      this.#ws.terminate();
      return false;
    }
    this.#alive = false;
    if (this.isOpen) this.#ws.ping();
    return true;
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
    void this.processor.close();
    const { clock, options } = this.#init;
    const timer = clock.setTimeout(() => this.#ws.terminate(), options.slowClientTimeoutMs);
    this.#ws.once('close', () => clock.clearTimeout(timer));
  }

  /**
   * True while audio should wait. A client above the high-water mark for longer than
   * `slowClientTimeoutMs`, or above the hard cap at all, is closed with SLOW_CLIENT: waiting on a
   * client that never reads would hold its turn forever.
   */
  #congested(): boolean {
    const { sendHighWaterBytes, sendHardCapBytes, slowClientTimeoutMs } = this.#init.options;
    const buffered = this.#ws.bufferedAmount;
    if (!this.isOpen || buffered <= sendHighWaterBytes) {
      this.#congestedSince = undefined;
      return false;
    }
    const now = this.#init.clock.now();
    this.#congestedSince ??= now;
    if (buffered <= sendHardCapBytes && now - this.#congestedSince < slowClientTimeoutMs) return true;
    const error = new SaywireError('SLOW_CLIENT');
    this.#init.hooks.error(error.code);
    this.#init.logger.warn({ code: error.code, bufferedAmount: buffered }, 'slow client closed');
    this.close(error.closeCode ?? 1008, error.code);
    return false;
  }
}
