/**
 * Maps client frames to actions on the connection's {@link MessageProcessor}. Frames are handled
 * one at a time, in arrival order (a cancel waits for its turn's `response.done` before the next
 * event starts, so a new turn's events never interleave with the old one's ending). At most
 * `maxPendingEvents` may wait; past that an event is refused with OVERLOADED, never dropped
 * silently. Any failure becomes an `error` event with the `event_id` echoed; the socket stays.
 */
import type { Logger } from 'pino';
import { SaywireError, toSaywireError } from '../errors.js';
import { parseClientEvent } from '../protocol/client-event-parser.js';
import type { ClientEvent, ParseLimits } from '../protocol/client-events.js';
import { type ServerEvent, errorEvent } from '../protocol/server-events.js';
import type { MessageProcessor } from './message-processor.js';
import type { TokenBucket } from './token-bucket.js';
import type { Session } from './session.js';

export interface EventHandlerInit {
  processor: MessageProcessor;
  send: (event: ServerEvent) => void;
  limits: ParseLimits;
  maxPendingEvents: number;
  /** The connection's session: its settings and their validation. */
  session: Session;
  /** Events per second allowed, and how many refusals end the connection (1008). */
  rateLimit: { bucket: TokenBucket; strikes: number };
  /** Refused turns in a row (OVERLOADED) that end the connection (1013). */
  overloadStrikes: number;
  /** Closes the connection with a code (the client insisted past a limit). */
  close: (code: number, reason: string) => void;
  logger: Logger;
}

export class EventHandler {
  readonly #init: EventHandlerInit;
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #rateStrikes = 0;
  #overloadStrikes = 0;

  constructor(init: EventHandlerInit) {
    this.#init = init;
  }

  /**
   * Takes one WebSocket message. Never throws: it runs inside the socket's 'message' listener,
   * where a throw would take the whole process down.
   */
  receive(data: string | Buffer, isBinary: boolean): void {
    try {
      this.#receive(data, isBinary);
    } catch (err) {
      this.#failed(err, undefined);
    }
  }

  #receive(data: string | Buffer, isBinary: boolean): void {
    const { rateLimit } = this.#init;
    // Strikes decay: a client whose bucket refilled completely has slowed down, so an occasional
    // burst over a long life does not add up to a close. A flood never lets the bucket refill.
    if (this.#rateStrikes > 0 && rateLimit.bucket.full) this.#rateStrikes = 0;
    if (!rateLimit.bucket.take()) {
      const error = new SaywireError('RATE_LIMITED');
      this.sendError(error, undefined);
      if (++this.#rateStrikes >= rateLimit.strikes) this.#init.close(error.closeCode ?? 1008, error.code);
      return;
    }
    const parsed = parseClientEvent(data, isBinary, this.#init.limits);
    if (!parsed.ok) {
      this.#failed(parsed.error, parsed.eventId);
      return;
    }
    const event = parsed.event;
    if (this.#pending >= this.#init.maxPendingEvents) {
      this.sendError(new SaywireError('OVERLOADED', 'Too many events waiting on this connection.'), event.event_id);
      return;
    }
    this.#pending++;
    this.#chain = this.#chain
      .then(() => this.#handle(event))
      .catch((err: unknown) => this.#failed(err, event.event_id))
      .finally(() => {
        this.#pending--;
      });
  }

  /**
   * Reports a failure. A coded error is the client's to see; anything else, and `INTERNAL`, is a
   * server bug: logged with its stack, and sent as a `server_error`, never blamed on the event.
   */
  #failed(err: unknown, eventId: string | undefined): void {
    let error = toSaywireError(err, 'INTERNAL');
    if (error.code === 'INTERNAL') {
      this.#init.logger.error({ err: error.cause ?? err }, 'event handling failed');
      // The bug's own message stays in the log: it may name internals the client has no use for.
      error = new SaywireError('INTERNAL');
    }
    this.sendError(error, eventId);
    if (error.code !== 'OVERLOADED') return;
    if (++this.#overloadStrikes >= this.#init.overloadStrikes) this.#init.close(error.closeCode ?? 1013, error.code);
  }

  /** Sends an `error` event. */
  sendError(error: SaywireError, eventId: string | undefined): void {
    this.#init.logger.debug({ code: error.code }, 'client error');
    this.#init.send(errorEvent(error, eventId));
  }

  async #handle(event: ClientEvent): Promise<void> {
    const { processor, session } = this.#init;
    switch (event.type) {
      case 'session.update':
        this.#init.send({ type: 'session.updated', session: session.update(event.session) });
        return;
      case 'conversation.item.create':
        if (event.item.type === 'message') processor.addUserMessage(event.item.text);
        else processor.addFunctionOutput(event.item.call_id, event.item.output);
        return;
      case 'response.create':
        await processor.startAgentTurn(event.input, { voice: event.voice, rate: event.rate, pitch: event.pitch });
        this.#overloadStrikes = 0;
        return;
      case 'text.append':
        await processor.appendText(event.delta, { voice: event.voice, rate: event.rate, pitch: event.pitch });
        return;
      case 'text.done':
        processor.textDone();
        return;
      case 'text.flush':
        processor.flushText();
        return;
      case 'response.cancel':
        await processor.cancel('client_cancelled');
        return;
      case 'response.played':
        processor.played(event.response_id, event.played_ms);
        return;
    }
  }
}
