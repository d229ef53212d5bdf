/**
 * The gate's knowledge of the scanner: which characters of a delta can start a candidate
 * boundary at all, and which following character rules one out, so the main thread scans only
 * when a delta may settle something (see `SentenceCarry.append`).
 */
import { BULLETS, CJK_TERMINALS, CLAUSE_MARKS, CLOSE_PAREN, COLON, PERIOD, SPACE, SPACED_TERMINALS, isDigit, isSpace } from './scan-window.js';

/**
 * Every character that can start a candidate boundary: terminal marks, newlines, clause marks,
 * and the `)` and bullets of inline list markers. A delta without any of them cannot settle
 * anything new unless the last scan was pending or the carry outgrew the limit, which is what
 * lets the main thread skip scans (see `SentenceCarry`).
 */
export const CANDIDATE_CHARS: string = `${SPACED_TERMINALS}${CJK_TERMINALS}${CLAUSE_MARKS}\n)${BULLETS}`;


/** The spaced terminal marks other than the period, which end nothing glued to a word. */
const GLUED_NEVER_ENDS = new Uint8Array(0x10000);
for (const c of SPACED_TERMINALS) if (c !== '.') GLUED_NEVER_ENDS[c.charCodeAt(0)] = 1;

const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const LOWER_A = 97;
const TAB = 9;
const OPEN_PAREN = 40;
/** Longest list label before a `)`, in characters ("123)"). */
const MAX_LABEL = 3;

/**
 * Whether the two characters after a candidate rule it out, so the gate need not scan for it
 * (-1 for a character the gate has not seen, which rules nothing out):
 *
 * - A period glued to a lower-case ASCII letter or a digit (decimals, versions, URLs, e-mail
 *   addresses: a glued period ends a sentence only before a capital), or followed by one blank
 *   and a lower-case ASCII word ("incl. tax": a lower-case word never starts a sentence, but
 *   "a" may open a lettered list, "Smith. a. here").
 * - Another spaced mark glued to an ASCII letter or digit ("index.html?ref=2", "wait…what":
 *   only a period ends a sentence without a space after it).
 * - A colon or a list marker's `)` glued to anything but whitespace ("https://", "a)b").
 */
export function ruledOutBy(candidate: number, next: number, afterNext: number): boolean {
  if (next === -1) return false;
  if (candidate === PERIOD) {
    if (isAsciiLower(next) || isDigit(next)) return true;
    return (next === SPACE || next === TAB) && isAsciiLower(afterNext) && afterNext !== LOWER_A;
  }
  if (GLUED_NEVER_ENDS[candidate] === 1) return isAsciiLetter(next) || isDigit(next);
  return (candidate === COLON || candidate === CLOSE_PAREN) && !isSpace(next);
}

/**
 * Whether no list label stands before the `)` at `i` of `delta`, so it ends no list item: a
 * label is one to three digits or letters, maybe a period, after a blank or a `(` ("1)" "b)"
 * "(2.)"; not "1,00)" or "f(x=1)"). False when the delta does not reach back far enough to tell.
 */
export function noListLabelBefore(delta: string, i: number): boolean {
  let k = i - 1;
  if (k >= 0 && delta.charCodeAt(k) === PERIOD) k--;
  const labelEnd = k;
  while (k >= 0 && labelEnd - k <= MAX_LABEL && (isDigit(delta.charCodeAt(k)) || isAsciiLower(delta.charCodeAt(k)))) k--;
  if (k < 0) return false;
  const before = delta.charCodeAt(k);
  return k === labelEnd || labelEnd - k > MAX_LABEL || !(isSpace(before) || before === OPEN_PAREN);
}

/** The clause marks that matter only for `firstClauseChars` (the colon also ends before a list). */
export const FIRST_CLAUSE_ONLY: string = CLAUSE_MARKS.replace(':', '');
