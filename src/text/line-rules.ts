/**
 * Line structure: where a line break ends a sentence and where it is a soft wrap inside one, and
 * fenced code blocks, which are one chunk from the opening fence to the end of the closing one.
 *
 * A line without final punctuation ends before a blank line, a list item, a heading, a code
 * fence, a quote (`>`) or table row (`|`), and before a line that starts with a capital, an
 * uncased letter or a digit (also after an opening bracket: "(6 3/4 in.)"); it also ends when it ends with a colon, and when it is a short label (one or
 * two words, "features\ncontact manager") before a lower-case line. A line of prose before a
 * lower-case line wraps, as does one that ends with a comma, a dash or a trailing space.
 */
import { blockMarkerAt } from './list-markers.js';
import {
  COLON,
  atEnd,
  cutSurrogate,
  INERT_NOT_LF,
  is,
  isDigit,
  isLower,
  isSentenceLetter,
  isSpace,
  LF,
  NO,
  OPENER,
  SPANISH_OPENER,
  type ScanWindow,
  WAIT,
} from './scan-window.js';

const BACKTICK = 96;
const CR = 13;
const QUOTE_LINE = 62;
const TABLE_ROW = 124;
/** Characters at a line's end that say the line goes on ("It was a cold,\nnight"). */
const CONTINUES_LINE = ',;-–—(&/';
/** Markdown that may open a line before its first letter ("**Summary**"). */
const LINE_OPENERS = '*_`[';

/** The first character of the line after the newline at `i` that is not blank (may be LF or len). */
export function nextLineContent(w: ScanWindow, i: number): number {
  let j = i + 1;
  while (j < w.len) {
    const c = w.text.charCodeAt(j);
    if (c === LF || !isSpace(c)) break;
    j++;
  }
  return j;
}

/**
 * Whether the line from `from` to the newline at `i` ends before the line starting at `next`
 * (not blank, not a fence): 1, NO (a soft wrap), or WAIT.
 */
export function lineEnds(w: ScanWindow, from: number, i: number, next: number): number {
  const { text } = w;
  const marker = blockMarkerAt(w, next);
  if (marker !== NO) return marker;
  let e = i;
  while (e > from && text.charCodeAt(e - 1) === CR) e--;
  const trailingSpace = e > from && isSpace(text.charCodeAt(e - 1));
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > from && text.charCodeAt(e - 1) === COLON) return 1;
  let k = next;
  while (k < w.len && k - next < 3 && (is(OPENER, text.charCodeAt(k)) || LINE_OPENERS.includes(text.charAt(k)))) k++;
  if (k >= w.len) return atEnd(w, 1);
  if (cutSurrogate(w, k)) return WAIT;
  const c = text.charCodeAt(k);
  if (c === QUOTE_LINE || c === TABLE_ROW || is(SPANISH_OPENER, c) || isDigit(c) || isSentenceLetter(w, k)) return 1;
  if (!isLower(w, k) || trailingSpace || (e > from && CONTINUES_LINE.includes(text.charAt(e - 1)))) return NO;
  let words = 0;
  for (let j = from; j < e && words < 3; j++) if (isSpace(text.charCodeAt(j)) && !isSpace(text.charCodeAt(j + 1))) words++;
  return words < 2 ? 1 : NO;
}

/** Whether a code fence starts at `at`: 1, NO, or WAIT. */
export function fenceAt(w: ScanWindow, at: number): number {
  for (let k = at; k < at + 3; k++) {
    if (k >= w.len) return w.final ? NO : WAIT;
    if (w.text.charCodeAt(k) !== BACKTICK) return NO;
  }
  return 1;
}

/**
 * A code block ends at the end of its closing fence line (or WAIT, or the end). `from` is where
 * to look for the next newline: right after the opening fence, or, going on from an earlier
 * scan, its last newline (every line before that one was whole and no closing fence).
 */
export function fenceEnd(w: ScanWindow, from: number): number {
  const { text } = w;
  let eol = text.indexOf('\n', from);
  while (eol !== -1) {
    const line = nextLineContent(w, eol);
    if (line >= w.len) break;
    if (text.startsWith('```', line)) {
      const close = text.indexOf('\n', line + 3);
      if (close !== -1) return close;
      break;
    }
    eol = text.indexOf('\n', line);
  }
  // Only a newline can complete a closing fence line.
  return w.final ? w.len : w.waitFor(INERT_NOT_LF, Number.POSITIVE_INFINITY);
}
