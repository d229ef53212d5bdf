/** A pino destination that keeps every log line and lets a test wait for one. */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/log.js';

export type LogLine = { level: number; msg: string; [key: string]: unknown };

export class LogCapture extends Writable {
  readonly lines: LogLine[] = [];
  #waiters: Array<() => void> = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.lines.push(JSON.parse(line) as LogLine);
    for (const wake of this.#waiters.splice(0)) wake();
    done();
  }

  logger(level = 'info', logText = false): Logger {
    return createLogger({ level, logText }, this);
  }

  /** Resolves with the first line matching `predicate`, waiting for it if needed. */
  async waitFor(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    for (;;) {
      const found = this.lines.find(predicate);
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}
