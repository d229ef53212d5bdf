/**
 * The scanner's contract with the carry and the pool: what it is told about the stream before
 * a window, and what it reports back (settled ends as offsets, whether it waits, and where the
 * next scan may go on). These cross the thread boundary as plain data.
 */

/**
 * Where the last scan left the window's first sentence: it had decided every candidate before
 * `at` (none ended the sentence), so the next scan of a longer window can go on from there
 * instead of rescanning the sentence. Offsets are into the window.
 */
export interface ScanResume {
  at: number;
  /**
   * The loop's state at `at`: the first character of the current line (or -1), bracket depth,
   * whether it is inside an inline code span.
   */
  lineContent: number;
  depth: number;
  code: boolean;
  /** Whether the sentence starts with a list marker: when not, the next scan need not look again. */
  listItem: boolean;
}

/** What the scanner needs to know about the stream before the window. */
export interface ScanState {
  /**
   * Sentences this turn already released. 0 means the window starts at the turn's start, which
   * is also the start of a line; it also decides whether `firstClauseChars` applies.
   */
  sentencesEmitted: number;
  /** The last scan's `resume`, moved to this window's offsets; absent: scan from the start. */
  resume?: ScanResume;
}

/** The settled sentences of a window, as offsets into it. */
export interface ScanResult {
  /**
   * Exclusive end offsets, strictly increasing, of every settled sentence in the window.
   * Sentence i is `text.slice(ends[i-1] ?? 0, ends[i]).trim()` and is never empty. With `final`
   * the last end is `text.length` whenever any non-whitespace was left.
   */
  ends: number[];
  /** The text after the last end holds a candidate boundary that needs more text to decide. */
  pending: boolean;
  /**
   * With `pending`, when only some characters can decide it: appended text of the `kinds`
   * (`INERT_*` bits) alone cannot, while the window stays within `upTo` characters. Absent: any
   * character may decide it.
   */
  inert?: { kinds: number; upTo: number };
  /**
   * Where a scan of a longer window may go on with the sentence after the last end (offsets
   * into this window); absent when it must start over (a code block, an undecided list marker).
   */
  resume?: ScanResume;
}

