/**
 * The saywire client, for browsers and Node: one socket, the session on it, and the responses
 * it runs. Typed from the server's own protocol definitions (`src/protocol`), so the two cannot
 * drift.
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
import { type AudioChunk, audioChunkOfDelta, audioChunkOfFrame } from './audio-chunk.js';
import { SaywireClientError, type ServerErrorBody } from './client-error.js';
import { Listeners } from './listeners.js';
import { type FilledReconnectOptions, type ReconnectOptions, fillReconnectOptions, reconnectDelayMs } from './reconnect.js';
import { type ResponseEvent, ResponseHandle, type ResponsePort, TextResponseHandle } from './response-handle.js';
import { OPEN, type SocketFactory, type WireSocket, openSocket, refusalStatus } from './socket.js';

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

/** Where the connection is. */
export type ConnectionState = 'open' | 'reconnecting' | 'closed';

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
  /**
   * The connection changed state. `reconnecting` carries the attempt about to be made and the
   * wait before it; `closed` the close code and reason, and the error that ended reconnecting.
   */
  | { type: 'state'; state: ConnectionState; attempt?: number; delayMs?: number; code?: number; reason?: string; error?: SaywireClientError };

interface PendingUpdate {
  eventId: string;
  resolve: (session: SessionInfo) => void;
  reject: (err: Error) => void;
}

const DEFAULT_MAX_PENDING = 32;
const DEFAULT_MAX_BUFFERED_EVENTS = 10_000;

/** Reports a listener's exception the way a DOM event listener's is: as an uncaught error, without stopping the others. */
function reportListenerError(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}

export class SaywireClient {
  readonly #url: string;
  readonly #token: string | undefined;
  readonly #reconnect: FilledReconnectOptions | undefined;
  readonly #maxPending: number;
  readonly #maxBuffered: number;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #openSocket: SocketFactory;
  readonly #listeners = new Listeners<SaywireClientEvent>(reportListenerError);
  readonly #port: ResponsePort = { send: (event) => this.send(event) };

  #socket: WireSocket | undefined;
  #state: ConnectionState = 'closed';
  #session: SessionInfo | undefined;
  #closedByUser = false;
  #reconnectTimer: unknown;
  #requests = 0;
  /** Responses on this socket so far: binary frames carry this number. */
  #responseNumber = 0;
  /** Requests sent and not yet answered by `response.created`, oldest first. */
  #unbound: ResponseHandle[] = [];
  /** Created responses not yet done, by id and by number. */
  readonly #byId = new Map<string, ResponseHandle>();
  readonly #byNumber = new Map<number, ResponseHandle>();
  #updates: PendingUpdate[] = [];
  /** Every session field this client set, merged: sent again on a new socket after a drop. */
  #sessionFields: SessionUpdateFields = {};

  /**
   * A client for `url` (`ws://host:port/v1/realtime`), not yet connected: attach listeners, then
   * `connect()`, to see everything from the first event on. `SaywireClient.connect` does both.
   */
  constructor(url: string, options: SaywireClientOptions = {}) {
    this.#url = url;
    this.#token = options.token;
    this.#reconnect = fillReconnectOptions(options.reconnect);
    this.#maxPending = positive('maxPending', options.maxPending ?? DEFAULT_MAX_PENDING);
    this.#maxBuffered = positive('maxBufferedEvents', options.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#openSocket = options.socketFactory ?? openSocket;
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
  async connect(): Promise<void> {
    if (this.#state === 'open') return;
    this.#closedByUser = false;
    this.#clock.clearTimeout(this.#reconnectTimer);
    await this.#open();
  }

  /** Where the connection is. */
  get state(): ConnectionState {
    return this.#state;
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
    if (this.#updates.length >= this.#maxPending) return Promise.reject(SaywireClientError.of('TOO_MANY_PENDING'));
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
      this.#updates.push({ eventId, resolve: applied, reject });
    });
  }

  /** Answers an agent's `response.function_call` with the function's output (a `conversation.item.create`). */
  sendFunctionCallOutput(callId: string, output: string): void {
    this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output } });
  }

  /** Sends any client event as it is. Throws `NOT_CONNECTED` unless the socket is open. */
  send(event: ClientEvent): void {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket === undefined || socket.readyState !== OPEN) throw SaywireClientError.of('NOT_CONNECTED');
    socket.send(JSON.stringify(event));
  }

  /** Closes the socket for good (no reconnect); open requests fail with `CONNECTION_CLOSED`. Resolves once it is closed. */
  close(): Promise<void> {
    this.#closedByUser = true;
    this.#clock.clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    if (socket === undefined) {
      if (this.#state !== 'closed') this.#setClosed(1000, '');
      return Promise.resolve();
    }
    // Open or still connecting: either way its close ends in a `closed` state.
    return new Promise((resolve) => {
      const off = this.on('state', (event) => {
        if (event.state !== 'closed') return;
        off();
        resolve();
      });
      socket.close(1000);
    });
  }

  /** Drops the connection without a close handshake where the platform can (`ws` in Node), else closes it; no reconnect. */
  terminate(): void {
    this.#closedByUser = true;
    this.#clock.clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    if (socket?.terminate !== undefined) socket.terminate();
    else socket?.close(1000);
  }

  #queueHandle<H extends ResponseHandle>(Kind: new (init: ConstructorParameters<typeof ResponseHandle>[0]) => H): H {
    if (this.#state !== 'open') throw SaywireClientError.of('NOT_CONNECTED');
    if (this.#unbound.length >= this.#maxPending) throw SaywireClientError.of('TOO_MANY_PENDING');
    const handle = new Kind({
      requestId: `r${++this.#requests}`,
      port: this.#port,
      maxBufferedEvents: this.#maxBuffered,
      onListenerError: reportListenerError,
    });
    this.#unbound.push(handle);
    return handle;
  }

  #sendOrDrop(handle: ResponseHandle, event: ClientEvent): void {
    try {
      this.send(event);
    } catch (err) {
      this.#unbound = this.#unbound.filter((h) => h !== handle);
      throw err;
    }
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
      this.#openSocket(this.#url, this.#token).then(
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
              if (typeof message.data !== 'string') return this.#onFrame(new Uint8Array(message.data as ArrayBuffer));
              event = JSON.parse(message.data) as ServerEvent;
            } catch (err) {
              const detail = err instanceof Error ? err.message : String(err);
              return this.#listeners.emit({ type: 'protocol-error', error: SaywireClientError.of('BAD_MESSAGE', `A message from the server could not be read: ${detail}`) });
            }
            if (!created && event.type === 'session.created') {
              created = true;
              this.#onCreated(event.session);
              resolve();
            }
            this.#onEvent(event);
          };
          socket.onclose = (close) => {
            if (this.#socket !== socket) return;
            this.#socket = undefined;
            if (!created) {
              fail(`The socket closed (${close.code}${errorMessage === undefined ? '' : `: ${errorMessage}`}) before session.created.`);
              if (this.#closedByUser) this.#setClosed(close.code, close.reason);
              return;
            }
            this.#dropped(close.code, close.reason);
          };
        },
        (err: unknown) => fail(`The socket could not be opened: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  #onCreated(session: SessionInfo): void {
    this.#session = session;
    this.#responseNumber = 0;
    this.#state = 'open';
    // A new socket after a drop: the server's session starts from its defaults again.
    if (Object.keys(this.#sessionFields).length > 0) {
      this.updateSession(this.#sessionFields).catch((err: unknown) => {
        if (err instanceof SaywireClientError && err.serverError !== undefined) this.#listeners.emit({ type: 'error', error: err.serverError });
      });
    }
    this.#listeners.emit({ type: 'state', state: 'open' });
  }

  #onFrame(frame: Uint8Array): void {
    const chunk = audioChunkOfFrame(frame);
    this.#listeners.emit({ type: 'frame', chunk });
    this.#byNumber.get(chunk.header.responseNumber)?.deliver(chunk);
  }

  #onEvent(event: ServerEvent): void {
    this.#listeners.emit({ type: 'event', event });
    switch (event.type) {
      case 'session.created':
        this.#listeners.emit({ type: 'session', session: event.session });
        return;
      case 'session.updated':
        this.#session = event.session;
        this.#updates.shift()?.resolve(event.session);
        this.#listeners.emit({ type: 'session', session: event.session });
        return;
      case 'response.created': {
        const number = ++this.#responseNumber;
        const handle = this.#unbound.shift();
        if (handle === undefined) return;
        handle.bind(event.response.id, number);
        this.#byId.set(event.response.id, handle);
        this.#byNumber.set(number, handle);
        handle.deliver(event);
        return;
      }
      case 'response.done': {
        const handle = this.#byId.get(event.response.id);
        if (handle === undefined) return;
        this.#byId.delete(event.response.id);
        this.#byNumber.delete(handle.number);
        handle.deliver(event);
        return;
      }
      case 'response.audio.delta': {
        const handle = this.#byId.get(event.response_id);
        handle?.deliver(
          audioChunkOfDelta(event, handle.number, { sampleRate: this.#session?.audio.sample_rate ?? 0, encoding: this.#session?.audio.encoding ?? 'pcm16' }),
        );
        return;
      }
      case 'error':
        this.#onError(event);
        return;
      default:
        if ('response_id' in event) this.#byId.get(event.response_id)?.deliver(event as ResponseEvent);
    }
  }

  #onError(event: Extract<ServerEvent, { type: 'error' }>): void {
    const { error } = event;
    const eventId = error.event_id;
    if (eventId !== null) {
      // Our cancel crossed the response's end on the wire: nothing went wrong.
      if (eventId.endsWith(':cancel') && error.code === 'NO_ACTIVE_RESPONSE') return;
      const update = this.#updates.find((u) => u.eventId === eventId);
      if (update !== undefined) {
        this.#updates = this.#updates.filter((u) => u !== update);
        update.reject(SaywireClientError.fromServer(error));
        return;
      }
      const refused = this.#unbound.find((h) => h.requestId === eventId);
      if (refused !== undefined) {
        this.#unbound = this.#unbound.filter((h) => h !== refused);
        refused.deliver(event);
        refused.fail(SaywireClientError.fromServer(error));
        return;
      }
      const running = [...this.#byId.values()].find((h) => h.requestId === eventId);
      if (running !== undefined) return running.deliver(event);
    }
    // An error naming no request of ours: a turn's own failure (its response.done then says
    // `failed`, with the code as the reason), or a reply to an event sent raw without an id.
    this.#listeners.emit({ type: 'error', error });
  }

  #dropped(code: number, reason: string): void {
    const lost = SaywireClientError.of('CONNECTION_CLOSED', `The socket closed (${code}${reason === '' ? '' : `: ${reason}`}).`);
    const handles = [...this.#unbound, ...this.#byId.values()];
    const updates = this.#updates;
    this.#unbound = [];
    this.#byId.clear();
    this.#byNumber.clear();
    this.#updates = [];
    for (const handle of handles) handle.fail(lost);
    for (const update of updates) update.reject(lost);
    if (this.#closedByUser || this.#reconnect === undefined) return this.#setClosed(code, reason);
    this.#retry(1, code, reason);
  }

  #retry(attempt: number, code: number, reason: string, error?: SaywireClientError): void {
    const options = this.#reconnect as FilledReconnectOptions;
    if (attempt > options.maxAttempts) return this.#setClosed(code, reason, error);
    const delayMs = reconnectDelayMs(options, attempt, this.#random);
    this.#state = 'reconnecting';
    this.#listeners.emit({ type: 'state', state: 'reconnecting', attempt, delayMs });
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#open().catch((err: SaywireClientError) => {
        if (!this.#closedByUser) this.#retry(attempt + 1, code, reason, err);
      });
    }, delayMs);
  }

  #setClosed(code: number, reason: string, error?: SaywireClientError): void {
    this.#state = 'closed';
    this.#listeners.emit({ type: 'state', state: 'closed', code, reason, ...(error === undefined ? {} : { error }) });
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
