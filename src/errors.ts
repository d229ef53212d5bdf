/**
 * Every error a WebSocket client or an HTTP caller can receive, with a stable `code`. Clients and
 * callers match on `code`, never on the message. Codes that end a socket carry the WebSocket close
 * code used for it; codes HTTP can answer with carry their status (and any header that status
 * needs). The README's "Error codes" table is kept identical to this file by `test/errors.test.ts`.
 */

/** The `error.type` family a code belongs to, in the style of the OpenAI Realtime API. */
export type ErrorType = 'invalid_request_error' | 'server_error' | 'upstream_error' | 'rate_limit_error';

/** One catalogue entry. */
export interface ErrorSpec {
  readonly type: ErrorType;
  /** What the code means, for the README and for the default message. */
  readonly description: string;
  /** WebSocket close code when this error ends the connection. */
  readonly closeCode?: number;
  /** HTTP status when an HTTP route or a WebSocket upgrade can be refused with this code. */
  readonly httpStatus?: number;
  /** Headers sent with `httpStatus` (lower-case names, as they go on the wire). */
  readonly httpHeaders?: Readonly<Record<string, string>>;
}

/**
 * The catalogue of codes. Adding one here means adding its row to the README. A coded error
 * without an `httpStatus` never reaches HTTP as itself: the HTTP dispatch answers it as INTERNAL.
 */
export const ERROR_CODES = {
  INVALID_JSON: {
    type: 'invalid_request_error',
    description: 'A WebSocket text frame, or an HTTP request body, was not valid JSON.',
    httpStatus: 400,
  },
  BINARY_NOT_EXPECTED: {
    type: 'invalid_request_error',
    description: 'A binary frame arrived; clients send only JSON text frames.',
  },
  UNKNOWN_EVENT: { type: 'invalid_request_error', description: 'The event `type` is not one the server knows.' },
  INVALID_EVENT: {
    type: 'invalid_request_error',
    description: 'A field of the event is missing, of the wrong type, or out of range.',
  },
  TEXT_TOO_LONG: {
    type: 'invalid_request_error',
    description: 'A text field is longer than `maxTextBytes`, or a turn exceeded `maxTurnTextBytes`.',
  },
  NO_ACTIVE_RESPONSE: {
    type: 'invalid_request_error',
    description: 'The event needs a running response (cancel, text.done, text.flush) and there is none.',
  },
  RESPONSE_IN_PROGRESS: {
    type: 'invalid_request_error',
    description: 'text.append arrived while an agent response is running; cancel it first.',
  },
  OVERLOADED: {
    type: 'server_error',
    description:
      'The server is overloaded (pool queue full or event-loop delay over `admissionMaxLoopDelayMs`); the turn was refused. After `overloadStrikes` refusals in a row the socket is closed. Over HTTP, the pool was full: come back shortly.',
    closeCode: 1013,
    httpStatus: 503,
    httpHeaders: { 'retry-after': '1' },
  },
  RATE_LIMITED: {
    type: 'rate_limit_error',
    description: 'More events than `eventsPerSecond` allows; the event was dropped. After `rateLimitStrikes` the socket is closed.',
    closeCode: 1008,
  },
  TURN_BUDGET_EXCEEDED: {
    type: 'invalid_request_error',
    description: 'The turn ran past `maxTurnMs` or produced more than `maxTurnAudioMs` of audio; it ends as failed.',
  },
  WORKER_FAILED: {
    type: 'server_error',
    description: 'A worker thread failed while chunking or synthesizing; only this turn fails.',
  },
  AGENT_FAILED: { type: 'server_error', description: 'The agent source failed; the turn ends as failed.' },
  UPSTREAM_UNAUTHORIZED: {
    type: 'upstream_error',
    description: 'The LLM endpoint refused the API key (HTTP 401 or 403). Not retried.',
  },
  UPSTREAM_RATE_LIMITED: {
    type: 'upstream_error',
    description: 'The LLM endpoint answered HTTP 429, also after the retries.',
  },
  UPSTREAM_HTTP_ERROR: {
    type: 'upstream_error',
    description: 'The LLM endpoint answered another HTTP error status (after retries for 5xx); `upstream_status` has it.',
  },
  UPSTREAM_UNREACHABLE: {
    type: 'upstream_error',
    description: 'The LLM endpoint could not be reached, or sent no headers within `openaiConnectTimeoutMs`.',
  },
  UPSTREAM_TIMEOUT: {
    type: 'upstream_error',
    description: 'The LLM stream went silent for longer than `openaiIdleTimeoutMs`.',
  },
  UPSTREAM_STREAM_BROKEN: {
    type: 'upstream_error',
    description: 'The LLM stream ended before it finished; what was already said stays, the rest is flushed.',
  },
  UPSTREAM_BAD_CHUNK: {
    type: 'upstream_error',
    description: 'The LLM stream sent a chunk that is not valid JSON of the expected shape.',
  },
  TTS_UPSTREAM_UNAUTHORIZED: {
    type: 'upstream_error',
    description: 'The speech endpoint (`tts=openai`) refused the API key (HTTP 401 or 403). Not retried.',
    httpStatus: 502,
  },
  TTS_UPSTREAM_RATE_LIMITED: {
    type: 'upstream_error',
    description: 'The speech endpoint answered HTTP 429, also after `ttsRetries` retries.',
    httpStatus: 502,
  },
  TTS_UPSTREAM_HTTP_ERROR: {
    type: 'upstream_error',
    description: 'The speech endpoint answered another HTTP error status (after retries for 5xx); `upstream_status` has it.',
    httpStatus: 502,
  },
  TTS_UPSTREAM_UNREACHABLE: {
    type: 'upstream_error',
    description: 'The speech endpoint could not be reached, or sent no headers within `ttsConnectTimeoutMs`.',
    httpStatus: 502,
  },
  TTS_UPSTREAM_TIMEOUT: {
    type: 'upstream_error',
    description: 'The speech endpoint\'s audio went silent for longer than `ttsIdleTimeoutMs`.',
    httpStatus: 504,
  },
  TTS_UPSTREAM_STREAM_BROKEN: {
    type: 'upstream_error',
    description: 'The speech endpoint\'s audio broke off after it had begun (not retried: part of the sentence was already sent); the turn ends as failed, keeping what was spoken.',
    httpStatus: 502,
  },
  TOOL_TIMEOUT: {
    type: 'invalid_request_error',
    description: 'The client did not answer a `response.function_call` within `toolCallTimeoutMs`.',
  },
  TOOL_ROUNDS_EXCEEDED: {
    type: 'server_error',
    description: 'The agent asked for tools more than `maxToolRounds` times in one turn.',
  },
  SLOW_CLIENT: {
    type: 'server_error',
    description: 'The client did not read its audio: its unsent bytes stayed above `sendHighWaterBytes` for `slowClientTimeoutMs`, or passed `sendHardCapBytes`.',
    closeCode: 1008,
  },
  INTERNAL: {
    type: 'server_error',
    description: 'An unexpected failure inside the server (a bug); it is logged at `error` with its stack, and the connection stays open.',
    httpStatus: 500,
  },
  SHUTTING_DOWN: {
    type: 'server_error',
    description: 'The server is draining for shutdown and takes no new turns.',
    closeCode: 1001,
    httpStatus: 503,
  },
  // Only HTTP callers (and WebSocket upgrades, which are refused before any socket exists) see
  // the codes below. A refused upgrade gets the status line alone, no body.
  INVALID_REQUEST: {
    type: 'invalid_request_error',
    description:
      'The HTTP request is not one the route accepts: the body is not a JSON object, or a field is unknown, missing, of the wrong type or out of range. A request line or headers that do not parse get a bare 400.',
    httpStatus: 400,
  },
  INPUT_TOO_LONG: {
    type: 'invalid_request_error',
    description: 'Field `input` of `POST /v1/audio/speech` is longer than 4096 characters.',
    httpStatus: 400,
  },
  BODY_TOO_LARGE: {
    type: 'invalid_request_error',
    description: 'The request body is larger than `maxHttpBodyBytes`.',
    httpStatus: 413,
  },
  TOO_MANY_HEADERS: {
    type: 'invalid_request_error',
    description: 'The request (or WebSocket upgrade) carries more than `maxHeaderCount` headers.',
    httpStatus: 400,
  },
  UNAUTHORIZED: {
    type: 'invalid_request_error',
    description: 'Access control is on and the request (or WebSocket upgrade) has no valid token.',
    httpStatus: 401,
  },
  FORBIDDEN_ORIGIN: {
    type: 'invalid_request_error',
    description: 'The `Origin` is neither the server\'s own nor listed in `allowedOrigins` (cross-site WebSocket hijacking).',
    httpStatus: 403,
  },
  FORBIDDEN_HOST: {
    type: 'invalid_request_error',
    description: 'The `Host` is not localhost, an IP address, or a name in `allowedHosts` (DNS rebinding).',
    httpStatus: 403,
  },
  NOT_FOUND: { type: 'invalid_request_error', description: 'No route (and no WebSocket endpoint) has this path.', httpStatus: 404 },
  METHOD_NOT_ALLOWED: {
    type: 'invalid_request_error',
    description: 'The path has routes, but not for this method; the `allow` header lists the methods it has.',
    httpStatus: 405,
  },
  UPGRADE_REQUIRED: {
    type: 'invalid_request_error',
    description: '`/v1/realtime` was requested without a WebSocket upgrade.',
    httpStatus: 426,
    httpHeaders: { upgrade: 'websocket' },
  },
  NOT_READY: {
    type: 'server_error',
    description: 'The server is starting: its worker pool is not warm yet (`/v1/*` routes and WebSocket upgrades).',
    httpStatus: 503,
  },
  TOO_MANY_CONNECTIONS: {
    type: 'server_error',
    description: 'A WebSocket upgrade while `maxConnections` sockets are open.',
    httpStatus: 503,
  },
  TOO_MANY_CONNECTIONS_PER_IP: {
    type: 'rate_limit_error',
    description: 'A WebSocket upgrade while `maxConnectionsPerIp` sockets from the same address are open.',
    httpStatus: 429,
  },
} as const satisfies Record<string, ErrorSpec>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** A code HTTP can answer with: one whose catalogue entry has an `httpStatus`. */
export type HttpErrorCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C] extends { readonly httpStatus: number } ? C : never;
}[ErrorCode];

/** An error with a stable code, the base of every error saywire raises on purpose. */
export class SaywireError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly closeCode: number | undefined;
  /** The HTTP status this error is answered with, when HTTP can answer with it. */
  readonly httpStatus: number | undefined;
  /** The upstream HTTP status, for upstream errors that have one. */
  readonly upstreamStatus: number | undefined;

  constructor(code: ErrorCode, message?: string, options?: ErrorOptions & { upstreamStatus?: number }) {
    super(message ?? ERROR_CODES[code].description, options);
    this.upstreamStatus = options?.upstreamStatus;
    this.name = 'SaywireError';
    this.code = code;
    const spec: ErrorSpec = ERROR_CODES[code];
    this.type = spec.type;
    this.closeCode = spec.closeCode;
    this.httpStatus = spec.httpStatus;
  }
}

/**
 * Raised at start-up for a bad setting; the message names the setting and what it accepts.
 * Outside the catalogue on purpose: it stops the server before it listens, so no client or caller
 * ever receives it, and the operator needs the setting's name, not a wire code.
 */
export class ConfigError extends Error {
  /** The setting's name, e.g. `port`. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

/** Turns anything thrown into a coded error; an uncoded throw is a bug, reported as `fallback`. */
export function toSaywireError(err: unknown, fallback: ErrorCode): SaywireError {
  if (err instanceof SaywireError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SaywireError(fallback, message, { cause: err });
}
