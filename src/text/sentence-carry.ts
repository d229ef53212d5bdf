/**
 * The main-thread side of chunking: a turn's carry buffer, and the gate (`scan-gate.ts`) that
 * decides from each new delta alone whether a scan is worth a pool task. Appending never scans
 * or reads the buffer.
 *
 * The caller snapshots `text`, scans it (in a worker), and hands the result to `apply` with the
 * snapshot's length before it appends more (src/turn/chunk-stage.ts queues deltas meanwhile).
 */
import type { FilledChunkerOptions } from './chunker-options.js';
import { ScanGate } from './scan-gate.js';
import type { ScanResult, ScanResume, ScanState } from './scan-result.js';
import { isSpace } from './scan-window.js';

/** A turn's unreleased text, and what the last scan of it said. */
export class SentenceCarry {
  readonly #maxSentenceChars: number;
  readonly #gate: ScanGate;
  #text = '';
  #emitted = 0;
  /** What the next scan needs to know; one object until a scan changes it. */
  #state: ScanState = { sentencesEmitted: 0 };

  /** @param options the turn's chunker options (the gate uses `maxSentenceChars` and `firstClauseChars`). */
  constructor(options: FilledChunkerOptions) {
    this.#maxSentenceChars = options.maxSentenceChars;
    this.#gate = new ScanGate(options.firstClauseChars > 0);
  }

  /** The current carry: the window to scan next. */
  get text(): string {
    return this.#text;
  }

  /** Length of the carry, in UTF-16 code units. */
  get length(): number {
    return this.#text.length;
  }

  /** What a scan of `text` needs to know about the turn so far (read-only: the carry keeps it). */
  get state(): Readonly<ScanState> {
    return this.#state;
  }

  /**
   * Appends a delta to the carry.
   *
   * @returns true when a scan is warranted (see the module comment).
   */
  append(delta: string): boolean {
    this.#text += delta;
    const length = this.#text.length;
    return this.#gate.admit(delta, length, length > this.#maxSentenceChars, this.#emitted === 0);
  }

  /**
   * Releases the sentences that a scan of the carry's first `windowLength` characters settled
   * and drops them from the carry.
   *
   * @param result the scan of `text` as it was when the scan started.
   * @param windowLength the length of that snapshot; the carry may have grown since.
   * @returns the settled sentences, trimmed, in order.
   * @throws RangeError when the result does not fit the window (a scan of some other text).
   */
  apply(result: ScanResult, windowLength: number): string[] {
    if (!Number.isInteger(windowLength) || windowLength < 0 || windowLength > this.#text.length) {
      throw new RangeError(`Window length ${windowLength} does not fit a carry of ${this.#text.length} characters.`);
    }
    const text = this.#text;
    const sentences: string[] = [];
    let from = 0;
    for (const end of result.ends) {
      if (!Number.isInteger(end) || end <= from || end > windowLength) {
        throw new RangeError(`Scan end ${end} is out of order or outside the window of ${windowLength} characters.`);
      }
      // Trimmed by index: one substring per sentence instead of a slice and then a trim of it.
      let a = from;
      let b = end;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      sentences.push(text.slice(a, b));
      from = end;
    }
    const rest = from === 0 ? text : text.slice(from);
    this.#text = rest;
    this.#emitted += sentences.length;
    this.#state = { sentencesEmitted: this.#emitted, resume: rebased(result.resume, from) };
    this.#gate.scanned(result, from, rest);
    return sentences;
  }
}

/** A scan's resume point (offsets into its window) for the carry after `from` characters were released. */
function rebased(resume: ScanResume | undefined, from: number): ScanResume | undefined {
  if (resume === undefined || resume.at < from) return undefined;
  if (from === 0) return resume;
  return {
    at: resume.at - from,
    lineContent: resume.lineContent < 0 ? -1 : resume.lineContent - from,
    depth: resume.depth,
    code: resume.code,
    listItem: resume.listItem,
  };
}
