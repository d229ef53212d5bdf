/**
 * The saywire client, for browsers and Node: one socket, the session on it, and the responses
 * it runs. Typed from the server's own protocol definitions (`src/protocol`), so the two cannot
 * drift. This class is the public face and the session's memory; the socket's life (open,
 * reconnect, close) is `connection.ts`, the requests and the routing of answers to them
 * `pending-requests.ts`.
 *
 * ```
 * createResponse / createTextResponse ─▶ handle queued (unbound) ─▶ response.create | text.append…
 * socket ─▶ response.created ─▶ oldest unbound handle gets its id and number (the server answers in order)
 *        ─▶ events with response_id ─▶ that handle     binary frames ─▶ the handle with the frame's number
 *        ─▶ response.done ─▶ handle.done resolves, the handle is forgotten
 *        ─▶ error with a request's event_id ─▶ that request (a handle not yet created is refused)
 * close ─▶ every open request fails CONNECTION_CLOSED ─▶ (reconnect) backoff, new socket, session fields sent again
 * ```
 */
import { systemClock, type Clock } from '../clock.js';
import type { ClientEvent, ResponseCreateEvent, ResponseVoiceFields, SessionUpdateFields } from '../protocol/client-events.js';
import type { ServerEvent, SessionInfo } from '../protocol/server-events.js';
import { type AudioChunk, audioChunkOfFrame } from './audio-chunk.js';
import { SaywireClientError, type ServerErrorBody } from './client-error.js';
import { ClientConnection, type ConnectionState, type ConnectionStateEvent } from './connection.js';
import { Listeners } from './listeners.js';
import { PendingRequests } from './pending-requests.js';
import { type ReconnectOptions, fillReconnectOptions } from './reconnect.js';
import { type ResponseEvent, ResponseHandle, type ResponsePort, TextResponseHandle } from './response-handle.js';
import { type SocketFactory, openSocket } from './socket.js';

export interface SaywireClientOptions {
  /** The server's access token (`authToken`), if it has one. */
  token?: string;
  /** Reconnect after the socket drops: `true` for the defaults, or the backoff to use. Off by default. */
  reconnect?: ReconnectOptions | boolean;
  /** Most requests waiting for the server's answer (responses not yet created, session updates not yet applied), default 32. */
  maxPending?: number;
  /** Most events an async iterator holds for a loop that has not asked for them yet, default 10 000. */
  maxBufferedEvents?: number;
  /** Timers for the reconnect backoff (tests inject fake ones). */
  clock?: Clock;
  /** Jitter source for the backoff, [0, 1), default `Math.random`. */
  random?: () => number;
  /** Opens the socket; by default `ws` in Node and the browser's `WebSocket` elsewhere. */
  socketFactory?: SocketFactory;
}

/** What the client itself emits (a response's own events are on its handle). */
export type SaywireClientEvent =
  /** Every JSON event the server sent, as it arrived. */
  | { type: 'event'; event: ServerEvent }
  /** Every binary audio frame, decoded, whichever response it belongs to. */
  | { type: 'frame'; chunk: AudioChunk }
  /** The session as the server last described it (`session.created`, `session.updated`). */
  | { type: 'session'; session: SessionInfo }
  /** A server error tied to no request of this client's handles or updates (e.g. a turn's own failure, whose response.done says `failed`). */
  | { type: 'error'; error: ServerErrorBody }
  /** A message from the server that is not saywire's protocol (`BAD_MESSAGE`); it is skipped. */
  | { type: 'protocol-error'; error: SaywireClientError }
  /** The connection changed state (see {@link ConnectionStateEvent}). */
  | ConnectionStateEvent;

const DEFAULT_MAX_PENDING = 32;
const DEFAULT_MAX_BUFFERED_EVENTS = 10_000;

/** Reports a listener's exception the way a DOM event listener's is: as an uncaught error, without stopping the others. */
function reportListenerError(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}

export class SaywireClient {
  readonly #maxBuffered: number;
  readonly #listeners = new Listeners<SaywireClientEvent>(reportListenerError);
  readonly #port: ResponsePort = { send: (event) => this.send(event) };
  readonly #connection: ClientConnection;
  readonly #pending: PendingRequests;

  #session: SessionInfo | undefined;
  #requests = 0;
  /** Every session field this client set, merged: sent again on a new socket after a drop. */
  #sessionFields: SessionUpdateFields = {};

  /**
   * A client for `url` (`ws://host:port/v1/realtime`), not yet connected: attach listeners, then
   * `connect()`, to see everything from the first event on. `SaywireClient.connect` does both.
   */
  constructor(url: string, options: SaywireClientOptions = {}) {
    const reconnect = fillReconnectOptions(options.reconnect);
    this.#pending = new PendingRequests(positive('maxPending', options.maxPending ?? DEFAULT_MAX_PENDING));
    this.#maxBuffered = positive('maxBufferedEvents', options.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS);
    const settings = {
      url,
      token: options.token,
      reconnect,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      openSocket: options.socketFactory ?? openSocket,
    };
    this.#connection = new ClientConnection(settings, {
      created: (session) => this.#onCreated(session),
      event: (event) => this.#onEvent(event),
      frame: (frame) => this.#onFrame(frame),
      badMessage: (error) => this.#listeners.emit({ type: 'protocol-error', error }),
      dropped: (code, reason) => {
        this.#pending.failAll(SaywireClientError.of('CONNECTION_CLOSED', `The socket closed (${code}${reason === '' ? '' : `: ${reason}`}).`));
      },
      state: (event) => this.#listeners.emit(event),
    });
  }

  /** A new client, connected: see {@link SaywireClient.connect}. */
  static async connect(url: string, options: SaywireClientOptions = {}): Promise<SaywireClient> {
    const client = new SaywireClient(url, options);
    await client.connect();
    return client;
  }

  /**
   * Opens the socket and resolves once the server's `session.created` arrived. Rejects with
   * `CONNECT_FAILED` (with the HTTP `status` of a refused upgrade where the platform reveals it,
   * e.g. 401 for a missing token in Node). Also reopens a client that closed or gave up reconnecting.
   */
  connect(): Promise<void> {
    return this.#connection.connect();
  }

  /** Where the connection is. */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** The session as the server last described it; throws `NOT_CONNECTED` before the first `connect()` resolved. */
  get session(): SessionInfo {
    if (this.#session === undefined) throw SaywireClientError.of('NOT_CONNECTED');
    return this.#session;
  }

  /** Calls `listener` for each client event of `type`; returns a function that removes it. */
  on<T extends SaywireClientEvent['type']>(type: T, listener: (event: Extract<SaywireClientEvent, { type: T }>) => void): () => void {
    return this.#listeners.on(type, listener);
  }

  /**
   * Starts an agent turn; `input` is the user's message. The request is the protocol's own
   * `response.create` fields, so fields the protocol gains pass through. A response still
   * running is superseded by the server.
   */
  createResponse(request: Omit<ResponseCreateEvent, 'type' | 'event_id'> = {}): ResponseHandle {
    const handle = this.#queueHandle(ResponseHandle);
    // The type leads, as in every event the protocol documents; the spread cannot override it.
    this.#sendOrDrop(handle, { type: 'response.create', ...request, event_id: handle.requestId } as ResponseCreateEvent);
    return handle;
  }

  /**
   * Starts a response whose text the caller streams (its own LLM's tokens): `append()` each delta,
   * then `end()`; `flush()` speaks what is buffered without ending. With `text`, the client does
   * both: each piece of the iterable is one delta. `voice`, `rate` and `pitch` apply to this
   * response only.
   */
  createTextResponse(request: { text?: Iterable<string> | AsyncIterable<string> } & ResponseVoiceFields = {}): TextResponseHandle {
    const handle = this.#queueHandle(TextResponseHandle);
    const { text, ...voice } = request;
    handle.useVoice(voice);
    if (text !== undefined) void pump(handle, text);
    return handle;
  }

  /**
   * Changes session settings; resolves with the session as the server now describes it, rejects
   * with the server's error (e.g. `INVALID_EVENT` for an unknown voice). Accepted fields are kept
   * and sent again on a new socket after a reconnect.
   */
  updateSession(fields: SessionUpdateFields): Promise<SessionInfo> {
    if (!this.#pending.roomForUpdate) return Promise.reject(SaywireClientError.of('TOO_MANY_PENDING'));
    const eventId = `s${++this.#requests}`;
    try {
      this.send({ type: 'session.update', event_id: eventId, session: fields });
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const applied = (session: SessionInfo): void => {
        // Only what the server accepted is sent again after a reconnect.
        this.#sessionFields = mergeSessionFields(this.#sessionFields, fields);
        resolve(session);
      };
      this.#pending.addUpdate({ eventId, resolve: applied, reject });
    });
  }

  /** Answers an agent's `response.function_call` with the function's output (a `conversation.item.create`). */
  sendFunctionCallOutput(callId: string, output: string): void {
    this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output } });
  }

  /** Sends any client event as it is. Throws `NOT_CONNECTED` unless the socket is open. */
  send(event: ClientEvent): void {
    this.#connection.send(event);
  }

  /** Closes the socket for good (no reconnect); open requests fail with `CONNECTION_CLOSED`. Resolves once it is closed. */
  close(): Promise<void> {
    return this.#connection.close();
  }

  /** Drops the connection without a close handshake where the platform can (`ws` in Node), else closes it; no reconnect. */
  terminate(): void {
    this.#connection.terminate();
  }

  #queueHandle<H extends ResponseHandle>(Kind: new (init: ConstructorParameters<typeof ResponseHandle>[0]) => H): H {
    if (this.#connection.state !== 'open') throw SaywireClientError.of('NOT_CONNECTED');
    if (!this.#pending.roomForResponse) throw SaywireClientError.of('TOO_MANY_PENDING');
    const handle = new Kind({
      requestId: `r${++this.#requests}`,
      port: this.#port,
      maxBufferedEvents: this.#maxBuffered,
      onListenerError: reportListenerError,
    });
    this.#pending.addResponse(handle);
    return handle;
  }

  #sendOrDrop(handle: ResponseHandle, event: ClientEvent): void {
    try {
      this.send(event);
    } catch (err) {
      this.#pending.withdraw(handle);
      throw err;
    }
  }

  /** A new socket's `session.created`. */
  #onCreated(session: SessionInfo): void {
    this.#session = session;
    this.#pending.newSocket();
    // A new socket after a drop: the server's session starts from its defaults again.
    if (Object.keys(this.#sessionFields).length > 0) {
      this.updateSession(this.#sessionFields).catch((err: unknown) => {
        if (err instanceof SaywireClientError && err.serverError !== undefined) this.#listeners.emit({ type: 'error', error: err.serverError });
      });
    }
  }

  #onFrame(frame: Uint8Array): void {
    const chunk = audioChunkOfFrame(frame);
    this.#listeners.emit({ type: 'frame', chunk });
    this.#pending.frame(chunk);
  }

  #onEvent(event: ServerEvent): void {
    this.#listeners.emit({ type: 'event', event });
    switch (event.type) {
      case 'session.created':
        this.#listeners.emit({ type: 'session', session: event.session });
        return;
      case 'session.updated':
        this.#session = event.session;
        this.#pending.sessionUpdated(event.session);
        this.#listeners.emit({ type: 'session', session: event.session });
        return;
      case 'response.created':
        this.#pending.responseCreated(event);
        return;
      case 'response.done':
        this.#pending.responseDone(event);
        return;
      case 'response.audio.delta':
        this.#pending.audioDelta(event, { sampleRate: this.#session?.audio.sample_rate ?? 0, encoding: this.#session?.audio.encoding ?? 'pcm16' });
        return;
      case 'error':
        // An error naming no request of ours: a turn's own failure (its response.done then says
        // `failed`, with the code as the reason), or a reply to an event sent raw without an id.
        if (!this.#pending.claimError(event)) this.#listeners.emit({ type: 'error', error: event.error });
        return;
      default:
        if ('response_id' in event) this.#pending.responseEvent(event as ResponseEvent & { response_id: string });
    }
  }
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer; got ${String(value)}`);
  return value;
}

/** `next` applied over `base`, as the server applies a `session.update` (nested `audio` and `chunking` merge; `tools` replace). */
function mergeSessionFields(base: SessionUpdateFields, next: SessionUpdateFields): SessionUpdateFields {
  const merged: SessionUpdateFields = { ...base, ...next };
  if (base.audio !== undefined || next.audio !== undefined) merged.audio = { ...base.audio, ...next.audio };
  if (base.chunking !== undefined || next.chunking !== undefined) merged.chunking = { ...base.chunking, ...next.chunking };
  return merged;
}

async function pump(handle: TextResponseHandle, text: Iterable<string> | AsyncIterable<string>): Promise<void> {
  try {
    for await (const delta of text) {
      if (handle.finished) return;
      handle.append(delta);
    }
    handle.end();
  } catch (err) {
    // The socket went away mid-text: the handle fails with CONNECTION_CLOSED on its own.
    if (err instanceof SaywireClientError) return;
    // The caller's text source threw: stop the half-spoken response and hand its error to `done`.
    if (!handle.finished) {
      handle.cancel();
      handle.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }
}