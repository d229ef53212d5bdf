/**
 * The sentence scanner: finds where speakable sentences end in a window of streamed text. It
 * runs in the worker pool (or inline) on a turn's carry buffer, and is a pure function of its
 * arguments.
 *
 * Token-boundary independence rests on two rules that every decision below keeps:
 *
 * - A candidate (a terminal mark, a newline, a clause mark, a full-length run) is decided from
 *   the text from the start of its sentence up to the lookahead it needs, never from anything
 *   further on and never from text before the sentence. If that lookahead has not arrived the
 *   scan stops and reports `pending`; it never guesses.
 * - Sentences are found one after another, each starting where the previous one ended, so a
 *   window that starts at the last released end scans exactly as the whole text would from
 *   there. Ends never fall just after a newline (a newline stays with the text after it), so a
 *   window also sees whether it starts at the beginning of a line.
 *
 * Rules, in the order they are tried for a sentence starting at the first non-space character:
 *
 * - A fenced code block (a line starting with three backticks) is one chunk up to the end of
 *   its closing fence line, however long, never split inside.
 * - A run of terminal marks (`.` `!` `?` `…` and their CJK and other-script forms), plus any
 *   closing quotes, brackets or markdown emphasis right after it, ends a sentence when
 *   whitespace follows, with these exceptions:
 *   - `!` / `?`: always, except `"Stop!" he said` (a closer, then a lower-case word).
 *   - An ellipsis (`...`, `…`): only before a sentence start (an upper-case or uncased letter,
 *     `¿`, `¡`, or an opening quote or bracket before one), or a newline.
 *   - `.` after a title or a Latin abbreviation that never ends a sentence in practice (Dr.,
 *     Mr., Mrs., St., e.g., i.e., vs. …): never, unless a newline follows.
 *   - `.` after an abbreviation that may end one (etc., a.m., p.m., Inc., Jr., U.S., months …):
 *     only before a sentence start. So "at 9 a.m. The store" splits and "at 9 a.m. and then"
 *     does not; the price is "the U.S. Army", which splits.
 *   - `.` after a single capital letter (an initial, "J. R. R. Tolkien"): not before a sentence
 *     start.
 *   - `.` after a list number of one to three digits at the start of the sentence or line, or
 *     after ": " ("1. First", "Steps: 1. Open"): never.
 *   - `.` after any other word: always, except before a lower-case word after a closer.
 *   A `.` followed directly by a non-space character is never a boundary: decimals, money,
 *   versions, URLs, e-mail addresses.
 * - CJK full-width marks (`。` `！` `？`) end a sentence right after them (and their closers), no
 *   space needed.
 * - A newline ends a sentence when its line is a list item or a heading, when the next line is
 *   blank, or when the next line starts a list item, a heading or a code fence. Any other single
 *   newline is a soft wrap inside the sentence. (A newline after a terminal mark ends the
 *   sentence by the terminal-mark rule.)
 * - With `firstClauseChars`, the first chunk of a turn may end at a clause mark.
 * - With no boundary within `maxSentenceChars`, the run is split at the last whitespace within
 *   the limit, or cut at the limit when there is none (see `ChunkerOptions`).
 * - With `final`, the text has ended and whatever is left is the last sentence.
 *
 * `minSentenceChars` is applied here, as a skipped candidate: a boundary that would leave a
 * shorter sentence is not one, so merging is part of the same prefix-stable decision.
 */
import type { FilledChunkerOptions } from './chunker-options.js';

/** What the scanner needs to know about the stream before the window. */
export interface ScanState {
  /**
   * Sentences this turn already released. 0 means the window starts at the turn's start, which
   * is also the start of a line; it also decides whether `firstClauseChars` applies.
   */
  sentencesEmitted: number;
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
}

/** Terminal marks whose boundary needs whitespace after them. */
const SPACED_TERMINALS = '.!?…‼⁇⁈⁉؟।';
/** Terminal marks of scripts written without spaces: a boundary right after them. */
const CJK_TERMINALS = '。！？｡';
/** Clause marks that may end the first chunk of a turn (only with `firstClauseChars`). */
export const CLAUSE_MARKS = ',;:—–，、；：';

/**
 * Every character that can start a candidate boundary. A delta without any of them cannot
 * settle anything new unless the last scan was pending or the carry outgrew the limit, which
 * is what lets the main thread skip scans (see `SentenceCarry`).
 */
export const CANDIDATE_CHARS: string = `${SPACED_TERMINALS}${CJK_TERMINALS}${CLAUSE_MARKS}\n`;

/** Character kinds, as bits in a table indexed by UTF-16 code unit (every mark here is in the BMP). */
const TERMINAL = 1;
const CJK_TERMINAL = 2;
const CLAUSE = 4;
const LINE_FEED = 8;
/** Marks that settle a sentence however it goes on: `?` `!` and kin. */
const EXCLAIM = 16;
/** Closing quotes, brackets and markdown emphasis that belong to the sentence they follow. */
const CLOSER = 32;
/** Opening quotes and brackets that may come before the first letter of a sentence. */
const OPENER = 64;
/** `¿` and `¡` open a Spanish sentence. */
const SPANISH_OPENER = 128;
const CANDIDATE = TERMINAL | CJK_TERMINAL | CLAUSE | LINE_FEED;

/** One table lookup per character keeps the hot loop of a scan cheap. */
const KIND = new Uint8Array(0x10000);
for (const [chars, kind] of [
  [SPACED_TERMINALS, TERMINAL],
  [CJK_TERMINALS, TERMINAL | CJK_TERMINAL],
  [CLAUSE_MARKS, CLAUSE],
  ['\n', LINE_FEED],
  ['!?‼⁇⁈⁉؟।', EXCLAIM],
  ['"\'”’)]}»›」』）】〕〉》*_', CLOSER],
  ['"\'“‘„«‹([{「『（【', OPENER],
  ['¿¡', SPANISH_OPENER],
] as const) {
  for (const c of chars) KIND[c.charCodeAt(0)] = (KIND[c.charCodeAt(0)] as number) | kind;
}

const is = (kind: number, c: number): boolean => ((KIND[c] as number) & kind) !== 0;

/** Abbreviations after which a period does not end a sentence (lower case, inner dots kept). */
const NEVER_ENDS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'mt', 'ft', 'rev', 'hon', 'gen', 'gov', 'sen', 'rep', 'pres',
  'capt', 'cmdr', 'lt', 'col', 'maj', 'sgt', 'fr', 'vs', 'v', 'e.g', 'i.e', 'cf', 'a.k.a', 'approx',
  'fig', 'figs', 'vol', 'vols', 'ch', 'pp', 'ca', 'dept', 'nos',
]);
/** Abbreviations that end a sentence only when a sentence start follows ("at 9 a.m. The"). */
const ENDS_BEFORE_START: ReadonlySet<string> = new Set([
  'etc', 'a.m', 'p.m', 'inc', 'ltd', 'llc', 'co', 'corp', 'jr', 'sr', 'ph.d', 'u.s', 'u.k', 'u.s.a', 'e.u', 'u.n',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'al', 'bros', 'no',
]);

const UPPER_OR_TITLE = /^[\p{Lu}\p{Lt}]$/u;
const LOWER = /^\p{Ll}$/u;
const UNCASED_LETTER = /^\p{Lo}$/u;
/** A code point that belongs to the character before it: cutting before it would break a glyph. */
const JOINED = /^[\p{M}\u200d\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;

const LF = 10;
const BACKTICK = 96;
const ZWJ = 0x200d;
/** Bounded back-off for a hard cut, so a pathological run of marks still gets cut. */
const MAX_GLYPH_BACKOFF = 32;

/** Sentinel results of a decision; any value ≥ 0 is an end offset. */
const NO = -1;
const WAIT = -2;

/** The whitespace `String.prototype.trim` removes, so "whitespace-only" means the same here. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

/** One scan of one window. */
class Scanner {
  readonly #text: string;
  readonly #len: number;
  readonly #options: FilledChunkerOptions;
  readonly #final: boolean;

  constructor(text: string, options: FilledChunkerOptions, final: boolean) {
    this.#text = text;
    this.#len = text.length;
    this.#options = options;
    this.#final = final;
  }

  #code(i: number): number {
    return this.#text.charCodeAt(i);
  }

  #char(i: number): string {
    return String.fromCodePoint(this.#text.codePointAt(i) as number);
  }

  /** `at` when the text has ended (a boundary at the end of text), otherwise WAIT. */
  #atEnd(at: number): number {
    return this.#final ? at : WAIT;
  }

  /**
   * The end of the sentence that starts at `start` (the previous end), NO when nothing is
   * settled and nothing is pending, WAIT when a candidate needs more text.
   */
  sentenceEnd(start: number, first: boolean): number {
    const len = this.#len;
    let cs = start;
    while (cs < len && isSpace(this.#code(cs))) cs++;
    if (cs >= len) return NO;
    // The first non-blank character of the current line, or -1 while the line began before `cs`.
    let lineContent = this.#startsLine(start, cs, first) ? cs : -1;
    if (lineContent === cs && this.#text.startsWith('```', cs)) return this.#fenceEnd(cs);
    const { maxSentenceChars, firstClauseChars } = this.#options;
    const text = this.#text;
    const limit = cs + maxSentenceChars;
    const stop = Math.min(len, limit);
    const clauseFrom = first && firstClauseChars > 0 ? cs + firstClauseChars - 1 : Number.POSITIVE_INFINITY;
    let i = cs;
    for (; i < stop; i++) {
      const kind = KIND[text.charCodeAt(i)] as number;
      if ((kind & CANDIDATE) === 0) continue;
      if ((kind & LINE_FEED) !== 0) {
        const decision = this.#lineBreak(cs, i, lineContent);
        if (decision !== NO) return decision;
        lineContent = this.#nextLineContent(i);
      } else if ((kind & TERMINAL) !== 0) {
        let runEnd = i + 1;
        while (runEnd < len && is(TERMINAL, text.charCodeAt(runEnd))) runEnd++;
        const decision = this.#terminalRun(cs, i, runEnd, lineContent);
        if (decision === WAIT) return WAIT;
        if (decision !== NO) {
          if (decision > limit) return this.#forcedEnd(cs);
          if (this.#longEnough(cs, decision)) return decision;
        }
        i = runEnd - 1;
      } else if (i >= clauseFrom) {
        const decision = this.#clause(cs, i);
        if (decision === WAIT) return WAIT;
        if (decision !== NO && this.#longEnough(cs, decision)) return decision;
      }
    }
    // Stopped at the limit with text beyond it: no boundary within maxSentenceChars.
    if (i < len) return this.#forcedEnd(cs);
    return this.#final ? len : NO;
  }

  /** Whether `cs` is the first non-blank character of a line, looking back no further than `start`. */
  #startsLine(start: number, cs: number, first: boolean): boolean {
    for (let j = cs - 1; j >= start; j--) if (this.#code(j) === LF) return true;
    return first;
  }

  #longEnough(cs: number, end: number): boolean {
    const min = this.#options.minSentenceChars;
    if (min === 0) return true;
    let e = end;
    while (e > cs && isSpace(this.#code(e - 1))) e--;
    return e - cs >= min;
  }

  /** The first character of the line after the newline at `i` that is not blank (may be LF or len). */
  #nextLineContent(i: number): number {
    let j = i + 1;
    while (j < this.#len) {
      const c = this.#code(j);
      if (c === LF || !isSpace(c)) break;
      j++;
    }
    return j;
  }

  /**
   * The newline at `i`: its end offset, NO for a soft wrap (or a break `minSentenceChars`
   * merges), or WAIT when the next line has not arrived far enough.
   */
  #lineBreak(cs: number, i: number, lineContent: number): number {
    const item = lineContent >= 0 && lineContent < i && this.#blockMarker(lineContent) === 1;
    if (item && this.#longEnough(cs, i)) return i;
    const next = this.#nextLineContent(i);
    if (next >= this.#len) return this.#atEnd(i);
    const fence = this.#fenceAt(next);
    if (fence === WAIT) return WAIT;
    // A code block always stands alone: the one boundary `minSentenceChars` cannot merge.
    if (fence === 1) return i;
    if (item) return NO;
    const marker = this.#code(next) === LF ? 1 : this.#blockMarker(next);
    if (marker !== 1) return marker;
    return this.#longEnough(cs, i) ? i : NO;
  }

  /** Whether a code fence starts at `at`: 1, NO, or WAIT. */
  #fenceAt(at: number): number {
    for (let k = at; k < at + 3; k++) {
      if (k >= this.#len) return this.#final ? NO : WAIT;
      if (this.#code(k) !== BACKTICK) return NO;
    }
    return 1;
  }

  /**
   * Whether a list item (`-` `*` `+` `•`, or one to three digits and `.` or `)`) or a heading
   * (`#` to `######`) starts at `at`, each followed by a space or tab: 1, NO, or WAIT.
   */
  #blockMarker(at: number): number {
    const len = this.#len;
    const c = this.#code(at);
    let j = at;
    if (c === 45 || c === 42 || c === 43 || c === 0x2022) {
      j = at + 1;
    } else if (c === 35) {
      while (j < len && this.#code(j) === 35 && j - at < 7) j++;
      if (j - at > 6) return NO;
    } else if (isDigit(c)) {
      while (j < len && isDigit(this.#code(j)) && j - at < 4) j++;
      if (j - at > 3) return NO;
      if (j < len) {
        const d = this.#code(j);
        if (d !== 46 && d !== 41) return NO;
        j++;
      }
    } else {
      return NO;
    }
    if (j >= len) return this.#final ? NO : WAIT;
    const after = this.#code(j);
    return after === 32 || after === 9 ? 1 : NO;
  }

  /** A run of terminal marks at [i, runEnd): an end offset, NO, or WAIT. */
  #terminalRun(cs: number, i: number, runEnd: number, lineContent: number): number {
    const len = this.#len;
    let p = runEnd;
    while (p < len && is(CLOSER, this.#code(p))) p++;
    const closed = p > runEnd;
    if (is(CJK_TERMINAL, this.#code(runEnd - 1))) return p < len ? p : this.#atEnd(p);
    if (p >= len) return this.#atEnd(p);
    if (!isSpace(this.#code(p))) return NO;
    let q = p;
    while (q < len && isSpace(this.#code(q))) {
      if (this.#code(q) === LF) return p;
      q++;
    }
    if (q >= len) return this.#atEnd(p);
    if (this.#cutSurrogate(q)) return WAIT;
    if (this.#hasExclaim(i, runEnd)) {
      return closed && this.#isLower(q) ? NO : p;
    }
    if (runEnd - i > 1 || this.#code(i) !== 46) return this.#ifSentenceStart(q, p, NO);
    const word = this.#wordBefore(cs, i);
    if (word === '') {
      if (!closed && this.#isListNumber(cs, i, lineContent)) return NO;
    } else if (NEVER_ENDS.has(word)) {
      return NO;
    } else if (ENDS_BEFORE_START.has(word)) {
      return this.#ifSentenceStart(q, p, NO);
    } else if (word.length === 1 && word !== 'i' && this.#code(i - 1) <= 90) {
      // An initial; "I" is the pronoun far more often than an initial.
      return this.#ifSentenceStart(q, NO, p);
    }
    return closed && this.#isLower(q) ? NO : p;
  }

  #hasExclaim(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (is(EXCLAIM, this.#code(k))) return true;
    return false;
  }

  /** `yes` when a sentence starts at `q`, `no` when not, WAIT when that needs more text. */
  #ifSentenceStart(q: number, yes: number, no: number): number {
    if (this.#cutSurrogate(q)) return WAIT;
    const c = this.#code(q);
    if (is(SPANISH_OPENER, c) || this.#isSentenceLetter(q)) return yes;
    if (!is(OPENER, c)) return no;
    if (q + 1 >= this.#len) return this.#final ? no : WAIT;
    if (this.#cutSurrogate(q + 1)) return WAIT;
    return this.#isSentenceLetter(q + 1) ? yes : no;
  }

  /**
   * True when the window ends inside the code point at `at` (a high surrogate whose pair has not
   * arrived): its letter class is unknown yet, and deciding from the lone half would settle a
   * boundary that the whole text decides the other way.
   */
  #cutSurrogate(at: number): boolean {
    const c = this.#code(at);
    return !this.#final && at + 1 >= this.#len && c >= 0xd800 && c <= 0xdbff;
  }

  /** An upper-case letter, or a letter of a script without case (CJK, Arabic, Hebrew …). */
  #isSentenceLetter(at: number): boolean {
    const c = this.#code(at);
    if (c < 128) return c >= 65 && c <= 90;
    const ch = this.#char(at);
    return UPPER_OR_TITLE.test(ch) || UNCASED_LETTER.test(ch);
  }

  #isLower(at: number): boolean {
    const c = this.#code(at);
    if (c < 128) return c >= 97 && c <= 122;
    return LOWER.test(this.#char(at));
  }

  /** The lower-cased ASCII word (inner dots kept) right before the period at `i`, within the sentence. */
  #wordBefore(cs: number, i: number): string {
    let w = i;
    while (w > cs && (isAsciiLetter(this.#code(w - 1)) || this.#code(w - 1) === 46)) w--;
    while (w < i && this.#code(w) === 46) w++;
    if (w > cs && isDigit(this.#code(w - 1))) return '';
    return this.#text.slice(w, i).toLowerCase();
  }

  /** One to three digits before the period at `i`, at the start of the sentence or line, or after ": ". */
  #isListNumber(cs: number, i: number, lineContent: number): boolean {
    let d = i;
    while (d > cs && isDigit(this.#code(d - 1))) d--;
    const digits = i - d;
    if (digits === 0 || digits > 3) return false;
    if (d === cs || d === lineContent) return true;
    return d - 2 >= cs && this.#code(d - 1) === 32 && this.#code(d - 2) === 58;
  }

  /** The clause mark at `i` ending the first chunk: an end offset, NO, or WAIT. */
  #clause(cs: number, i: number): number {
    const c = this.#code(i);
    // Full-width marks need no space after them.
    if (c >= 0x3000) return i + 1;
    const at = i + 1;
    if (c === 0x2014) {
      if (!(i > cs && isDigit(this.#code(i - 1)))) return at;
      if (at >= this.#len) return this.#atEnd(at);
      return isDigit(this.#code(at)) ? NO : at;
    }
    if (c === 0x2013 && !(i > cs && this.#code(i - 1) === 32)) return NO;
    if (at >= this.#len) return this.#atEnd(at);
    return isSpace(this.#code(at)) ? at : NO;
  }

  /**
   * No boundary within the limit: the last whitespace within it, or a cut at the limit when the
   * run has none, moved back so it does not split a glyph.
   */
  #forcedEnd(cs: number): number {
    const limit = cs + this.#options.maxSentenceChars;
    for (let w = limit; w > cs; w--) if (isSpace(this.#code(w))) return w;
    for (let cut = limit; cut > cs + 1 && limit - cut < MAX_GLYPH_BACKOFF; cut--) {
      if (!this.#splitsGlyph(cut)) return cut;
    }
    const c = this.#code(limit);
    return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
  }

  #splitsGlyph(cut: number): boolean {
    const c = this.#code(cut);
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (this.#code(cut - 1) === ZWJ) return true;
    return c >= 0x300 && JOINED.test(this.#char(cut));
  }

  /** A code block opened at `cs` ends at the end of its closing fence line. */
  #fenceEnd(cs: number): number {
    const text = this.#text;
    let eol = text.indexOf('\n', cs + 3);
    while (eol !== -1) {
      const line = this.#nextLineContent(eol);
      if (line >= this.#len) break;
      if (text.startsWith('```', line)) {
        const close = text.indexOf('\n', line + 3);
        return close === -1 ? this.#atEnd(this.#len) : close;
      }
      eol = text.indexOf('\n', line);
    }
    return this.#atEnd(this.#len);
  }
}

/**
 * Finds the settled sentence ends in `text`, a window of a turn's carry buffer that starts where
 * the last released sentence ended.
 *
 * @param state what was released before the window.
 * @param final the stream has ended: everything left is settled and `pending` is false.
 */
export function scanSentenceEnds(text: string, state: ScanState, options: FilledChunkerOptions, final: boolean): ScanResult {
  const scanner = new Scanner(text, options, final);
  const ends: number[] = [];
  let start = 0;
  for (;;) {
    const end = scanner.sentenceEnd(start, state.sentencesEmitted + ends.length === 0);
    if (end === WAIT) return { ends, pending: true };
    if (end === NO) break;
    ends.push(end);
    start = end;
  }
  // Only whitespace is left after the last end: let the last sentence take it, so a final scan
  // leaves nothing behind.
  if (final && ends.length > 0) ends[ends.length - 1] = text.length;
  return { ends, pending: false };
}
