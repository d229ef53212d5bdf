/**
 * When to try again after the socket dropped: exponential backoff with jitter, a bounded number
 * of attempts. Pure; the client owns the timers.
 */

/** Reconnect settings; every field optional. */
export interface ReconnectOptions {
  /** Attempts after a drop before the client gives up and closes, default 10. */
  maxAttempts?: number;
  /** Wait before the first attempt, ms, default 250. */
  initialDelayMs?: number;
  /** Longest wait between attempts, ms, default 5000. */
  maxDelayMs?: number;
}

export type FilledReconnectOptions = Readonly<Required<ReconnectOptions>>;

export const RECONNECT_DEFAULTS: FilledReconnectOptions = Object.freeze({ maxAttempts: 10, initialDelayMs: 250, maxDelayMs: 5000 });

/** `true` takes the defaults; `false` or absent turns reconnecting off. Throws a RangeError naming a bad field. */
export function fillReconnectOptions(options: ReconnectOptions | boolean | undefined): FilledReconnectOptions | undefined {
  if (options === undefined || options === false) return undefined;
  const filled = { ...RECONNECT_DEFAULTS, ...(options === true ? {} : options) };
  for (const [key, value] of Object.entries(filled)) {
    if (!Number.isInteger(value) || value < (key === 'maxAttempts' ? 1 : 0)) {
      throw new RangeError(`reconnect.${key} must be a ${key === 'maxAttempts' ? 'positive' : 'non-negative'} integer; got ${String(value)}`);
    }
  }
  return Object.freeze(filled);
}

/**
 * Wait before attempt `attempt` (from 1), ms: the initial delay doubled per attempt, capped, then
 * scaled into its upper half by `random()` in [0, 1) so that clients dropped together by a
 * restart do not all come back in the same instant.
 */
export function reconnectDelayMs(options: FilledReconnectOptions, attempt: number, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}
