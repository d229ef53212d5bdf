/**
 * The client's connection: one socket at a time, and its life. Opening a socket ends at the
 * server's `session.created`; a socket that drops after that is opened again with backoff when
 * reconnecting is on (`reconnect.ts` says when), until the attempts run out or the user closes.
 * What arrives on the socket goes to the client through `ConnectionEvents`: the connection knows
 * nothing of requests or responses, so the state machine can be read on its own.
 */
import type { Clock } from '../clock.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { ServerEvent, SessionInfo } from '../protocol/server-events.js';
import { SaywireClientError } from './client-error.js';
import { type FilledReconnectOptions, reconnectDelayMs } from './reconnect.js';
import { OPEN, type SocketFactory, type WireSocket, refusalStatus } from './socket.js';

/** Where the connection is. */
export type ConnectionState = 'open' | 'reconnecting' | 'closed';

/**
 * The connection changed state. `reconnecting` carries the attempt about to be made and the
 * wait before it; `closed` the close code and reason, and the error that ended reconnecting.
 */
export interface ConnectionStateEvent {
  type: 'state';
  state: ConnectionState;
  attempt?: number;
  delayMs?: number;
  code?: number;
  reason?: string;
  error?: SaywireClientError;
}

/** Where and how to connect. */
export interface ConnectionSettings {
  url: string;
  token: string | undefined;
  /** Undefined: no reconnecting. */
  reconnect: FilledReconnectOptions | undefined;
  clock: Clock;
  random: () => number;
  openSocket: SocketFactory;
}

/** What the connection hands to its client, in the order it happens. */
export interface ConnectionEvents {
  /** A socket's `session.created`: the connection is open (a reconnect's session fields may be sent now), not yet announced. */
  created(session: SessionInfo): void;
  /** Every JSON event the server sent (`session.created` too, after `created`). */
  event(event: ServerEvent): void;
  /** Every binary frame; a throw here is reported as a message that could not be read. */
  frame(frame: Uint8Array): void;
  /** A message from the server that is not saywire's protocol (`BAD_MESSAGE`); it is skipped. */
  badMessage(error: SaywireClientError): void;
  /** A socket closed after its `session.created`: nothing sent on it will be answered. Comes before any reconnecting. */
  dropped(code: number, reason: string): void;
  /** The state changed (the client passes it on as its own `state` event). */
  state(event: ConnectionStateEvent): void;
}

/** One client's socket, reopened after drops. */
export class ClientConnection {
  readonly #s: ConnectionSettings;
  readonly #events: ConnectionEvents;
  #socket: WireSocket | undefined;
  #state: ConnectionState = 'closed';
  #closedByUser = false;
  #reconnectTimer: unknown;
  /** `close()` calls waiting for the `closed` state. */
  #closeWaiters: Array<() => void> = [];

  constructor(settings: ConnectionSettings, events: ConnectionEvents) {
    this.#s = settings;
    this.#events = events;
  }

  /** Where the connection is. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** Opens a socket unless one is open; resolves at its `session.created`, rejects with `CONNECT_FAILED`. */
  async connect(): Promise<void> {
    if (this.#state === 'open') return;
    this.#closedByUser = false;
    this.#s.clock.clearTimeout(this.#reconnectTimer);
    await this.#open();
  }

  /** Sends an event as JSON. Throws `NOT_CONNECTED` unless the socket is open. */
  send(event: ClientEvent): void {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket === undefined || socket.readyState !== OPEN) throw SaywireClientError.of('NOT_CONNECTED');
    socket.send(JSON.stringify(event));
  }

  /** Closes the socket for good (no reconnect); resolves once it is closed. */
  close(): Promise<void> {
    this.#closedByUser = true;
    this.#s.clock.clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    if (socket === undefined) {
      if (this.#state !== 'closed') this.#setClosed(1000, '');
      return Promise.resolve();
    }
    // Open or still connecting: either way its close ends in a `closed` state.
    return new Promise((resolve) => {
      this.#closeWaiters.push(resolve);
      socket.close(1000);
    });
  }

  /** Drops the connection without a close handshake where the platform can (`ws` in Node), else closes it; no reconnect. */
  terminate(): void {
    this.#closedByUser = true;
    this.#s.clock.clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    if (socket?.terminate !== undefined) socket.terminate();
    else socket?.close(1000);
  }

  /** One socket: resolves at its `session.created`, rejects with `CONNECT_FAILED` if it never comes. */
  #open(): Promise<void> {
    return new Promise((resolve, reject) => {
      let created = false;
      let errorMessage: string | undefined;
      const fail = (message: string): void => {
        const status = refusalStatus(errorMessage);
        reject(SaywireClientError.of('CONNECT_FAILED', message, status));
      };
      this.#s.openSocket(this.#s.url, this.#s.token).then(
        (socket) => {
          if (this.#closedByUser) {
            // close() came while the socket was being made. `ws` reports closing a socket that has
            // not opened yet as an error event, which nobody else would listen to.
            socket.onerror = () => undefined;
            socket.close(1000);
            return fail('The client was closed while it connected.');
          }
          this.#socket = socket;
          socket.binaryType = 'arraybuffer';
          socket.onerror = (event) => {
            errorMessage = event.message ?? errorMessage;
          };
          socket.onmessage = (message) => {
            if (this.#socket !== socket) return;
            let event: ServerEvent;
            try {
              if (typeof message.data !== 'string') return this.#events.frame(new Uint8Array(message.data as ArrayBuffer));
              event = JSON.parse(message.data) as ServerEvent;
            } catch (err) {
              const detail = err instanceof Error ? err.message : String(err);
              return this.#events.badMessage(SaywireClientError.of('BAD_MESSAGE', `A message from the server could not be read: ${detail}`));
            }
            if (!created && event.type === 'session.created') {
              created = true;
              this.#state = 'open';
              this.#events.created(event.session);
              this.#events.state({ type: 'state', state: 'open' });
              resolve();
            }
            this.#events.event(event);
          };
          socket.onclose = (close) => {
            if (this.#socket !== socket) return;
            this.#socket = undefined;
            if (!created) {
              fail(`The socket closed (${close.code}${errorMessage === undefined ? '' : `: ${errorMessage}`}) before session.created.`);
              if (this.#closedByUser) this.#setClosed(close.code, close.reason);
              return;
            }
            this.#events.dropped(close.code, close.reason);
            if (this.#closedByUser || this.#s.reconnect === undefined) return this.#setClosed(close.code, close.reason);
            this.#retry(1, close.code, close.reason);
          };
        },
        (err: unknown) => fail(`The socket could not be opened: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  #retry(attempt: number, code: number, reason: string, error?: SaywireClientError): void {
    const options = this.#s.reconnect as FilledReconnectOptions;
    if (attempt > options.maxAttempts) return this.#setClosed(code, reason, error);
    const delayMs = reconnectDelayMs(options, attempt, this.#s.random);
    this.#state = 'reconnecting';
    this.#events.state({ type: 'state', state: 'reconnecting', attempt, delayMs });
    this.#reconnectTimer = this.#s.clock.setTimeout(() => {
      this.#open().catch((err: SaywireClientError) => {
        if (!this.#closedByUser) this.#retry(attempt + 1, code, reason, err);
      });
    }, delayMs);
  }

  #setClosed(code: number, reason: string, error?: SaywireClientError): void {
    this.#state = 'closed';
    this.#events.state({ type: 'state', state: 'closed', code, reason, ...(error === undefined ? {} : { error }) });
    for (const resolve of this.#closeWaiters.splice(0)) resolve();
  }
}
