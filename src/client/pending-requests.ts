/**
 * The client's requests on one socket and the routing of the server's answers to them. The
 * server answers requests in the order they came, so the oldest unbound handle is the one a
 * `response.created` is for, and the oldest session update the one a `session.updated` is for;
 * after that a response is found by its id (JSON events) or its number (binary frames). An
 * `error` is matched by the `event_id` it echoes. Every list here is bounded: at most
 * `maxPending` handles and updates wait for their answer, and a handle is forgotten at its
 * `response.done`.
 */
import type { AudioEncoding } from '../protocol/audio-encoding.js';
import type { ServerEvent, SessionInfo } from '../protocol/server-events.js';
import { type AudioChunk, audioChunkOfDelta } from './audio-chunk.js';
import { SaywireClientError } from './client-error.js';
import type { ResponseEvent, ResponseHandle } from './response-handle.js';

/** A `session.update` waiting for its `session.updated` (or its error). */
export interface PendingUpdate {
  eventId: string;
  resolve: (session: SessionInfo) => void;
  reject: (err: Error) => void;
}

/** The requests of one client, across its sockets. */
export class PendingRequests {
  readonly #maxPending: number;
  /** Responses on this socket so far: binary frames carry this number. */
  #responseNumber = 0;
  /** Requests sent and not yet answered by `response.created`, oldest first. */
  #unbound: ResponseHandle[] = [];
  /** Created responses not yet done, by id and by number. */
  readonly #byId = new Map<string, ResponseHandle>();
  readonly #byNumber = new Map<number, ResponseHandle>();
  #updates: PendingUpdate[] = [];

  /** @param maxPending most responses, and most session updates, waiting for the server's answer. */
  constructor(maxPending: number) {
    this.#maxPending = maxPending;
  }

  /** True while fewer than `maxPending` responses wait for their `response.created`. */
  get roomForResponse(): boolean {
    return this.#unbound.length < this.#maxPending;
  }

  /** True while fewer than `maxPending` session updates wait for their answer. */
  get roomForUpdate(): boolean {
    return this.#updates.length < this.#maxPending;
  }

  /** A response request about to be sent: the next unanswered `response.created` is its. */
  addResponse(handle: ResponseHandle): void {
    this.#unbound.push(handle);
  }

  /** A response request that could not be sent after all. */
  withdraw(handle: ResponseHandle): void {
    this.#unbound = this.#unbound.filter((h) => h !== handle);
  }

  /** A session update just sent. */
  addUpdate(update: PendingUpdate): void {
    this.#updates.push(update);
  }

  /** A new socket: its responses are numbered from 1 again. */
  newSocket(): void {
    this.#responseNumber = 0;
  }

  /** `session.updated`: the oldest update is applied. */
  sessionUpdated(session: SessionInfo): void {
    this.#updates.shift()?.resolve(session);
  }

  /** `response.created`: the oldest unbound handle gets its id and number. */
  responseCreated(event: Extract<ServerEvent, { type: 'response.created' }>): void {
    const number = ++this.#responseNumber;
    const handle = this.#unbound.shift();
    if (handle === undefined) return;
    handle.bind(event.response.id, number);
    this.#byId.set(event.response.id, handle);
    this.#byNumber.set(number, handle);
    handle.deliver(event);
  }

  /** `response.done`: the handle's last event; it is forgotten. */
  responseDone(event: Extract<ServerEvent, { type: 'response.done' }>): void {
    const handle = this.#byId.get(event.response.id);
    if (handle === undefined) return;
    this.#byId.delete(event.response.id);
    this.#byNumber.delete(handle.number);
    handle.deliver(event);
  }

  /** A base64 audio delta, decoded for its handle in the session's `audio` format. */
  audioDelta(event: Extract<ServerEvent, { type: 'response.audio.delta' }>, audio: { sampleRate: number; encoding: AudioEncoding }): void {
    const handle = this.#byId.get(event.response_id);
    handle?.deliver(audioChunkOfDelta(event, handle.number, audio));
  }

  /** A binary audio frame, for the handle whose number it carries. */
  frame(chunk: AudioChunk): void {
    this.#byNumber.get(chunk.header.responseNumber)?.deliver(chunk);
  }

  /** Any other event naming a response. */
  responseEvent(event: ResponseEvent & { response_id: string }): void {
    this.#byId.get(event.response_id)?.deliver(event);
  }

  /** Gives a server `error` to the request whose `event_id` it echoes; false when it echoes none of them. */
  claimError(event: Extract<ServerEvent, { type: 'error' }>): boolean {
    const { error } = event;
    const eventId = error.event_id;
    if (eventId === null) return false;
    // Our cancel crossed the response's end on the wire: nothing went wrong.
    if (eventId.endsWith(':cancel') && error.code === 'NO_ACTIVE_RESPONSE') return true;
    const update = this.#updates.find((u) => u.eventId === eventId);
    if (update !== undefined) {
      this.#updates = this.#updates.filter((u) => u !== update);
      update.reject(SaywireClientError.fromServer(error));
      return true;
    }
    const refused = this.#unbound.find((h) => h.requestId === eventId);
    if (refused !== undefined) {
      this.#unbound = this.#unbound.filter((h) => h !== refused);
      refused.deliver(event);
      refused.fail(SaywireClientError.fromServer(error));
      return true;
    }
    const running = [...this.#byId.values()].find((h) => h.requestId === eventId);
    if (running === undefined) return false;
    running.deliver(event);
    return true;
  }

  /** The socket is gone: every request fails with `lost`, and none is pending any more. */
  failAll(lost: SaywireClientError): void {
    const handles = [...this.#unbound, ...this.#byId.values()];
    const updates = this.#updates;
    this.#unbound = [];
    this.#byId.clear();
    this.#byNumber.clear();
    this.#updates = [];
    for (const handle of handles) handle.fail(lost);
    for (const update of updates) update.reject(lost);
  }
}
