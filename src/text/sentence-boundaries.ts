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
import { fenceAt, fenceEnd, lineEnds, nextLineContent } from './line-rules.js';
import { blockMarkerAt, listMarkerAt, nextInlineItem } from './list-markers.js';
import { gluedPeriodEnds, periodEnds } from './period-rules.js';
import {
  atEnd,
  BACKTICK,
  CANDIDATE,
  CJK_CLOSE,
  CJK_OPEN,
  CJK_TERMINAL,
  CLAUSE_MARKS,
  CJK_TERMINALS,
  CLOSER,
  CLOSING_QUOTE,
  COLON,
  DASH,
  INERT_BLANK,
  cutSurrogate,
  EXCLAIM,
  FULLWIDTH_PERIOD,
  is,
  isDigit,
  isLetter,
  isLower,
  isSentenceLetter,
  isSpace,
  KIND,
  LF,
  LINE_FEED,
  LOOP_KINDS,
  NO,
  NOT_A_START,
  OPENER,
  PERIOD,
  SPACE,
  SPANISH_OPENER,
  SPACED_TERMINALS,
  type ScanWindow,
  TERMINAL,
  WAIT,
} from './scan-window.js';

export { CLAUSE_MARKS } from './scan-window.js';
import type { ScanResult, ScanResume, ScanState } from './scan-result.js';

export type { ScanResult, ScanResume, ScanState } from './scan-result.js';

const ZWJ = 0x200d;
const HYPHEN = 45;
const BACKTICK_CODE = 96;
const isAnyDigit = (c: number): boolean => isDigit(c) || (c >= 0xff10 && c <= 0xff19);
const OPEN_BRACKET = 91;
const OPEN_PAREN = 40;
const FULLWIDTH_OPEN_PAREN = 0xff08;
/** Bounded back-off for a hard cut, so a pathological run of marks still gets cut. */
const MAX_GLYPH_BACKOFF = 32;
const JOINED = /^[\p{M}\u200d\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;
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
        const runEnd = this.#runEnd(i);
        decision = this.#terminalRun(cs, i, runEnd, depth);
        if (decision > limit) return this.#forcedEnd(cs);
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
      return i < limit && stop < Math.min(len, limit) ? stop : this.#forcedEnd(cs);
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
   * The end of the run of terminal marks at `i`; a spaced ellipsis ". . ." is one run. Only lone
   * periods join a spaced run: in "raak. ...en" the period ends a word and "..." starts the next
   * sentence.
   */
  #runEnd(i: number): number {
    const { len, text } = this;
    let runEnd = i + 1;
    for (;;) {
      while (runEnd < len && is(TERMINAL, text.charCodeAt(runEnd))) runEnd++;
      if (
        text.charCodeAt(runEnd - 1) !== PERIOD ||
        text.charCodeAt(runEnd) !== SPACE ||
        text.charCodeAt(runEnd + 1) !== PERIOD ||
        text.charCodeAt(runEnd + 2) === PERIOD
      ) {
        return runEnd;
      }
      runEnd += 2;
    }
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

  /** A run of terminal marks at [i, runEnd) at bracket depth `depth`: an end offset, NO, or WAIT. */
  #terminalRun(cs: number, i: number, runEnd: number, depth: number): number {
    const len = this.len;
    let p = runEnd;
    let closed = 0;
    while (p < len && is(CLOSER, this.text.charCodeAt(p))) {
      if (is(CJK_CLOSE, this.text.charCodeAt(p))) closed++;
      p++;
    }
    if (is(CJK_TERMINAL, this.text.charCodeAt(runEnd - 1))) {
      // A run of marks that starts the sentence ends nothing (see below).
      if (i === cs) return p < len ? NO : atEnd(this, p);
      if (this.text.charCodeAt(i) === FULLWIDTH_PERIOD && runEnd - i === 1 && isAnyDigit(this.text.charCodeAt(i - 1))) {
        // "３．２９": a full-width decimal point, unless no digit follows.
        if (runEnd >= len) return atEnd(this, runEnd);
        if (isAnyDigit(this.text.charCodeAt(runEnd))) return NO;
      }
      if (depth === 0) return p < len ? p : atEnd(this, p);
      // Inside brackets: only a closing bracket that ends the quote, then a break, ends it.
      if (closed < depth) return p >= len && !this.final ? WAIT : NO;
      if (p >= len) return atEnd(this, p);
      const c = this.text.charCodeAt(p);
      if (isSpace(c) || is(CJK_OPEN | OPENER, c)) return p;
      // "（注意：熱いです。）触らないで": a parenthesis that opens the sentence and closes after
      // its full stop holds a sentence of its own; a quote there goes on ("「行く。」と").
      return this.text.charCodeAt(cs) === FULLWIDTH_OPEN_PAREN && this.#openUntil(cs, i) ? p : NO;
    }
    // French spacing: "« Oui. »" keeps its closing guillemet.
    if (p + 1 < len && isSpace(this.text.charCodeAt(p)) && (this.text.charCodeAt(p + 1) === 0xbb || this.text.charCodeAt(p + 1) === 0x203a)) p += 2;
    if (p >= len) return atEnd(this, p);
    const single = runEnd - i === 1 && this.text.charCodeAt(i) === PERIOD;
    if (!isSpace(this.text.charCodeAt(p))) return single && p === runEnd ? gluedPeriodEnds(this, this.#rules, cs, i, p) : NO;
    let q = p;
    while (q < len && isSpace(this.text.charCodeAt(q))) {
      if (this.text.charCodeAt(q) === LF) return p;
      q++;
    }
    if (q >= len) return this.final ? p : this.waitFor(INERT_BLANK, Number.POSITIVE_INFINITY);
    if (cutSurrogate(this, q)) return WAIT;
    // A run of marks that starts the sentence ends nothing ("...en toen", ". . . The practice"),
    // decided only now that the run is whole (a spaced ". . ." grows as text arrives).
    if (i === cs) return NO;
    const atQ = this.text.charCodeAt(q);
    if (is(NOT_A_START, atQ)) return NO;
    if (is(DASH, atQ)) {
      const aside = this.#aside(q, p > runEnd && is(CLOSING_QUOTE, this.text.charCodeAt(p - 1)));
      if (aside !== 1) return aside;
    }
    if (this.#hasExclaim(i, runEnd)) return isLower(this, q) ? NO : p;
    if (single) return periodEnds(this, this.#rules, cs, i, p, q);
    const before = this.text.charCodeAt(i - 1);
    // "[...]" and "(...)" leave words out; so does a spaced ". . ." after a space (with a
    // fourth period, ". . . .", it ends the sentence too).
    if ((p > runEnd && (before === OPEN_BRACKET || before === OPEN_PAREN)) || (isSpace(before) && this.text.charCodeAt(i + 1) === SPACE && runEnd - i < 7)) {
      return NO;
    }
    // "compounds. . . . The practice": a period, then an ellipsis that opens the next sentence.
    if (runEnd - i === 7 && p === runEnd && this.text.charCodeAt(i + 1) === SPACE && isLetter(this, i - 1)) return this.#ifSentenceStart(q, i + 1, NO);
    return this.#ifSentenceStart(q, p, NO);
  }

  /** Whether the bracket at `cs` is still open at `i`. */
  #openUntil(cs: number, i: number): boolean {
    let depth = 0;
    for (let k = cs; k < i; k++) {
      const c = this.text.charCodeAt(k);
      if (is(CJK_OPEN, c)) depth++;
      else if (is(CJK_CLOSE, c) && --depth === 0) return false;
    }
    return true;
  }

  /**
   * A dash ("--", "–", "—") at `q` after a terminal run and a blank: NO when it sets off an aside
   * ("voila! -- you have cake") or, after a closing quote, an attribution ("…reliability.” — Edsger W.
   * Dijkstra"); WAIT when the words after it have not arrived; 1 otherwise (no dash, or a dash
   * that starts the next sentence, "What do you see? - Posted").
   */
  #aside(q: number, quoted: boolean): number {
    const { len, text } = this;
    let k = q;
    while (k < len && k - q < 3 && is(DASH, text.charCodeAt(k))) k++;
    if (k === q) return 1;
    if (k >= len) return this.final ? 1 : WAIT;
    // A lone hyphen is a bullet or a minus more often than a dash ("- b. - c").
    if (k - q > 2 || (k - q === 1 && text.charCodeAt(q) === HYPHEN) || !isSpace(text.charCodeAt(k))) return 1;
    if (quoted && k - q === 1) return NO;
    while (k < len && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === 9)) k++;
    if (k >= len) return this.final ? 1 : WAIT;
    if (cutSurrogate(this, k)) return WAIT;
    return isLower(this, k) ? NO : 1;
  }

  #hasExclaim(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (is(EXCLAIM, this.text.charCodeAt(k))) return true;
    return false;
  }

  /** `yes` when a sentence starts at `q`, `no` when not, WAIT when that needs more text. */
  #ifSentenceStart(q: number, yes: number, no: number): number {
    const c = this.text.charCodeAt(q);
    if (is(SPANISH_OPENER, c) || isSentenceLetter(this, q)) return yes;
    if (!is(OPENER, c)) return no;
    if (q + 1 >= this.len) return this.final ? no : WAIT;
    if (cutSurrogate(this, q + 1)) return WAIT;
    return isSentenceLetter(this, q + 1) ? yes : no;
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

  /**
   * No boundary within the limit: the last whitespace within it, or a cut at the limit when the
   * run has none, moved back so it does not split a glyph.
   */
  #forcedEnd(cs: number): number {
    const limit = cs + this.#options.maxSentenceChars;
    for (let w = limit; w > cs; w--) if (isSpace(this.text.charCodeAt(w))) return w;
    for (let cut = limit; cut > cs + 1 && limit - cut < MAX_GLYPH_BACKOFF; cut--) {
      if (!this.#splitsGlyph(cut)) return cut;
    }
    const c = this.text.charCodeAt(limit);
    return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
  }

  #splitsGlyph(cut: number): boolean {
    const c = this.text.charCodeAt(cut);
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (this.text.charCodeAt(cut - 1) === ZWJ) return true;
    return c >= 0x300 && JOINED.test(String.fromCodePoint(this.text.codePointAt(cut) as number));
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
