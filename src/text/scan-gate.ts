/**
 * The gate: decides, from a turn's new delta alone, whether a scan of the carry could settle
 * anything, so the main thread scans (and the pool gets a task) only then. It costs one table
 * lookup per character of the delta and never reads the carry, whose string is a rope of deltas
 * that a read would flatten.
 *
 * A scan is warranted when the carry has outgrown `maxSentenceChars` (a forced split is due), or:
 *
 * - when the last scan left a candidate pending, and the delta holds a character that may
 *   decide it (the scan says which cannot: blanks while it waits for the next word, letters
 *   while it waits for a word's end, anything but a newline inside a code block);
 * - otherwise, when the delta holds a character that may start a boundary, unless what follows
 *   it rules it out. Candidates after a pending one do not count: a scan stops at the first
 *   undecided candidate.
 *
 * What rules a candidate out is the scanner's own rule, restated for the cheapest cases:
 *
 * - a run of terminal marks glued to what follows ("v1.2", "a.com", "?ref=", "end.)x"): only a
 *   single period before a capital ends a sentence there ("Barney.The"), and nothing ends after
 *   a closing quote or bracket that is glued to the next word;
 * - a run of terminal marks, closers and blanks before a lower-case ASCII letter ("etc. and",
 *   "he said. then"): no rule ends a sentence before a lower-case word, except around inline
 *   lists ("a. first b. second", "Smith. a. here it is"), so a period after a digit or a lone
 *   lower-case letter, and one before an "a", still warrant a scan;
 * - a newline while the carry holds only whitespace (the blank lines between paragraphs), which
 *   only precedes the next sentence;
 * - a colon or a list marker's `)` glued to anything but whitespace ("10:30", "f(x)").
 *
 * The walk after a run of marks goes on across deltas: a run at the end of a delta leaves the
 * gate waiting in the same place, as a scan would, but without one.
 */
import type { ScanResult } from './scan-result.js';
import {
  CJK_TERMINALS,
  CLAUSE_MARKS,
  CLOSE_PAREN,
  CLOSER,
  COLON,
  INERT_BLANK,
  inertKinds,
  is,
  isDigit,
  isSpace,
  LF,
  PERIOD,
  SPACED_TERMINALS,
} from './scan-window.js';

/** Bullets that can start an inline list item; a delta holding one may settle the item before it. */
const INLINE_BULLETS = '•◦‣⁃▪∙●○■□▸►';

/**
 * Every character that can start a candidate boundary: terminal marks, newlines, clause marks,
 * and the `)` and bullets of inline list markers. A delta without any of them cannot settle
 * anything new unless the last scan was pending or the carry outgrew the limit.
 */
export const CANDIDATE_CHARS: string = `${SPACED_TERMINALS}${CJK_TERMINALS}${CLAUSE_MARKS}\n)${INLINE_BULLETS}`;

/** The clause marks that matter only for `firstClauseChars` (the colon also ends before a list). */
export const FIRST_CLAUSE_ONLY: string = CLAUSE_MARKS.replace(':', '');

/** Gate bits per UTF-16 code unit: a lookup per character of a delta, cheaper than a regex. */
const SENTENCE = 1;
const CLAUSE_ONLY = 2;
const SPACED_MARK = 4;
const CJK_MARK = 8;
const BLANK = 16;
const GATE = new Uint8Array(0x10000);
// Built from the scanner's own lists, so the gate and the scanner cannot drift apart.
for (const c of CANDIDATE_CHARS) GATE[c.charCodeAt(0)] = FIRST_CLAUSE_ONLY.includes(c) ? CLAUSE_ONLY : SENTENCE;
for (const c of SPACED_TERMINALS) GATE[c.charCodeAt(0)] = (GATE[c.charCodeAt(0)] as number) | SPACED_MARK;
for (const c of CJK_TERMINALS) GATE[c.charCodeAt(0)] = (GATE[c.charCodeAt(0)] as number) | CJK_MARK;
/** `INERT_*` kinds per UTF-16 code unit, for a pending scan's `inert`. */
const INERT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  INERT[c] = inertKinds(c);
  if (((INERT[c] as number) & INERT_BLANK) !== 0) GATE[c] = (GATE[c] as number) | BLANK;
}

/**
 * Where the gate's walk after a run of terminal marks is: right after the marks, after closing
 * quotes or brackets, or after blanks; with flags for what the run was.
 */
const AFTER_MARKS = 1;
const AFTER_CLOSERS = 2;
const AFTER_BLANKS = 3;
const PHASE = 3;
/** The run is one period (a glued capital may follow it: "Barney.The"). */
const ONE_PERIOD = 4;
/** The run is one period after a digit or a lone lower-case letter: it may end an inline list marker. */
const MARKER_PERIOD = 8;

/** What the gate waits for. */
const NONE = 0;
/** The last scan's pending candidate; `#inertKinds` and `#inertUpTo` say what cannot decide it. */
const SCANNED = -1;
// Any other (positive) value: the walk state after a run of marks at the end of the carry.

/** Results of a walk: an offset ≥ 0 where the run was ruled out, or one of these. */
const SCAN = -1;
const WAITING = -2;

const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const LOWER_A = 97;

/** Whether a single period between `before` and `twoBefore` may end an inline marker (" 2." " b."). */
function markerPeriod(before: number, twoBefore: number): boolean {
  return isDigit(before) || (isAsciiLower(before) && (twoBefore === 0 || twoBefore === 32 || twoBefore === 9 || twoBefore === 40));
}

/** One turn's gate. */
export class ScanGate {
  readonly #clauseMarks: boolean;
  #wait = NONE;
  #inertKinds = 0;
  #inertUpTo = 0;
  /** The carry holds only whitespace (or nothing). */
  #blank = true;
  /** The carry's last two code units (0: none), for a period at the start of a delta. */
  #last = 0;
  #beforeLast = 0;

  /** @param clauseMarks whether clause marks may end a turn's first chunk (`firstClauseChars` > 0). */
  constructor(clauseMarks: boolean) {
    this.#clauseMarks = clauseMarks;
  }

  /**
   * Takes a delta just appended to the carry.
   *
   * @param length the carry's length with the delta.
   * @param overLimit whether the carry has outgrown `maxSentenceChars`.
   * @param firstChunk whether no sentence of the turn was released yet (clause marks count then).
   * @returns true when a scan is warranted.
   */
  admit(delta: string, length: number, overLimit: boolean, firstChunk: boolean): boolean {
    const n = delta.length;
    if (n === 0) return false;
    const last = this.#last;
    const beforeLast = this.#beforeLast;
    this.#last = delta.charCodeAt(n - 1);
    this.#beforeLast = n > 1 ? delta.charCodeAt(n - 2) : last;
    let from = 0;
    if (this.#wait === SCANNED) return this.#mayDecide(delta, length);
    if (this.#wait !== NONE) {
      const walked = this.#walk(delta, 0, this.#wait);
      if (walked < 0) return walked === SCAN;
      this.#wait = NONE;
      from = walked;
    }
    // A pending candidate comes before the limit, so until it is decided the limit changes
    // nothing (a code block over the limit waits for its closing fence line).
    if (overLimit) return true;
    if (this.#blank) {
      while (from < n && isSpace(delta.charCodeAt(from))) from++;
      if (from === n) return false;
      this.#blank = false;
    }
    const wanted = this.#clauseMarks && firstChunk ? SENTENCE | CLAUSE_ONLY : SENTENCE;
    for (let i = from; i < n; i++) {
      const c = delta.charCodeAt(i);
      const bits = GATE[c] as number;
      if ((bits & wanted) === 0) continue;
      if ((bits & (SPACED_MARK | CJK_MARK)) === 0) {
        if (!(i + 1 < n && (c === COLON || c === CLOSE_PAREN) && !isSpace(delta.charCodeAt(i + 1)))) return true;
        continue;
      }
      // A full-width mark ends its sentence right after it, unless brackets hold it: a scan
      // decides. At the end of the delta, any next character may decide it.
      if ((bits & CJK_MARK) !== 0) return i + 1 < n || this.#waitScanned(0, Number.POSITIVE_INFINITY);
      let state = AFTER_MARKS;
      if (c === PERIOD) {
        const before = i > 0 ? delta.charCodeAt(i - 1) : last;
        const twoBefore = i > 1 ? delta.charCodeAt(i - 2) : i === 1 ? last : beforeLast;
        state |= markerPeriod(before, twoBefore) ? ONE_PERIOD | MARKER_PERIOD : ONE_PERIOD;
      }
      const walked = this.#walk(delta, i + 1, state);
      if (walked < 0) return walked === SCAN;
      i = walked - 1;
    }
    return false;
  }

  /**
   * Walks `delta` from `at` after a run of spaced terminal marks, in walk state `state`: the
   * offset where the run is ruled out (the gate goes on from there), SCAN, or WAITING when the
   * delta ended first (the walk goes on with the next delta).
   */
  #walk(delta: string, at: number, state: number): number {
    let s = state;
    for (let i = at; i < delta.length; i++) {
      const c = delta.charCodeAt(i);
      const bits = GATE[c] as number;
      const phase = s & PHASE;
      if (c === LF || c === CLOSE_PAREN || (bits & CJK_MARK) !== 0) return SCAN;
      if ((bits & BLANK) !== 0) {
        s = AFTER_BLANKS | (s & MARKER_PERIOD);
        continue;
      }
      // An "a" may open a lettered list ("Smith. a. here it is b. another").
      if (phase === AFTER_BLANKS) return isAsciiLower(c) && c !== LOWER_A && (s & MARKER_PERIOD) === 0 ? i : SCAN;
      if (is(CLOSER, c)) {
        s = AFTER_CLOSERS;
        continue;
      }
      if (phase === AFTER_CLOSERS) return i;
      // Right after the marks.
      if ((bits & SPACED_MARK) !== 0) {
        s = AFTER_MARKS;
        continue;
      }
      if (c >= 128 || ((s & ONE_PERIOD) !== 0 && c >= 65 && c <= 90)) return SCAN;
      return i;
    }
    this.#wait = s;
    return WAITING;
  }

  /** Waits for what a scan said; returns false (no scan now). */
  #waitScanned(kinds: number, upTo: number): false {
    this.#wait = SCANNED;
    this.#inertKinds = kinds;
    this.#inertUpTo = upTo;
    return false;
  }

  /** Whether `delta`, just appended, may decide the pending candidate of the last scan. */
  #mayDecide(delta: string, length: number): boolean {
    const kinds = this.#inertKinds;
    if (kinds === 0 || length > this.#inertUpTo) return true;
    for (let i = 0; i < delta.length; i++) if (((INERT[delta.charCodeAt(i)] as number) & kinds) === 0) return true;
    return false;
  }

  /**
   * Takes a scan's result as the carry applied it.
   *
   * @param dropped how many characters the carry released from its front.
   * @param rest the carry after the release (read only when `dropped` > 0, when the release
   *   flattened it anyway).
   */
  scanned(result: ScanResult, dropped: number, rest: string): void {
    if (dropped > 0) {
      let k = 0;
      while (k < rest.length && isSpace(rest.charCodeAt(k))) k++;
      this.#blank = k === rest.length;
    }
    if (rest.length === 0) {
      this.#last = 0;
      this.#beforeLast = 0;
    }
    if (!result.pending) {
      this.#wait = NONE;
      return;
    }
    this.#waitScanned(result.inert?.kinds ?? 0, (result.inert?.upTo ?? 0) - dropped);
  }
}
