/**
 * Whether a single period followed by whitespace ends a sentence: the word before it (an
 * abbreviation of the language, initials, a number, a plain word) and the word after it decide.
 *
 * - A lower-case word after it never starts a sentence ("Co. at noon", "U.S.A. last year").
 * - A number after it continues an abbreviation, initials, a symbol or a word ("No. 7", "p. 55",
 *   "S. 225", "N°. 12", "Lun. 15"); after a number, or as a list marker ("Do this. 1. Open"), it
 *   starts a new sentence.
 * - An abbreviation that never ends a sentence (titles, "e.g.", "z. B.") never does; one that
 *   may ("Inc.", "Jr.") ends it only before a sentence starter of the language ("Globex Inc. It
 *   is big" ends, "Acme Corp. Research" does not); one that ends its clause ("a.m.", "etc.",
 *   units) ends it before any capitalised word but a clause continuation ("He left at 6 P.M.
 *   Travelers", but "at 7 a.m. Eastern"), unless only a phrase put in front came before it
 *   ("At 5 a.m. Mr. Smith went").
 * - Upper-case initials and single letters ("J.K.", "U.S.", "I.", "C.") are followed by another initial
 *   ("J. R. R. Tolkien") or end only before a sentence starter: "Albert I. Jones" and "the U.S.
 *   Government" go on, "vitamin C. They" and "the U.S. How" end. A single initial that opens its
 *   sentence ("Q. What is his name?") or a lone letter of a script without case ("د." for
 *   doctor) never ends one.
 * - A number with a period is an ordinal in languages that write them so ("am 12. Juni"), ending
 *   only before a starter; a number glued to a word is a footnote mark, not an ordinal
 *   ("pro Jahr10. Zudem"), and one of four digits is a year ("im Jahr 2020. Seitdem").
 * - A word that ends in one of the language's compound endings is an abbreviation that may end
 *   a sentence ("in der Hauptstr. 8" goes on).
 * - A number after a plain word of four or more letters with a vowel starts a sentence ("af
 *   kwamen. 81 procent"); after a short or vowelless word it is a reference ("Rs. 3520", "pkt.
 *   3"). A number glued to letters ("2nd", "10th") is a word.
 * - A lettered list that opens after a sentence ("Smith. a. here it is b. another") starts there.
 * - Any other word before the period ends the sentence.
 */
import {
  type BoundaryRules,
  ENDS_BEFORE_STARTER,
  ENDS_CLAUSE,
  type EndsWhere,
  lookUpAbbreviation,
  NEVER_ENDS,
  partHash,
} from './boundary-rules.js';
import { listMarkerAt } from './list-markers.js';
import {
  cutSurrogate,
  INERT_LETTER,
  is,
  isDigit,
  isLetter,
  isLower,
  isSentenceLetter,
  isSpace,
  isUpper,
  NO,
  OPENER,
  PERIOD,
  SPACE,
  SPANISH_OPENER,
  type ScanWindow,
  WAIT,
} from './scan-window.js';

/** What stands right before a period. */
interface WordBefore {
  /** A plain word, a number (or a word glued to digits), or nothing word-like ("N°", ")"). */
  kind: 'word' | 'number' | 'none';
  /**
   * The abbreviation's parts joined by dots ("z.B" for "z. B"), as written; "" for a word that is
   * no abbreviation's, spaced prefix's or initials' (nothing reads it then).
   */
  joined: string;
  /** Every part is a single letter: initials or an initialism ("J", "U.S", "J.R.R"). */
  initials: boolean;
  /** Known to the language: undefined when not, otherwise where it may end a sentence. */
  mayEnd: EndsWhere | undefined;
  /** Where the word's own letters (or digits, for a number) begin. */
  from: number;
}

/** Longest run of parts of a spaced abbreviation looked at ("i. d. R."). */
const MAX_SPACED_PARTS = 4;
/** Longest sentence starter read after a period, in UTF-16 units. */
const MAX_STARTER = 24;
const APOSTROPHES = "'’";
/** A consonant of the ASCII alphabet, either case ("y" counts as a vowel). */
function isAsciiConsonant(c: number): boolean {
  const lower = c | 32;
  return lower >= 98 && lower <= 122 && lower !== 101 && lower !== 105 && lower !== 111 && lower !== 117 && lower !== 121;
}
const HYPHEN = 45;
const LOWER_A = 97;
const COMMA = 44;
/** Characters that glue a word into an address or identifier ("Jane.Doe@example.com", "a.B_c"). */
const GLUED_TOKEN = '@/_\\:';

/** The start of the run of letters that ends at `end`, not before `from`. */
function lettersFrom(w: ScanWindow, from: number, end: number): number {
  let k = end;
  while (k > from && isLetter(w, k - 1)) k--;
  return k;
}

function wordBefore(w: ScanWindow, rules: BoundaryRules, cs: number, i: number): WordBefore {
  const { text } = w;
  // Letters and inner dots: "Dr", "e.g", "U.S.A", "Ph.D".
  let start = i;
  while (start > cs) {
    const k = lettersFrom(w, cs, start);
    if (k === start) break;
    start = k;
    if (start - 1 > cs && text.charCodeAt(start - 1) === PERIOD && isLetter(w, start - 2)) start--;
    else break;
  }
  if (start === i || (start > cs && isDigit(text.charCodeAt(start - 1)))) {
    const number = i > cs && isDigit(text.charCodeAt(i - 1));
    return { kind: number || start < i ? 'number' : 'none', joined: '', initials: false, mayEnd: undefined, from: start };
  }
  // Upper-case initials only, standing alone: a lone lower-case letter with a period is rarely
  // an initial, and a letter glued to a symbol is a unit ("120.5°C."). Only the word's own
  // parts count ("J.K", not "Dr. J").
  let dots = 0;
  for (let k = start; k < i; k++) if (text.charCodeAt(k) === PERIOD) dots++;
  const single = i - start === 2 * dots + 1 && isUpper(w, i - 1);
  if (dots === 0 && rules.compoundEndings.length > 0 && endsCompound(text, rules.compoundEndings, start, i)) {
    return { kind: 'word', joined: text.slice(start, i), initials: false, mayEnd: ENDS_BEFORE_STARTER, from: start };
  }
  // Every key looked up ends with the word's last part; most words are no abbreviation's.
  const hash = partHash(text, dots === 0 ? start : text.lastIndexOf('.', i - 1) + 1, i);
  if (hash !== -1 && !rules.lastParts.has(hash)) {
    const initials = single && standsAlone(w, cs, spacedFrom(w, rules, cs, start, dots + 1));
    return { kind: 'word', joined: initials ? text.slice(start, i) : '', initials, mayEnd: undefined, from: start };
  }
  const from = spacedFrom(w, rules, cs, start, dots + 1);
  if (from === start) {
    // No spaced parts before the word ("Dr", "usw", "e.g", "U.S"), the common case: one lookup.
    const written = text.slice(start, i);
    const mayEnd = lookUpAbbreviation(rules, written);
    return { kind: 'word', joined: written, initials: mayEnd === undefined && single && standsAlone(w, cs, from), mayEnd, from: start };
  }
  const parts = text.slice(from, i).replaceAll('. ', '.').split('.');
  // Longest first, and always the whole word.
  for (let n = 0; n <= parts.length - (dots + 1); n++) {
    const joined = parts.slice(n).join('.');
    const mayEnd = lookUpAbbreviation(rules, joined);
    if (mayEnd !== undefined) return { kind: 'word', joined, initials: false, mayEnd, from: start };
  }
  return { kind: 'word', joined: text.slice(start, i), initials: single && standsAlone(w, cs, from), mayEnd: undefined, from: start };
}

/** Whether the word from `start` to `end` is longer than one of `endings` and ends with it, in any case. */
function endsCompound(text: string, endings: readonly string[], start: number, end: number): boolean {
  for (const ending of endings) {
    const from = end - ending.length;
    if (from <= start) continue;
    let k = 0;
    while (k < ending.length && (text.charCodeAt(from + k) | 32) === ending.charCodeAt(k)) k++;
    if (k === ending.length) return true;
  }
  return false;
}

/**
 * Where the spaced parts before the word at `start` begin ("z. B", "EE. UU", "i. d. R",
 * "J. R. R"), given its own number of parts; `start` when there are none.
 */
function spacedFrom(w: ScanWindow, rules: BoundaryRules, cs: number, start: number, parts: number): number {
  const { text } = w;
  let from = start;
  for (let n = parts; n < MAX_SPACED_PARTS && from - 3 >= cs && text.charCodeAt(from - 1) === SPACE && text.charCodeAt(from - 2) === PERIOD; n++) {
    const k = lettersFrom(w, cs, from - 2);
    const length = from - 2 - k;
    if (length === 0 || length > rules.longestPart || (k > cs && !(text.charCodeAt(k - 1) === SPACE || is(OPENER, text.charCodeAt(k - 1))))) break;
    from = k;
  }
  return from;
}

/** The start of the number (digits and inner `,` `.`) that ends at `end`, not before `from`. */
function numberFrom(w: ScanWindow, from: number, end: number): number {
  let k = end;
  while (k > from && (isDigit(w.text.charCodeAt(k - 1)) || ((w.text.charCodeAt(k - 1) === COMMA || w.text.charCodeAt(k - 1) === PERIOD) && k - 2 >= from && isDigit(w.text.charCodeAt(k - 2))))) k--;
  return k;
}

/** Whether the number from `from` to `to` is more than a list item's: a separator or four digits. */
function bigNumber(w: ScanWindow, from: number, to: number): boolean {
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = w.text.charCodeAt(k);
    if (c === COMMA || c === PERIOD) return true;
    digits++;
  }
  return digits >= 4;
}

/** Whether the word at `from` follows a space, an opening bracket or quote, or the sentence start. */
function standsAlone(w: ScanWindow, cs: number, from: number): boolean {
  const before = w.text.charCodeAt(from - 1);
  return from === cs || isSpace(before) || is(OPENER, before);
}

/**
 * `yes` when a sentence starter of the language begins at `q` (after any opening quotes or
 * brackets), or a letter of a script without case, or `¿` `¡`; `no` when not; WAIT when the
 * word is not complete yet. With `anyCapital`, any capitalised word but a clause continuation
 * counts as a starter.
 */
function ifStarter(w: ScanWindow, rules: BoundaryRules, q: number, yes: number, no: number, anyCapital = false): number {
  const { text, len } = w;
  if (is(SPANISH_OPENER, text.charCodeAt(q))) return yes;
  let k = q;
  while (k < len && k - q < 3 && is(OPENER, text.charCodeAt(k))) k++;
  if (k >= len) return w.final ? no : WAIT;
  if (cutSurrogate(w, k)) return WAIT;
  if (!isSentenceLetter(w, k)) return no;
  if (!isUpper(w, k)) return yes;
  let e = k + 1;
  while (e < len && e - k < MAX_STARTER && (isLetter(w, e) || APOSTROPHES.includes(text.charAt(e)))) e++;
  if (e >= len && !w.final) return w.waitFor(INERT_LETTER, k + MAX_STARTER);
  const word = text.slice(k, e);
  if (rules.starters.has(word) || rules.starterSuffixes.some((suffix) => word.endsWith(suffix))) return yes;
  return anyCapital && !rules.continuations.has(word) ? yes : no;
}

/** Whether only a short phrase comes before `from` in the sentence ("At 5 a.m.", "By 4 p.m."). */
function fronted(w: ScanWindow, cs: number, from: number): boolean {
  let words = 0;
  for (let k = cs; k < from && words < 3; k++) if (isSpace(w.text.charCodeAt(k)) && !isSpace(w.text.charCodeAt(k + 1))) words++;
  return words < 3;
}

/** Whether the word from `from` to `to` reads as an ordinary word: four or more letters, one of them no ASCII consonant. */
function ordinaryWord(w: ScanWindow, from: number, to: number): boolean {
  if (to - from < 4) return false;
  for (let k = from; k < to; k++) if (!isAsciiConsonant(w.text.charCodeAt(k))) return true;
  return false;
}

/** At a digit `q`: 1 when the digits run into letters ("2nd", "10th"), NO when not, WAIT when unknown yet. */
function digitsIntoLetters(w: ScanWindow, q: number): number {
  let k = q;
  while (k < w.len && isDigit(w.text.charCodeAt(k))) k++;
  if (k >= w.len) return w.final ? NO : WAIT;
  if (cutSurrogate(w, k)) return WAIT;
  return isLetter(w, k) ? 1 : NO;
}

/** Longest ordinal written with a period, in digits ("am 12. Juni", "zum 100. Mal"); four digits are a year ("im Jahr 2020. Seitdem"). */
const MAX_ORDINAL_DIGITS = 3;

/**
 * Whether the number ending before `i` may be an ordinal: at most three digits, standing alone
 * rather than glued to a word or sign ("Jahr10", "%11").
 */
function mayBeOrdinal(w: ScanWindow, cs: number, i: number): boolean {
  let k = i;
  while (k > cs && isDigit(w.text.charCodeAt(k - 1))) k--;
  if (i - k > MAX_ORDINAL_DIGITS) return false;
  if (k === cs) return true;
  const c = w.text.charCodeAt(k - 1);
  return isSpace(c) || is(OPENER, c) || c === HYPHEN;
}

/**
 * The letters of a following abbreviation part at `q` ("B" of "z. B."), as written, or "" when
 * there is none (no period after them); undefined when the window ends before that is known.
 */
function partAt(w: ScanWindow, rules: BoundaryRules, q: number): string | undefined {
  let e = q;
  while (e < w.len && e - q <= rules.longestPart && isLetter(w, e)) e++;
  if (e >= w.len) return w.final ? '' : undefined;
  return e > q && w.text.charCodeAt(e) === PERIOD ? w.text.slice(q, e) : '';
}

/**
 * The period at `i` (one period, nothing glued after it but closers up to `p`), with the next
 * word starting at `q` on the same line: `p` when it ends the sentence, NO, or WAIT.
 */
export function periodEnds(w: ScanWindow, rules: BoundaryRules, cs: number, i: number, p: number, q: number): number {
  if (isLower(w, q)) return w.text.charCodeAt(q) === LOWER_A ? listOpensAt(w, rules, cs, i, p, q) : NO;
  const word = wordBefore(w, rules, cs, i);
  const plain = word.kind === 'word' && word.mayEnd === undefined && !word.initials;
  if (isDigit(w.text.charCodeAt(q))) {
    const glued = word.kind === 'number' ? NO : digitsIntoLetters(w, q);
    if (glued === WAIT) return WAIT;
    if (glued === NO) {
      if (word.kind === 'number') return p;
      // A number after a word and its period is a reference ("párrf. 5", "Lun. 15", "Rs. 3520"),
      // unless an ordinary word ends a sentence there ("kwamen. 81 procent") or a list starts
      // there ("Do this. 1. Open it").
      if (plain && ordinaryWord(w, word.from, i)) return p;
      const marker = plain ? listMarkerAt(w, q) : NO;
      return marker === WAIT ? WAIT : typeof marker === 'number' ? NO : p;
    }
  }
  if (word.kind === 'number') return rules.ordinalPeriod && mayBeOrdinal(w, cs, i) ? ifStarter(w, rules, q, p, NO) : p;
  if (word.kind === 'none') return p;
  if (i - word.from === 1 && standsAlone(w, cs, word.from)) {
    // "Q. What is his name?": a sentence is more than an initial; "د. ديفيد": a lone letter of a
    // script without case abbreviates a word.
    if (word.initials && word.from === cs) return NO;
    if (word.mayEnd === undefined && !isUpper(w, word.from) && !isLower(w, word.from)) return NO;
  }
  if (word.mayEnd === undefined && (word.initials || (word.joined !== '' && rules.spacedPrefixes.has(word.joined.toLowerCase())))) {
    // "z. B.", "EE. UU.", "J. R. R.": the next part continues it.
    const part = partAt(w, rules, q);
    // More letters go on with the part, up to the longest one.
    if (part === undefined) return w.waitFor(INERT_LETTER, q + rules.longestPart);
    const joined = `${word.joined}.${part}`;
    if (part !== '' && (part.length === 1 || rules.spacedPrefixes.has(joined.toLowerCase()) || lookUpAbbreviation(rules, joined) !== undefined)) {
      return NO;
    }
  }
  if (word.mayEnd === NEVER_ENDS) return NO;
  if (word.mayEnd === ENDS_CLAUSE) return ifStarter(w, rules, q, p, NO, !fronted(w, cs, word.from));
  if (word.mayEnd === ENDS_BEFORE_STARTER || word.initials) return ifStarter(w, rules, q, p, NO);
  return p;
}

/**
 * The period at `i` before a lower-case `a` at `q`: `p` when a lettered list opens there after an
 * ordinary word ("Smith. a. here it is b. another", not "u. a."), NO, or WAIT.
 */
function listOpensAt(w: ScanWindow, rules: BoundaryRules, cs: number, i: number, p: number, q: number): number {
  const marker = listMarkerAt(w, q);
  if (marker === WAIT) return WAIT;
  if (typeof marker === 'number' || !marker.opens) return NO;
  const word = wordBefore(w, rules, cs, i);
  return word.kind === 'word' && word.mayEnd === undefined && !word.initials && ordinaryWord(w, word.from, i) ? p : NO;
}

/**
 * A period glued to the next word ("Barney.The bird"): `p` when it ends a sentence (a plain word
 * of two or more letters, or a number with a thousands separator or four digits, that stands
 * alone, then a capitalised word: "bought 1,000.That is a lot"), NO, or WAIT. URLs, file names,
 * e-mail addresses, "e.g.The" and list items ("1.Helado, 2.Carne") stay whole: the word before
 * must follow a space.
 */
export function gluedPeriodEnds(w: ScanWindow, rules: BoundaryRules, cs: number, i: number, p: number): number {
  if (!isUpper(w, p)) return cutSurrogate(w, p) ? WAIT : NO;
  if (p + 1 >= w.len) return w.final ? NO : WAIT;
  if (!isLower(w, p + 1)) return NO;
  const number = isDigit(w.text.charCodeAt(i - 1));
  const start = number ? numberFrom(w, cs, i) : lettersFrom(w, cs, i);
  if (number ? !bigNumber(w, start, i) : i - start < 2 || !isLower(w, i - 1)) return NO;
  if (start > cs && w.text.charCodeAt(start - 1) !== SPACE) return NO;
  if (!number && lookUpAbbreviation(rules, w.text.slice(start, i)) !== undefined) return NO;
  // The word after must end like a word, not go on as an address ("Jane.Doe@example.com").
  let e = p + 2;
  while (e < w.len && isLetter(w, e)) e++;
  if (e + 1 >= w.len) return w.final ? p : WAIT;
  const c = w.text.charCodeAt(e);
  return GLUED_TOKEN.includes(w.text.charAt(e)) || isDigit(c) || (c === PERIOD && !isSpace(w.text.charCodeAt(e + 1))) ? NO : p;
}
