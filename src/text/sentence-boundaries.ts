/**
 * The sentence scanner: finds where speakable sentences end in a window of streamed text. It
 * runs in the worker pool (or inline) on a turn's carry buffer, and is a pure function of its
 * arguments. Which words are abbreviations, titles and sentence starters comes from the
 * language's rules (`src/language/`, see `ChunkerOptions.language`).
 *
 * Token-boundary independence rests on two rules that every decision below keeps:
 *
 * - A candidate (a terminal mark, a newline, a colon, a list marker, a full-length run) is
 *   decided from the text from the start of its sentence up to the lookahead it needs, never
 *   from anything further on and never from text before the sentence. If that lookahead has not
 *   arrived the scan stops and reports `pending`; it never guesses.
 * - Sentences are found one after another, each starting where the previous one ended, so a
 *   window that starts at the last released end scans exactly as the whole text would from
 *   there. Ends never fall just after a newline (a newline stays with the text after it), so a
 *   window also sees whether it starts at the beginning of a line.
 *
 * Rules, in the order they are tried for a sentence starting at the first non-space character:
 *
 * - A fenced code block (a line starting with three backticks) is one chunk up to the end of
 *   its closing fence line, however long, never split inside.
 * - A list marker at the start ("1." "1)" "(1.)" "a." "•" "⁃10.", see `list-markers.ts`) is
 *   part of the item, never an end; the next inline marker of the same list ("… 2. The second")
 *   ends the item.
 * - A run of terminal marks (`.` `!` `?` `…`, their other-script forms, and spaced ". . ."),
 *   plus closing quotes, brackets or emphasis right after it, ends a sentence when whitespace
 *   follows, with these exceptions:
 *   - A run that opens the sentence ("...en toen"), one inside an inline code span, or one
 *     before a character that starts no sentence (`,` `;` `)` `/` …) ends nothing; nor does one
 *     before a dash that sets off an aside ("voila! -- you have cake") or, after a closing
 *     quote, an attribution ("…reliability.” — Edsger W. Dijkstra").
 *   - `!` / `?`: not before a lower-case word ("Yahoo! in the accounting department").
 *   - An ellipsis: only before a sentence start or a newline; never "[...]" or a spaced one
 *     after a space (". . . I didn't"), which leave words out mid-sentence. A word's period and
 *     a spaced ellipsis before a new sentence ("compounds. . . . The") end after the period.
 *   - `.`: see `period-rules.ts` (abbreviations, initials, ordinals, sentence starters).
 *   A `.` glued to the next character is not a boundary (decimals, versions, URLs, e-mail
 *   addresses), except between two words or after a big number ("Barney.The bird",
 *   "1,000.That").
 * - CJK full-width marks (`。` `！` `？`, and the Burmese and Ethiopic full stops) end a sentence
 *   right after them and their closers, no space needed, except inside brackets or quotes
 *   opened in the sentence (《…！…》, 「…。」と): there only a closing bracket followed by a
 *   space, a newline, another opening bracket or the end ends it. The full-width period between
 *   digits is a decimal point ("３．２９").
 * - A colon followed by the first marker of a list ("Steps: 1. Open") ends the sentence.
 * - A newline ends a sentence when its line is a list item or a heading, when the next line is
 *   blank or starts a code fence, or by the line rules of `line-rules.ts` (the next line starts
 *   a block or a capital; the line is a label). Otherwise it is a soft wrap inside the sentence.
 * - With `firstClauseChars`, the first chunk of a turn may end at a clause mark.
 * - With no boundary within `maxSentenceChars`, the run is split at the last whitespace within
 *   the limit, or cut at the limit when there is none (see `ChunkerOptions`).
 * - With `final`, the text has ended and whatever is left is the last sentence.
 *
 * `minSentenceChars` is applied here, as a skipped candidate: a boundary that would leave a
 * shorter sentence is not one, so merging is part of the same prefix-stable decision.
 */
import { type BoundaryRules, boundaryRules } from './boundary-rules.js';
import { DEFAULT_CHUNKER_OPTIONS, type FilledChunkerOptions } from './chunker-options.js';
import { forcedEnd } from './forced-cut.js';
import { fenceAt, fenceEnd, lineEnds, nextLineContent } from './line-rules.js';
import { blockMarkerAt, listMarkerAt, nextInlineItem } from './list-markers.js';
import type { ScanResult, ScanResume, ScanState } from './scan-result.js';
import {
  atEnd,
  BACKTICK,
  CANDIDATE,
  CJK_CLOSE,
  CJK_OPEN,
  COLON,
  INERT_BLANK,
  isDigit,
  isSpace,
  KIND,
  LF,
  LINE_FEED,
  LOOP_KINDS,
  NO,
  SPACE,
  type ScanWindow,
  TERMINAL,
  WAIT,
} from './scan-window.js';
import { markRunEnd, terminalRunEnd } from './terminal-runs.js';

export { CLAUSE_MARKS } from './scan-window.js';
export type { ScanResult, ScanResume, ScanState } from './scan-result.js';

const BACKTICK_CODE = 96;
// Module-local copies for the hot loop: V8 reads an imported binding through its module cell on
// every access, which doubled the cost of the per-character loop.
const KINDS: Uint16Array = KIND;

/** One scan of one window at a time; `start` readies it for the next. */
class Scanner implements ScanWindow {
  text = '';
  len = 0;
  final = false;
  #options: FilledChunkerOptions = DEFAULT_CHUNKER_OPTIONS;
  #rules: BoundaryRules = boundaryRules(DEFAULT_CHUNKER_OPTIONS.language);

  start(text: string, options: FilledChunkerOptions, final: boolean): void {
    this.text = text;
    this.len = text.length;
    this.final = final;
    // A turn passes the same options object to every scan.
    if (options !== this.#options) {
      this.#options = options;
      this.#rules = boundaryRules(options.language);
    }
  }

  /** Where the last NO or WAIT of `sentenceEnd` stopped, for the next scan to go on from. */
  stopped: ScanResume | undefined;
  /** What the last WAIT of `sentenceEnd` said about the text that can decide it (see `waitFor`). */
  inertKinds = 0;
  inertUpTo = 0;

  waitFor(inert: number, upTo: number): number {
    this.inertKinds = inert;
    this.inertUpTo = upTo;
    return WAIT;
  }

  /**
   * The end of the sentence that starts at `start` (the previous end), NO when nothing is
   * settled and nothing is pending, WAIT when a candidate needs more text. `resume`, when given,
   * is where an earlier scan of this sentence stopped.
   */
  sentenceEnd(start: number, first: boolean, resume: ScanResume | undefined): number {
    const { len, text } = this;
    this.stopped = undefined;
    this.inertKinds = 0;
    let cs = start;
    while (cs < len && isSpace(this.text.charCodeAt(cs))) cs++;
    if (cs >= len) return NO;
    // The first non-blank character of the current line, or -1 while the line began before `cs`.
    let lineContent = this.#startsLine(start, cs, first) ? cs : -1;
    if (lineContent === cs && text.charCodeAt(cs) === BACKTICK_CODE && text.startsWith('```', cs)) {
      const end = fenceEnd(this, resume !== undefined && resume.at > cs && resume.at <= len ? resume.at : cs + 3);
      if (end === WAIT) this.stopped = { at: Math.max(cs + 3, text.lastIndexOf('\n')), lineContent: cs, depth: 0, code: false, listItem: false };
      return end;
    }
    const { maxSentenceChars, firstClauseChars } = this.#options;
    const limit = cs + maxSentenceChars;
    let stop = Math.min(len, limit);
    let i = cs;
    let itemWait = false;
    const marker = resume !== undefined && !resume.listItem && resume.at > cs && resume.at <= len ? NO : listMarkerAt(this, cs, lineContent === cs);
    if (marker === WAIT) return WAIT;
    const listItem = typeof marker !== 'number';
    if (listItem) {
      i = Math.min(marker.end, stop);
      const item = marker.next === '' ? stop : nextInlineItem(this, marker.next, i, stop);
      itemWait = item === WAIT;
      if (!itemWait && item < stop && this.#longEnough(cs, item)) stop = item;
    }
    const clauseFrom = first && firstClauseChars > 0 ? cs + firstClauseChars - 1 : Number.POSITIVE_INFINITY;
    let depth = 0;
    // Inside an inline code span (after an odd number of backticks on the line): "`Hello. World`".
    let code = false;
    if (resume !== undefined && resume.at > i && resume.at <= len) {
      // Every candidate before `at` was decided, and decisions never change as text arrives.
      i = Math.min(resume.at, stop);
      lineContent = resume.lineContent;
      depth = resume.depth;
      code = resume.code;
    }
    for (; ; i++) {
      i = this.#nextCandidate(i, stop);
      if (i >= stop) break;
      const c = text.charCodeAt(i);
      const kind = KINDS[c] as number;
      if ((kind & BACKTICK) !== 0) {
        code = !code;
        continue;
      }
      // A decision that waits says what can decide it; one that does not say, anything.
      this.inertKinds = 0;
      if ((kind & CJK_OPEN) !== 0) depth++;
      else if ((kind & CJK_CLOSE) !== 0 && depth > 0) depth--;
      let decision = NO;
      if ((kind & LINE_FEED) !== 0) {
        decision = this.#lineBreak(cs, i, lineContent);
        if (decision === NO) {
          lineContent = nextLineContent(this, i);
          // A stray backtick stops counting at the end of its line.
          code = false;
        }
      } else if ((kind & TERMINAL) !== 0) {
        // A mark inside an inline code span ends nothing, whatever the run it starts grows into.
        if (code) continue;
        const runEnd = markRunEnd(this, i);
        decision = terminalRunEnd(this, this.#rules, cs, i, runEnd, depth);
        if (decision > limit) return forcedEnd(this, cs, this.#options.maxSentenceChars);
        if (decision >= 0 && !this.#longEnough(cs, decision)) decision = NO;
        if (decision === NO) i = runEnd - 1;
      } else if ((kind & CANDIDATE) !== 0) {
        decision = c === COLON ? this.#colonBeforeList(i) : NO;
        if (decision >= 0 && !this.#longEnough(cs, decision)) decision = NO;
        if (decision === NO && i >= clauseFrom) {
          decision = this.#clause(cs, i);
          if (decision >= 0 && !this.#longEnough(cs, decision)) decision = NO;
        }
      }
      if (decision === WAIT) this.stopped = { at: i, lineContent, depth, code, listItem };
      if (decision !== NO) return decision;
    }
    if (i < len) {
      // Stopped at the next inline list item, or at the limit with text beyond it.
      return i < limit && stop < Math.min(len, limit) ? stop : forcedEnd(this, cs, this.#options.maxSentenceChars);
    }
    this.stopped = { at: i, lineContent, depth, code, listItem };
    if (itemWait) {
      this.inertKinds = 0;
      return WAIT;
    }
    return this.final ? len : NO;
  }

  /**
   * The first character from `i` that the loop stops at (`LOOP_KINDS`), or `stop`. A loop of its
   * own: small enough for V8 to keep in registers, where inside `sentenceEnd` it was not.
   */
  #nextCandidate(i: number, stop: number): number {
    const text = this.text;
    let k = i;
    while (k < stop && ((KINDS[text.charCodeAt(k)] as number) & LOOP_KINDS) === 0) k++;
    return k;
  }

  /** Whether `cs` is the first non-blank character of a line, looking back no further than `start`. */
  #startsLine(start: number, cs: number, first: boolean): boolean {
    for (let j = cs - 1; j >= start; j--) if (this.text.charCodeAt(j) === LF) return true;
    return first;
  }

  #longEnough(cs: number, end: number): boolean {
    const min = this.#options.minSentenceChars;
    if (min === 0) return true;
    let e = end;
    while (e > cs && isSpace(this.text.charCodeAt(e - 1))) e--;
    return e - cs >= min;
  }

  /**
   * The newline at `i`: its end offset, NO for a soft wrap (or a break `minSentenceChars`
   * merges), or WAIT when the next line has not arrived far enough.
   */
  #lineBreak(cs: number, i: number, lineContent: number): number {
    const item = lineContent >= 0 && lineContent < i && blockMarkerAt(this, lineContent) === 1;
    if (item && this.#longEnough(cs, i)) return i;
    const next = nextLineContent(this, i);
    if (next >= this.len) return this.final ? i : this.waitFor(INERT_BLANK, Number.POSITIVE_INFINITY);
    const fence = fenceAt(this, next);
    if (fence === WAIT) return WAIT;
    // A code block always stands alone: the one boundary `minSentenceChars` cannot merge.
    if (fence === 1) return i;
    if (item) return NO;
    const ends = this.text.charCodeAt(next) === LF ? 1 : lineEnds(this, lineContent >= 0 ? lineContent : cs, i, next);
    if (ends !== 1) return ends;
    return this.#longEnough(cs, i) ? i : NO;
  }

  /** A colon at `i` before the first marker of a list ("Steps: 1. Open"): its end, NO, or WAIT. */
  #colonBeforeList(i: number): number {
    let q = i + 1;
    while (q < this.len && (this.text.charCodeAt(q) === SPACE || this.text.charCodeAt(q) === 9)) q++;
    if (q === i + 1 && q < this.len) return NO;
    if (q >= this.len) return this.final ? NO : WAIT;
    const marker = listMarkerAt(this, q);
    if (typeof marker === 'number') return marker;
    return marker.opens ? i + 1 : NO;
  }

  /** The clause mark at `i` ending the first chunk: an end offset, NO, or WAIT. */
  #clause(cs: number, i: number): number {
    const c = this.text.charCodeAt(i);
    // Full-width marks need no space after them.
    if (c >= 0x3000) return i + 1;
    const at = i + 1;
    if (c === 0x2014) {
      if (!(i > cs && isDigit(this.text.charCodeAt(i - 1)))) return at;
      if (at >= this.len) return atEnd(this, at);
      return isDigit(this.text.charCodeAt(at)) ? NO : at;
    }
    if (c === 0x2013 && !(i > cs && this.text.charCodeAt(i - 1) === SPACE)) return NO;
    if (at >= this.len) return atEnd(this, at);
    return isSpace(this.text.charCodeAt(at)) ? at : NO;
  }

}

// A scan runs to the end without yielding, so one scanner serves every scan of this thread;
// a new one per scan was a measurable share of streaming in small deltas.
const scanner = new Scanner();

/**
 * Finds the settled sentence ends in `text`, a window of a turn's carry buffer that starts where
 * the last released sentence ended.
 *
 * @param state what was released before the window.
 * @param final the stream has ended: everything left is settled and `pending` is false.
 */
export function scanSentenceEnds(text: string, state: ScanState, options: FilledChunkerOptions, final: boolean): ScanResult {
  scanner.start(text, options, final);
  const ends: number[] = [];
  let start = 0;
  for (;;) {
    const end = scanner.sentenceEnd(start, state.sentencesEmitted + ends.length === 0, start === 0 ? state.resume : undefined);
    if (end === WAIT) {
      const inert = scanner.inertKinds === 0 ? undefined : { kinds: scanner.inertKinds, upTo: scanner.inertUpTo };
      return { ends, pending: true, resume: scanner.stopped, inert };
    }
    if (end === NO) break;
    ends.push(end);
    start = end;
  }
  // Only whitespace is left after the last end: let the last sentence take it, so a final scan
  // leaves nothing behind.
  if (final && ends.length > 0) ends[ends.length - 1] = text.length;
  // One shape for every result, so the carry reads them all through one inline cache.
  return { ends, pending: false, resume: final ? undefined : scanner.stopped, inert: undefined };
}
