/**
 * What every part of the sentence scanner shares: the window being scanned, the decision
 * sentinels, and one table of character kinds indexed by UTF-16 code unit, so the hot loop of a
 * scan costs one lookup per character.
 */

/** The text a scan sees, and whether the stream has ended after it. */
export interface ScanWindow {
  readonly text: string;
  readonly len: number;
  readonly final: boolean;
  /**
   * Returns WAIT for a candidate that only some characters can decide: appended text made of
   * characters of the `inert` kinds (`INERT_*` bits) alone cannot, while the window is at most
   * `upTo` long. The carry's gate reads this to skip scans that would wait again.
   */
  waitFor(inert: number, upTo: number): number;
}

/** Whitespace other than a newline: what a wait for the next word or line skips over. */
export const INERT_BLANK = 1;
/** ASCII letters: what a wait for the end of a word skips over. */
export const INERT_LETTER = 2;
/** Anything but a newline: what a wait for a code block's closing fence line skips over. */
export const INERT_NOT_LF = 4;

/** The `INERT_*` kinds of a UTF-16 code unit. */
export function inertKinds(c: number): number {
  let kinds = c === 10 ? 0 : INERT_NOT_LF;
  if (c !== 10 && isSpace(c)) kinds |= INERT_BLANK;
  if ((c | 32) >= 97 && (c | 32) <= 122) kinds |= INERT_LETTER;
  return kinds;
}

/** Sentinel results of a decision; any value ≥ 0 is an end offset. */
export const NO = -1;
export const WAIT = -2;

/**
 * Terminal marks whose boundary needs whitespace after them: Latin, Arabic (؟ and the Urdu ۔),
 * Devanagari (। ॥) and Armenian (։) full stops and question marks.
 */
export const SPACED_TERMINALS = '.!?…‼⁇⁈⁉؟।॥۔։';
/**
 * Terminal marks of scripts written without spaces after them: a boundary right after them.
 * CJK (the full-width period ． only between words, not in ３．２９), Burmese (။) and Ethiopic
 * (። ፧).
 */
export const CJK_TERMINALS = '。！？｡．။።፧';
/** The full-width period, which is also a full-width decimal point. */
export const FULLWIDTH_PERIOD = 0xff0e;
/** Typographic list bullets; unlike "-" and "*", they also start inline items ("a • b"). */
export const BULLETS = '•◦‣⁃▪∙●○■□▸►';
/** Clause marks that may end the first chunk of a turn (only with `firstClauseChars`). */
export const CLAUSE_MARKS = ',;:—–，、；：';

/** Character kinds, as bits (every mark here is in the BMP). */
export const TERMINAL = 1;
export const CJK_TERMINAL = 2;
const CLAUSE = 4;
export const LINE_FEED = 8;
/** Marks that settle a sentence however it goes on: `?` `!` and kin. */
export const EXCLAIM = 16;
/**
 * Closing quotes, brackets and markdown emphasis that belong to the sentence they follow. Right
 * after a terminal mark, “ ‘ « ‹ close too: German „…“ and ‚…‘, and »…« quoting.
 */
export const CLOSER = 32;
/** Opening quotes and brackets that may come before the first letter of a sentence. */
export const OPENER = 64;
/** `¿` and `¡` open a Spanish sentence. */
export const SPANISH_OPENER = 128;
/** Brackets and quotes that hold CJK marks which do not end the sentence around them. */
export const CJK_OPEN = 256;
export const CJK_CLOSE = 512;
/** A backtick: inline code spans hold marks that end nothing ("run `make. Then`"). */
export const BACKTICK = 1024;
/** Characters that never start a sentence: a terminal run before them ends none ("Word . ,"). */
export const NOT_A_START = 2048;
/** Dashes that set off an aside or an attribution after a terminal run ("voila! -- you"). */
export const DASH = 4096;
/** Closing quotes (an attribution may follow one: "…reliability.” — Edsger W. Dijkstra"). */
export const CLOSING_QUOTE = 8192;
/** List bullets: "-" "*" "+" in markdown, and the typographic ones, which also start inline items. */
export const ASCII_BULLET = 16384;
export const BULLET = 32768;
export const CANDIDATE = TERMINAL | CJK_TERMINAL | CLAUSE | LINE_FEED;

/** One table lookup per character. */
export const KIND = new Uint16Array(0x10000);
for (const [chars, kind] of [
  [SPACED_TERMINALS, TERMINAL],
  [CJK_TERMINALS, TERMINAL | CJK_TERMINAL],
  [CLAUSE_MARKS, CLAUSE],
  ['\n', LINE_FEED],
  ['!?‼⁇⁈⁉؟।', EXCLAIM],
  ['"\'”’“‘«‹)]}»›」』）】〕〉》*_', CLOSER],
  ['"\'“‘„«‹([{「『（【', OPENER],
  ['¿¡', SPANISH_OPENER],
  ['「『《〈（【〔“', CJK_OPEN],
  ['」』》〉）】〕”', CJK_CLOSE],
  ['`', BACKTICK],
  [',;:)]}/%', NOT_A_START],
  ['-–—', DASH],
  ['"\'”’»›', CLOSING_QUOTE],
  ['-*+', ASCII_BULLET],
  [BULLETS, BULLET],
] as const) {
  for (const c of chars) KIND[c.charCodeAt(0)] = (KIND[c.charCodeAt(0)] as number) | kind;
}

export const is = (kind: number, c: number): boolean => ((KIND[c] as number) & kind) !== 0;

/** The characters the scanner's loop stops at: candidates, CJK brackets, backticks. */
export const LOOP_KINDS = CANDIDATE | CJK_OPEN | CJK_CLOSE | BACKTICK;

export const LF = 10;
export const SPACE = 32;
export const PERIOD = 46;
export const COLON = 58;
export const CLOSE_PAREN = 41;

/** The whitespace `String.prototype.trim` removes, so "whitespace-only" means the same here. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const isAsciiUpper = (c: number): boolean => c >= 65 && c <= 90;

const LETTER = /^\p{L}$/u;
const UPPER_OR_TITLE = /^[\p{Lu}\p{Lt}]$/u;
const LOWER = /^\p{Ll}$/u;
const UNCASED_LETTER = /^\p{Lo}$/u;

function charAt(w: ScanWindow, at: number): string {
  return String.fromCodePoint(w.text.codePointAt(at) as number);
}

/** Letter classes, as bits: a letter; upper or title case; lower case; a letter without case. */
const KNOWN = 1;
const LETTER_BIT = 2;
const UPPER_BIT = 4;
const LOWER_BIT = 8;
const UNCASED_BIT = 16;
/**
 * The letter classes of BMP code units beyond ASCII, filled on first sight: a regex test per
 * character cost more than the rest of a German or French sentence's scan.
 */
const LETTERS = new Uint8Array(0x10000);

function classesOf(ch: string): number {
  return (
    KNOWN |
    (LETTER.test(ch) ? LETTER_BIT : 0) |
    (UPPER_OR_TITLE.test(ch) ? UPPER_BIT : 0) |
    (LOWER.test(ch) ? LOWER_BIT : 0) |
    (UNCASED_LETTER.test(ch) ? UNCASED_BIT : 0)
  );
}

/** The letter classes of the character at `at` (not ASCII). */
function letterClasses(w: ScanWindow, at: number): number {
  const c = w.text.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdfff) return classesOf(charAt(w, at));
  let classes = LETTERS[c] as number;
  if (classes === 0) {
    classes = classesOf(String.fromCharCode(c));
    LETTERS[c] = classes;
  }
  return classes;
}

/** A letter of any script (a word character of an abbreviation or a sentence starter). */
export function isLetter(w: ScanWindow, at: number): boolean {
  const c = w.text.charCodeAt(at);
  if (c < 128) return isAsciiLower(c | 32);
  return (letterClasses(w, at) & LETTER_BIT) !== 0;
}

/** A lower-case letter: never the first letter of a sentence. */
export function isLower(w: ScanWindow, at: number): boolean {
  const c = w.text.charCodeAt(at);
  if (c < 128) return isAsciiLower(c);
  return (letterClasses(w, at) & LOWER_BIT) !== 0;
}

/** An upper-case letter, or a letter of a script without case (CJK, Arabic, Hebrew …). */
export function isSentenceLetter(w: ScanWindow, at: number): boolean {
  const c = w.text.charCodeAt(at);
  if (c < 128) return isAsciiUpper(c);
  return (letterClasses(w, at) & (UPPER_BIT | UNCASED_BIT)) !== 0;
}

/** An upper-case letter (not an uncased one). */
export function isUpper(w: ScanWindow, at: number): boolean {
  const c = w.text.charCodeAt(at);
  if (c < 128) return isAsciiUpper(c);
  return (letterClasses(w, at) & UPPER_BIT) !== 0;
}

/**
 * True when the window ends inside the code point at `at` (a high surrogate whose pair has not
 * arrived): its letter class is unknown yet, and deciding from the lone half would settle a
 * boundary that the whole text decides the other way.
 */
export function cutSurrogate(w: ScanWindow, at: number): boolean {
  const c = w.text.charCodeAt(at);
  return !w.final && at + 1 >= w.len && c >= 0xd800 && c <= 0xdbff;
}

/** `at` when the text has ended (a boundary at the end of text), otherwise WAIT. */
export function atEnd(w: ScanWindow, at: number): number {
  return w.final ? at : WAIT;
}
