/**
 * Shared bits of the benchmark runner: progress lines, machine facts, and writing results as
 * JSON plus a Markdown summary in `bench/results/`.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** Facts about the machine a result came from. */
export function machine(): { cpu: string; cores: number; memoryGiB: number; node: string; platform: string } {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return {
    cpu,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Progress for long runs: a redrawn bar on a terminal, plain lines otherwise (CI logs, pipes).
 */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #tty = process.stderr.isTTY === true;
  #lastLine = -1;

  constructor(label: string, total: number) {
    this.#label = label;
    this.#total = total;
  }

  update(done: number): void {
    const fraction = this.#total === 0 ? 1 : done / this.#total;
    if (this.#tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r${this.#label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${this.#total}`);
      if (done >= this.#total) process.stderr.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.#lastLine) {
      this.#lastLine = tenth;
      process.stderr.write(`${this.#label}: ${done}/${this.#total}\n`);
    }
  }
}

/** Writes `bench/results/<scope>.json` and `<scope>.md`. */
export function writeResult(dir: URL, scope: string, result: unknown, markdown: string): void {
  writeFileSync(new URL(`${scope}.json`, dir), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL(`${scope}.md`, dir), markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}

/** A Markdown table. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
}

/** Percentile of a sample (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
