/**
 * The root logger. One per process, made by the entry point (or by `createServer` when none is
 * given); connections and turns take `child({ conn })` / `child({ turn })`. Messages are fixed
 * strings; text a user or agent wrote goes only into the fields below, which are redacted unless
 * `logText` is on.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

/** Fields that may carry user or agent text. */
export const TEXT_FIELDS = ['text', 'input', 'delta', 'arguments', 'output'];

export interface LoggerOptions {
  level: string;
  /** Log text fields in clear. */
  logText: boolean;
}

export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  const config = {
    level: options.level,
    base: { service: 'saywire' },
    ...(options.logText ? {} : { redact: { paths: [...TEXT_FIELDS, ...TEXT_FIELDS.map((f) => `*.${f}`)], censor: '[redacted]' } }),
  };
  return destination === undefined ? pino(config) : pino(config, destination);
}
