/**
 * The main-thread side of chunking: a turn's carry buffer and the cheap gate that decides when a
 * scan is worth a pool task. Appending never scans the buffer; it looks up only the new delta's
 * characters in a table of candidate characters. A scan is warranted when the delta may start a
 * boundary, when the last scan left a candidate pending, or when the carry has outgrown
 * `maxSentenceChars` (a forced split is due).
 *
 * Coalescing: the caller snapshots `text`, scans it (in a worker), and hands the result to
 * `apply` with the snapshot's length. Deltas appended meanwhile only extend the carry at its
 * end, so the snapshot stays a prefix of it and the offsets stay valid. After `apply`,
 * `scanWarranted` says whether those later deltas call for another scan right away.
 */
import type { FilledChunkerOptions } from './chunker-options.js';
import { CANDIDATE_CHARS, FIRST_CLAUSE_ONLY, type ScanResult, type ScanResume, type ScanState } from './sentence-boundaries.js';

/** Gate bits per UTF-16 code unit: a lookup per character of a delta, cheaper than a regex. */
const SENTENCE = 1;
const CLAUSE_ONLY = 2;
// Built once from the scanner's own lists, so the gate and the scanner cannot drift apart.
const GATE = new Uint8Array(0x10000);
for (const c of CANDIDATE_CHARS) GATE[c.charCodeAt(0)] = FIRST_CLAUSE_ONLY.includes(c) ? CLAUSE_ONLY : SENTENCE;

/**
 * True when `delta` holds a character that could start a sentence boundary: a terminal mark, a
 * newline, a colon, a list marker's `)` or bullet, or (unless `clauseMarks` is false) any other
 * clause mark. Costs one table lookup per character of the delta, never a look at the buffer.
 *
 * @param clauseMarks whether clause marks count; they matter only for the first chunk of a turn
 *   with `firstClauseChars` on. Default true.
 */
export function mayContainBoundary(delta: string, clauseMarks = true): boolean {
  const wanted = clauseMarks ? SENTENCE | CLAUSE_ONLY : SENTENCE;
  for (let i = 0; i < delta.length; i++) if (((GATE[delta.charCodeAt(i)] as number) & wanted) !== 0) return true;
  return false;
}

/** A turn's unreleased text, and what the last scan of it said. */
export class SentenceCarry {
  readonly #maxSentenceChars: number;
  readonly #firstClause: boolean;
  #text = '';
  #emitted = 0;
  #pending = false;
  /** How much of the carry the last applied scan covered. */
  #scanned = 0;
  /** Carry length after the last delta that may hold a boundary (0: none since the last scan). */
  #candidateAt = 0;
  /** Where the next scan may go on with the carry's first sentence (see `ScanResume`). */
  #resume: ScanResume | undefined;

  /** @param options the turn's chunker options (the gate uses `maxSentenceChars` and `firstClauseChars`). */
  constructor(options: FilledChunkerOptions) {
    this.#maxSentenceChars = options.maxSentenceChars;
    this.#firstClause = options.firstClauseChars > 0;
  }

  /** The current carry: the window to scan next. */
  get text(): string {
    return this.#text;
  }

  /** Length of the carry, in UTF-16 code units. */
  get length(): number {
    return this.#text.length;
  }

  /** What a scan of `text` needs to know about the turn so far (a fresh object). */
  get state(): ScanState {
    return this.#resume === undefined ? { sentencesEmitted: this.#emitted } : { sentencesEmitted: this.#emitted, resume: this.#resume };
  }

  /**
   * True when text appended since the last applied scan warrants a scan now: for a caller that
   * appended deltas while a scan was in flight and has just applied its result.
   */
  get scanWarranted(): boolean {
    if (this.#text.length <= this.#scanned) return false;
    return this.#pending || this.#candidateAt > this.#scanned || this.#text.length > this.#maxSentenceChars;
  }

  /**
   * Appends a delta to the carry.
   *
   * @returns true when a scan is warranted: the delta may hold a boundary character, the last
   *   scan was pending, or the carry is longer than `maxSentenceChars`.
   */
  append(delta: string): boolean {
    this.#text += delta;
    // A comma can end a chunk only while the first chunk of a turn with firstClauseChars is open.
    const candidate = mayContainBoundary(delta, this.#firstClause && this.#emitted === 0);
    if (candidate) this.#candidateAt = this.#text.length;
    return candidate || this.#pending || this.#text.length > this.#maxSentenceChars;
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
    const sentences: string[] = [];
    let from = 0;
    for (const end of result.ends) {
      if (!Number.isInteger(end) || end <= from || end > windowLength) {
        throw new RangeError(`Scan end ${end} is out of order or outside the window of ${windowLength} characters.`);
      }
      sentences.push(this.#text.slice(from, end).trim());
      from = end;
    }
    this.#text = this.#text.slice(from);
    this.#emitted += sentences.length;
    // The resume points into the window; the released text is gone from the carry's front.
    const resume = result.resume;
    this.#resume =
      resume === undefined || resume.at < from
        ? undefined
        : { at: resume.at - from, lineContent: resume.lineContent < 0 ? -1 : resume.lineContent - from, depth: resume.depth };
    this.#pending = result.pending;
    this.#scanned = windowLength - from;
    this.#candidateAt = Math.max(0, this.#candidateAt - from);
    return sentences;
  }
}
