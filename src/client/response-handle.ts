/**
 * One response as the client sees it: its events (typed listeners or an async iterator), its
 * audio as PCM chunks, and its end (`done`, the server's `response.done` summary). The client
 * routes the server's events here; the handle sends nothing itself except through its `ResponsePort`.
 */
import type { ClientEvent, ResponseVoiceFields } from '../protocol/client-events.js';
import type { ResponseSummary, ServerEvent } from '../protocol/server-events.js';
import type { AudioChunk } from './audio-chunk.js';
import { SaywireClientError } from './client-error.js';
import { EventQueue } from './event-queue.js';
import { Listeners } from './listeners.js';

/**
 * Server events about one response: every event of the protocol's union that names its response
 * (so events the protocol gains later flow through typed), plus an `error` answering one of its
 * requests (a `text.append` refused, say), with
 * base64 `response.audio.delta` events replaced by the decoded {@link AudioChunk}.
 */
export type ResponseEvent =
  | Exclude<Extract<ServerEvent, { response_id: string }>, { type: 'response.audio.delta' }>
  | Extract<ServerEvent, { type: 'response.created' | 'response.done' | 'error' }>
  | AudioChunk;

/** What a handle needs from its client. */
export interface ResponsePort {
  /** Sends an event; throws `NOT_CONNECTED` when the socket is not open. */
  send(event: ClientEvent): void;
}

export interface ResponseHandleInit {
  /** The `event_id` of this response's requests; errors they cause echo it. */
  requestId: string;
  port: ResponsePort;
  /** Most events an iterator holds for a consumer that has not asked for them yet. */
  maxBufferedEvents: number;
  onListenerError: (err: unknown) => void;
}

/** Returned by `createResponse`. */
export class ResponseHandle implements AsyncIterable<ResponseEvent> {
  /** The `event_id` of this response's requests. */
  readonly requestId: string;
  /** Resolves with the `response.done` summary (whatever its status); rejects if the server refused the request or the socket closed first. */
  readonly done: Promise<ResponseSummary>;
  protected readonly port: ResponsePort;
  readonly #listeners: Listeners<ResponseEvent>;
  readonly #iterators = new Set<EventQueue<ResponseEvent>>();
  readonly #maxBuffered: number;
  #resolve!: (summary: ResponseSummary) => void;
  #reject!: (err: Error) => void;
  #id: string | undefined;
  #number = 0;
  #finished = false;
  #cancelSent = false;
  /** A `played(ms)` made before `response.created`, sent once the id is known. */
  #playedMs: number | undefined;

  constructor(init: ResponseHandleInit) {
    this.requestId = init.requestId;
    this.port = init.port;
    this.#maxBuffered = init.maxBufferedEvents;
    this.#listeners = new Listeners(init.onListenerError);
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that never looks at `done` must not get an unhandled rejection for a dropped socket.
    this.done.catch(() => undefined);
  }

  /** The server's `resp_…` id, once `response.created` arrived. */
  get id(): string | undefined {
    return this.#id;
  }

  /** The response's number on its connection (from 1; audio frames carry it), 0 until `response.created`. */
  get number(): number {
    return this.#number;
  }

  /** True once `done` has settled. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Calls `listener` for each event of `type`; returns a function that removes it. */
  on<T extends ResponseEvent['type']>(type: T, listener: (event: Extract<ResponseEvent, { type: T }>) => void): () => void {
    return this.#listeners.on(type, listener);
  }

  /**
   * The response's events from now on, ending after `response.done`; throws what `done` rejects
   * with, or `EVENT_BUFFER_FULL` when the loop falls more than `maxBufferedEvents` behind.
   */
  [Symbol.asyncIterator](): AsyncIterator<ResponseEvent> {
    const queue = new EventQueue<ResponseEvent>(this.#maxBuffered);
    if (this.#finished) queue.end();
    else this.#iterators.add(queue);
    return queue;
  }

  /** Barge-in: asks the server to stop this response (its `response.done` then says `cancelled`). Once only; no-op once finished. */
  cancel(): void {
    if (this.#finished || this.#cancelSent) return;
    this.#cancelSent = true;
    this.port.send({ type: 'response.cancel', event_id: `${this.requestId}:cancel` });
  }

  /** Tells the server how much of this response's audio was played, ms (it trims the history of a stopped reply to it). */
  played(ms: number): void {
    const playedMs = Math.max(0, Math.round(ms));
    if (this.#id === undefined) {
      this.#playedMs = playedMs;
      return;
    }
    this.port.send({ type: 'response.played', response_id: this.#id, played_ms: playedMs });
  }

  /** @internal The server created the response. */
  bind(id: string, number: number): void {
    this.#id = id;
    this.#number = number;
    if (this.#playedMs !== undefined) this.played(this.#playedMs);
  }

  /** @internal An event of this response. */
  deliver(event: ResponseEvent): void {
    for (const queue of this.#iterators) queue.push(event);
    this.#listeners.emit(event);
    if (event.type === 'response.done') this.#settle(undefined, event.response);
  }

  /** @internal The request was refused, the socket closed, or the caller's text source threw. */
  fail(error: Error): void {
    this.#settle(error, undefined);
  }

  /** Called once, when `done` settles (`error` undefined for a `response.done`). */
  protected settled(_error: Error | undefined): void {}

  #settle(error: Error | undefined, summary: ResponseSummary | undefined): void {
    if (this.#finished) return;
    this.#finished = true;
    this.settled(error);
    for (const queue of this.#iterators) queue.end(error);
    this.#iterators.clear();
    if (summary !== undefined) this.#resolve(summary);
    else this.#reject(error ?? new SaywireClientError('CONNECTION_CLOSED', 'The response ended without a summary.'));
  }
}

/** Most `flush()` calls of one response waiting for their `text.flushed`. */
export const MAX_PENDING_FLUSHES = 32;

/** Returned by `createTextResponse`: a response whose text the caller streams. */
export class TextResponseHandle extends ResponseHandle {
  #ended = false;
  /** Voice settings for this response only, sent with its first `text.append`. */
  #voice: ResponseVoiceFields | undefined;
  #appended = false;
  /** Resolvers of the flushes the server has not acknowledged yet, oldest first (it answers in order). */
  readonly #flushes: Array<{ resolve(index: number): void; reject(err: Error): void }> = [];

  /** @internal The voice, rate and pitch this response speaks in (the session's apply again afterwards). */
  useVoice(fields: ResponseVoiceFields): void {
    this.#voice = fields;
  }

  /** Streams a piece of text to be spoken (`text.append`). */
  append(delta: string): void {
    if (this.#ended) throw new Error('append() after end(): the text of this response is complete');
    const voice = this.#appended ? undefined : this.#voice;
    this.port.send({ type: 'text.append', event_id: this.requestId, delta, ...voice });
    this.#appended = true;
  }

  /**
   * Speaks everything appended so far now, sentence boundary or not, without ending the text
   * (`text.flush`). Resolves with the index of the last sentence the flush produced (-1 when
   * there was nothing to speak) once the server has queued them; at most
   * {@link MAX_PENDING_FLUSHES} may wait for their answer.
   */
  flush(): Promise<number> {
    if (this.#ended) return Promise.reject(new Error('flush() after end(): the text of this response is complete'));
    if (this.#flushes.length >= MAX_PENDING_FLUSHES) return Promise.reject(SaywireClientError.of('TOO_MANY_PENDING'));
    this.port.send({ type: 'text.flush', event_id: this.requestId });
    return new Promise((resolve, reject) => this.#flushes.push({ resolve, reject }));
  }

  /** @internal */
  override deliver(event: ResponseEvent): void {
    if (event.type === 'text.flushed') this.#flushes.shift()?.resolve(event.sentence_index);
    super.deliver(event);
  }

  protected override settled(error: Error | undefined): void {
    const reason = error ?? new SaywireClientError('CONNECTION_CLOSED', 'The response ended before the flush was acknowledged.');
    for (const flush of this.#flushes.splice(0)) flush.reject(reason);
  }

  /** Ends the text (`text.done`): the tail is spoken and the response completes. Once only. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.port.send({ type: 'text.done', event_id: this.requestId });
  }
}
