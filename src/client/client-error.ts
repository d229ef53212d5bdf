/**
 * The client's errors. `code` is either one of the client's own codes below or, when the server
 * refused a request with an `error` event, the server's code (see the README's error table), so a
 * caller matches on `code` alone.
 */
import type { ServerEvent } from '../protocol/server-events.js';

/** Codes the client itself raises. */
export const CLIENT_ERROR_CODES = {
  CONNECT_FAILED: 'The socket could not be opened, or closed before `session.created`.',
  CONNECTION_CLOSED: 'The socket closed while the request was in flight.',
  NOT_CONNECTED: 'The client is not connected (it is reconnecting, or was closed).',
  TOO_MANY_PENDING: 'Too many requests are waiting for the server’s answer (`maxPending`).',
  BAD_MESSAGE: 'A message from the server was neither a JSON event nor a saywire audio frame.',
  EVENT_BUFFER_FULL: 'An event iterator fell more than `maxBufferedEvents` events behind.',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

/** The body of a server `error` event. */
export type ServerErrorBody = Extract<ServerEvent, { type: 'error' }>['error'];

export class SaywireClientError extends Error {
  /** A {@link ClientErrorCode}, or the server's error code. */
  readonly code: string;
  /** The HTTP status of a refused WebSocket upgrade, when the platform reveals it (Node does, browsers do not). */
  readonly status: number | undefined;
  /** The server's `error` event body, when the server refused the request. */
  readonly serverError: ServerErrorBody | undefined;

  constructor(code: string, message: string, details: { status?: number; serverError?: ServerErrorBody } = {}) {
    super(message);
    this.name = 'SaywireClientError';
    this.code = code;
    this.status = details.status;
    this.serverError = details.serverError;
  }

  /** A client code with its standard message, or a more specific one. */
  static of(code: ClientErrorCode, message: string = CLIENT_ERROR_CODES[code], status?: number): SaywireClientError {
    return new SaywireClientError(code, message, status === undefined ? {} : { status });
  }

  /** The error for a request the server refused. */
  static fromServer(error: ServerErrorBody): SaywireClientError {
    return new SaywireClientError(error.code, error.message, { serverError: error });
  }
}
