/**
 * The main-thread side of chunking: a turn's carry buffer and the cheap gate that decides when a
 * scan is worth a pool task. Appending never scans the buffer; it looks up only the new delta's
 * characters in a table. A scan is warranted when the carry has outgrown `maxSentenceChars` (a
 * forced split is due), or:
 *
 * - when the last scan left a candidate pending, and the delta holds a character that may
 *   decide it (the scan says which cannot: blanks while it waits for the next word, letters
 *   while it waits for a word's end, anything but a newline inside a code block);
 * - otherwise, when the delta holds a character that may start a boundary, unless the text
 *   after it in the delta rules it out ("v1.2", "incl. tax", see `ruledOutBy`) or it is a run
 *   of terminal marks (or a colon) at the very end, which a scan could only leave pending.
 *   Candidates after a pending one do not count: a scan stops at the first undecided candidate.
 * - a lone mark left pending at the very end ("v3." "https:") is gated with the next delta, as
 *   if both had come at once: "11" or "//" rules it out without a scan.
 *
 * The caller snapshots `text`, scans it (in a worker), and hands the result to `apply` with the
 * snapshot's length before it appends more (src/turn/chunk-stage.ts queues deltas meanwhile).
 */
import type { FilledChunkerOptions } from './chunker-options.js';
import { CANDIDATE_CHARS, FIRST_CLAUSE_ONLY, noListLabelBefore, ruledOutBy } from './scan-gate.js';
import type { ScanResult, ScanResume, ScanState } from './scan-result.js';
import { CJK_TERMINALS, CLOSE_PAREN, COLON, INERT_BLANK, inertKinds, isSpace, SPACED_TERMINALS } from './scan-window.js';

/** Gate bits per UTF-16 code unit: a lookup per character of a delta, cheaper than a regex. */
const SENTENCE = 1;
const CLAUSE_ONLY = 2;
const SPACED_MARK = 4;
const CJK_MARK = 8;
// Built once from the scanner's own lists, so the gate and the scanner cannot drift apart.
const GATE = new Uint8Array(0x10000);
for (const c of CANDIDATE_CHARS) GATE[c.charCodeAt(0)] = FIRST_CLAUSE_ONLY.includes(c) ? CLAUSE_ONLY : SENTENCE;
for (const c of SPACED_TERMINALS) GATE[c.charCodeAt(0)] = (GATE[c.charCodeAt(0)] as number) | SPACED_MARK;
for (const c of CJK_TERMINALS) GATE[c.charCodeAt(0)] = (GATE[c.charCodeAt(0)] as number) | CJK_MARK;
/** `INERT_*` kinds per UTF-16 code unit, for a pending scan's `inert`. */
const INERT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) INERT[c] = inertKinds(c);

/**
 * True when `delta` holds a character that could start a sentence boundary: a terminal mark, a
 * newline, a colon, a list marker's `)` or bullet, or (unless `clauseMarks` is false) any other
 * clause mark, unless the delta's text around it rules it out (`ruledOutBy`: "v1.2", "a.com").
 * Costs one table lookup per character of the delta, never a look at the buffer.
 *
 * @param clauseMarks whether clause marks count; they matter only for the first chunk of a turn
 *   with `firstClauseChars` on. Default true.
 */
export function mayContainBoundary(delta: string, clauseMarks = true): boolean {
  return firstCandidate(delta, clauseMarks) !== -1;
}

/** The offset of the first character of `delta` that `mayContainBoundary` counts, or -1. */
function firstCandidate(delta: string, clauseMarks: boolean): number {
  const wanted = clauseMarks ? SENTENCE | CLAUSE_ONLY : SENTENCE;
  for (let i = 0; i < delta.length; i++) {
    const c = delta.charCodeAt(i);
    if (((GATE[c] as number) & wanted) === 0) continue;
    const next = i + 1 < delta.length ? delta.charCodeAt(i + 1) : -1;
    const afterNext = i + 2 < delta.length ? delta.charCodeAt(i + 2) : -1;
    if (!ruledOutBy(c, next, afterNext) && !(c === CLOSE_PAREN && noListLabelBefore(delta, i))) return i;
  }
  return -1;
}

/**
 * When `delta` from `from` to its end is a run of terminal marks ("." "?!" "。"), a colon as its
 * last character, or a run of spaced marks and blanks (". "), which a scan can only leave
 * waiting: the `INERT_*` kinds of that wait (0 for any character, blanks after blanks).
 * Otherwise -1.
 */
function waitAtEnd(delta: string, from: number): number {
  if (from === delta.length - 1 && delta.charCodeAt(from) === COLON) return 0;
  let i = from;
  let marks = 0;
  while (i < delta.length && ((GATE[delta.charCodeAt(i)] as number) & (SPACED_MARK | CJK_MARK)) !== 0) marks |= GATE[delta.charCodeAt(i++)] as number;
  if (i === delta.length) return 0;
  // A full-width mark ends its sentence before a blank without waiting for more.
  if ((marks & CJK_MARK) !== 0) return -1;
  while (i < delta.length && ((INERT[delta.charCodeAt(i)] as number) & INERT_BLANK) !== 0) i++;
  return i === delta.length ? INERT_BLANK : -1;
}

/**
 * A mark whose wait at the end of the carry the next character alone decides: the period, the
 * other spaced marks and the colon (`ruledOutBy` knows which characters rule each out).
 */
function isTailMark(c: number): boolean {
  return c === COLON || ((GATE[c] as number) & SPACED_MARK) !== 0;
}

/** A turn's unreleased text, and what the last scan of it said. */
export class SentenceCarry {
  readonly #maxSentenceChars: number;
  readonly #firstClause: boolean;
  #text = '';
  #emitted = 0;
  #pending = false;
  /** With `#pending`: the `INERT_*` kinds that cannot decide it (0: any can), and up to which carry length. */
  #inertKinds = 0;
  #inertUpTo = 0;
  /**
   * With `#pending`, when the only undecided text is a lone mark at the carry's very end and any
   * character may decide it: that mark ("." "?" ":"), else -1. The next delta is then gated as
   * if it had come with the mark, so a character that rules it out ("3.|11", "https:|//") costs
   * no scan.
   */
  #tailMark = -1;
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
   * Appends a delta to the carry.
   *
   * @returns true when a scan is warranted (see the module comment).
   */
  append(delta: string): boolean {
    this.#text += delta;
    if (this.#pending) {
      // A pending candidate comes before the limit, so until it is decided the limit changes
      // nothing (a code block over the limit waits for its closing fence line).
      if (this.#tailMark === -1 || delta === '') return this.#mayDecide(delta);
      if (!this.#rulesOutTail(delta)) return this.#afterTail(delta);
      this.#pending = false;
      this.#tailMark = -1;
    }
    if (this.#text.length > this.#maxSentenceChars) return true;
    // A comma can end a chunk only while the first chunk of a turn with firstClauseChars is open.
    const first = firstCandidate(delta, this.#firstClause && this.#emitted === 0);
    if (first === -1) return false;
    const wait = waitAtEnd(delta, first);
    if (wait === -1) return true;
    // The only candidate is a run of marks at the end of the carry: whatever came before was
    // decided, and the scan would only wait. Record that instead of scanning.
    this.#wait(wait);
    if (wait === 0 && first === delta.length - 1 && isTailMark(delta.charCodeAt(first))) this.#tailMark = delta.charCodeAt(first);
    return false;
  }

  #wait(kinds: number): void {
    this.#pending = true;
    this.#inertKinds = kinds;
    this.#inertUpTo = Number.POSITIVE_INFINITY;
  }

  /** Whether `delta`, just appended after the lone mark at the carry's end, rules the mark out. */
  #rulesOutTail(delta: string): boolean {
    const afterNext = delta.length > 1 ? delta.charCodeAt(1) : -1;
    return ruledOutBy(this.#tailMark, delta.charCodeAt(0), afterNext);
  }

  /**
   * Whether a scan is warranted after a lone mark that `delta` did not rule out: not when the
   * scan could still only wait (more marks, or blanks after a spaced mark: ". " waits for the
   * next word).
   */
  #afterTail(delta: string): boolean {
    const wait = this.#tailMark === COLON ? -1 : waitAtEnd(delta, 0);
    this.#tailMark = -1;
    if (wait === -1) return true;
    this.#wait(wait);
    return false;
  }

  /** Whether `delta`, just appended, may decide the pending candidate. */
  #mayDecide(delta: string): boolean {
    const kinds = this.#inertKinds;
    if (kinds === 0 || this.#text.length > this.#inertUpTo) return delta !== '';
    for (let i = 0; i < delta.length; i++) if (((INERT[delta.charCodeAt(i)] as number) & kinds) === 0) return true;
    return false;
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
    if (from > 0) this.#text = text.slice(from);
    this.#emitted += sentences.length;
    // The resume points into the window; the released text is gone from the carry's front.
    const resume = result.resume;
    this.#resume =
      resume === undefined || resume.at < from
        ? undefined
        : from === 0
          ? resume
          : {
              at: resume.at - from,
              lineContent: resume.lineContent < 0 ? -1 : resume.lineContent - from,
              depth: resume.depth,
              code: resume.code,
              listItem: resume.listItem,
            };
    this.#pending = result.pending;
    this.#inertKinds = result.inert?.kinds ?? 0;
    this.#inertUpTo = (result.inert?.upTo ?? 0) - from;
    // A scan that waits only on a lone mark at the very end of the carry ("v3." "https:"):
    // the next delta is gated with it, as the gate's own wait is.
    const last = windowLength - 1;
    this.#tailMark =
      result.pending && result.inert === undefined && resume !== undefined && resume.at === last && windowLength === text.length && isTailMark(text.charCodeAt(last))
        ? text.charCodeAt(last)
        : -1;
    return sentences;
  }
}
