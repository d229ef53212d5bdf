/**
 * List markers and headings, at the start of a line or a sentence: "1." "1)" "1.)" "(1)" "(1.)",
 * "a." "a)" "(a)", Roman numerals at a line start ("II."), bullets ("-" "*" "+" "•" "⁃" …, also before a number: "• 9." "⁃10."), and
 * markdown headings "#" to "######". Each is followed by a space or a tab, except a bullet
 * directly before a number.
 *
 * A list item is its own sentence even without final punctuation: at a line end, and inline,
 * where the next item's marker ("… first item 2. The second …") ends it. Inline items are found
 * only for numbers, letters and non-ASCII bullets: a " - " or " * " inside a line is a dash or
 * an emphasis far more often than a bullet.
 */
import { ASCII_BULLET, BULLET, CLOSE_PAREN, is, isDigit, isSpace, NO, type ScanWindow, WAIT } from './scan-window.js';

/** A list marker found at some offset. */
interface ListMarker {
  /** Offset after the marker and the blank after it: where the item's text starts. */
  end: number;
  /** The next item's marker as it would appear inline, after a space (" 2." " b)" " •"), or "". */
  next: string;
  /** Whether it can open a list: the first number or letter, or a bullet. */
  opens: boolean;
}

const HASH = 35;
const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const OPEN_PAREN = 40;

/** The character after a marker: WAIT at the end of the window, else whether it is a blank. */
function blankAfter(w: ScanWindow, at: number): number {
  if (at >= w.len) return w.final ? NO : WAIT;
  const c = w.text.charCodeAt(at);
  return c === 32 || c === 9 ? 1 : NO;
}

/** The end of the blanks from `at`, within the line. */
function skipBlanks(w: ScanWindow, at: number): number {
  let j = at;
  while (j < w.len && (w.text.charCodeAt(j) === 32 || w.text.charCodeAt(j) === 9)) j++;
  return j;
}

/**
 * A numbered or lettered marker at `at`: "12." "3)" "4.)" "(5)" "(6.)" "a." "b)" "(c)". The
 * number has one to three digits; the letter is a lower-case ASCII letter, or at the start of a
 * line two of them ("ab." "zz."), a marker of its own that no inline item follows, or a Roman
 * numeral ("II.").
 */
function enumerator(w: ScanWindow, at: number, lineStart: boolean): ListMarker | number {
  const { text, len } = w;
  let j = at;
  const paren = text.charCodeAt(j) === OPEN_PAREN;
  if (paren) j++;
  if (j >= len) return w.final ? NO : WAIT;
  const first = text.charCodeAt(j);
  let label: string;
  if (isDigit(first)) {
    const from = j;
    while (j < len && isDigit(text.charCodeAt(j)) && j - from < 4) j++;
    if (j - from > 3) return NO;
    label = text.slice(from, j);
  } else if (first >= 97 && first <= 122) {
    const from = j++;
    if (lineStart && !paren && j < len && isAsciiLower(text.charCodeAt(j))) j++;
    label = text.slice(from, j);
  } else if (lineStart && !paren && isRomanDigit(first)) {
    return romanNumeral(w, j);
  } else {
    return NO;
  }
  const suffixFrom = j;
  if (j >= len) return w.final ? NO : WAIT;
  if (text.charCodeAt(j) === 46) j++;
  if (j < len && text.charCodeAt(j) === CLOSE_PAREN) j++;
  else if (j === suffixFrom || paren) return j >= len ? (w.final ? NO : WAIT) : NO;
  const blank = blankAfter(w, j);
  if (blank !== 1) return blank;
  const number = isDigit(first);
  if (!number && label.length === 2) return { end: skipBlanks(w, j), next: '', opens: false };
  const following = number ? String(Number(label) + 1) : String.fromCharCode(first + 1);
  return {
    end: skipBlanks(w, j),
    next: first === 122 ? '' : ` ${paren ? '(' : ''}${following}${text.slice(suffixFrom, j)}`,
    opens: number ? label === '1' : first === 97,
  };
}

const isRomanDigit = (c: number): boolean => c === 73 || c === 86 || c === 88;
/** Longest Roman numeral read as a marker ("XVIII" has five). */
const MAX_ROMAN = 5;

/**
 * A Roman numeral marker at the start of a line, "I." to "XXXIX." or with ")": an outline's
 * section ("II. Methods"). It opens a list only as "I"; no inline item follows it.
 */
function romanNumeral(w: ScanWindow, at: number): ListMarker | number {
  const { text, len } = w;
  let j = at;
  while (j < len && j - at < MAX_ROMAN && isRomanDigit(text.charCodeAt(j))) j++;
  if (j >= len) return w.final ? NO : WAIT;
  const c = text.charCodeAt(j);
  if (c !== 46 && c !== CLOSE_PAREN) return NO;
  const blank = blankAfter(w, j + 1);
  if (blank !== 1) return blank;
  return { end: skipBlanks(w, j + 1), next: '', opens: j - at === 1 && text.charCodeAt(at) === 73 };
}

/**
 * The list marker that starts at `at`, NO, or WAIT when the window ends inside a possible one.
 * `lineStart`: `at` starts a line, where two-letter markers count too.
 */
export function listMarkerAt(w: ScanWindow, at: number, lineStart = false): ListMarker | number {
  if (at >= w.len) return w.final ? NO : WAIT;
  const code = w.text.charCodeAt(at);
  // Most sentences start with a capital, which starts no marker (but a line's Roman numeral):
  // decided before any string work.
  if (code >= 65 && code <= 90 && !(lineStart && isRomanDigit(code))) return NO;
  const ascii = is(ASCII_BULLET, code);
  if (ascii || is(BULLET, code)) {
    const next = ascii ? '' : ` ${w.text.charAt(at)}`;
    // "⁃10. The item": a bullet glued to a number.
    if (!ascii && at + 1 < w.len && isDigit(w.text.charCodeAt(at + 1))) {
      const numbered = enumerator(w, at + 1, false);
      return typeof numbered === 'number' ? numbered : { ...numbered, next, opens: true };
    }
    const blank = blankAfter(w, at + 1);
    if (blank !== 1) return blank;
    const end = skipBlanks(w, at + 1);
    // "• 9. The item": the number after the bullet is part of the marker.
    const numbered = end >= w.len ? (w.final ? NO : WAIT) : isDigit(w.text.charCodeAt(end)) ? enumerator(w, end, false) : NO;
    if (numbered === WAIT) return WAIT;
    return { end: typeof numbered === 'number' ? end : numbered.end, next, opens: true };
  }
  return enumerator(w, at, lineStart);
}

/** Whether a markdown heading ("#" to "######" and a blank) starts at `at`: 1, NO, or WAIT. */
function headingAt(w: ScanWindow, at: number): number {
  let j = at;
  while (j < w.len && w.text.charCodeAt(j) === HASH && j - at < 7) j++;
  if (j === at || j - at > 6) return NO;
  return blankAfter(w, j);
}

/** Whether a list item or a heading starts at `at`: 1, NO, or WAIT. */
export function blockMarkerAt(w: ScanWindow, at: number): number {
  const heading = headingAt(w, at);
  if (heading !== NO) return heading;
  // A bullet and a blank make an item whatever follows ("• 9." or not).
  if (at < w.len && is(ASCII_BULLET | BULLET, w.text.charCodeAt(at)) && blankAfter(w, at + 1) === 1) return 1;
  const marker = listMarkerAt(w, at, true);
  return typeof marker === 'number' ? marker : 1;
}

/**
 * Where the next inline item of a list starts, looking from `from` up to `stop`: the offset of
 * its marker, `stop` when there is none, or WAIT when the window ends in what may be the start
 * of one. `next` is the marker's `next`, as " 2." or " •".
 */
export function nextInlineItem(w: ScanWindow, next: string, from: number, stop: number): number {
  const { text } = w;
  // Search only up to `stop`: an unbounded indexOf over a long window made a whole-text scan
  // quadratic in the number of list items.
  const bounded = stop + next.length + 1 >= w.len ? text : text.slice(0, stop + next.length + 1);
  let k = bounded.indexOf(next, from);
  while (k !== -1 && k < stop) {
    const after = k + next.length;
    if (after >= w.len) return w.final ? stop : WAIT;
    const c = text.charCodeAt(after);
    if (c === 32 || c === 9 || (next.length === 2 && isDigit(c))) return k + 1;
    k = bounded.indexOf(next, k + 1);
  }
  if (w.final || stop < w.len) return stop;
  // The window may end inside the next marker: " 2" of " 2.", or a lone space.
  for (let t = Math.max(from, w.len - next.length); t < w.len; t++) {
    if (next.startsWith(text.slice(t)) && isSpace(text.charCodeAt(t))) return WAIT;
  }
  return stop;
}
