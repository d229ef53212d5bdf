/**
 * What an LLM endpoint's failure means: the error code a status gets, what of its error body may
 * be passed on to a client, how long a `Retry-After` asks to wait, and which failures are worth
 * another attempt. Kept apart from the agent so the retry policy can be read (and tested) in one
 * place.
 */
import { type ErrorCode, SaywireError } from '../errors.js';

/** Longest `Retry-After` honoured, ms: a voice user will not wait longer for a reply to begin. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * What an upstream's error body may tell the client: OpenAI-style `error.code` / `error.type`
 * tokens only. The message itself is never passed on: OpenAI's 401 message quotes the (masked)
 * API key, and other servers echo request details.
 */
export function errorTokens(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  const error = (parsed as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const tokens = [error?.code, error?.type].filter((t): t is string => typeof t === 'string' && /^[\w.-]{1,64}$/.test(t));
  return [...new Set(tokens)].join(', ');
}

/** `Retry-After` (seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** An upstream's HTTP error status, with how long it asked to be left alone. */
export class UpstreamStatus {
  constructor(
    readonly error: SaywireError,
    readonly retryAfterMs: number | undefined,
  ) {}
}

/** The error for an HTTP error `status`, with the safe tokens of its `body` and its `Retry-After`. */
export function statusError(status: number, body: string, retryAfter: number | undefined): UpstreamStatus {
  const code: ErrorCode =
    status === 401 || status === 403 ? 'UPSTREAM_UNAUTHORIZED' : status === 429 ? 'UPSTREAM_RATE_LIMITED' : 'UPSTREAM_HTTP_ERROR';
  const tokens = errorTokens(body);
  const error = new SaywireError(code, `The LLM endpoint answered HTTP ${status}${tokens === '' ? '' : ` (${tokens})`}.`, { upstreamStatus: status });
  return new UpstreamStatus(error, retryAfter);
}

/** Whether another attempt may succeed: the endpoint was unreachable, rate-limited or failed on its side. */
export const retryable = (err: SaywireError): boolean =>
  err.code === 'UPSTREAM_UNREACHABLE' ||
  err.code === 'UPSTREAM_RATE_LIMITED' ||
  (err.code === 'UPSTREAM_HTTP_ERROR' && (err.upstreamStatus ?? 0) >= 500);
