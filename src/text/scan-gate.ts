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

/**
 * Whether the text of `delta` around the candidate at `i` rules it out, so the gate need not
 * scan for it. It looks only inside the delta; what it cannot see there counts as not ruled out.
 *
 * - A period glued to a lower-case ASCII letter or a digit (decimals, versions, URLs, e-mail
 *   addresses: a glued period ends a sentence only before a capital), or followed by one blank
 *   and a lower-case ASCII word ("incl. tax": a lower-case word never starts a sentence, but
 *   "a" may open a lettered list, "Smith. a. here").
 * - Another spaced mark glued to an ASCII letter or digit ("index.html?ref=2", "wait…what":
 *   only a period ends a sentence without a space after it).
 * - A colon glued to anything but whitespace ("https://").
 * - A `)` glued to anything but whitespace, or one that no list label stands before: a label is
 *   one to three digits or letters, maybe a period, after a blank or a `(` ("1)" "b)" "(2.)";
 *   not "1,00)" or "v2)x").
 */
export function ruledOutBy(delta: string, i: number): boolean {
  const candidate = delta.charCodeAt(i);
  if (i + 1 >= delta.length) return false;
  const next = delta.charCodeAt(i + 1);
  if (candidate === PERIOD) {
    if (isAsciiLower(next) || isDigit(next)) return true;
    if ((next !== SPACE && next !== TAB) || i + 2 >= delta.length) return false;
    const after = delta.charCodeAt(i + 2);
    return isAsciiLower(after) && after !== LOWER_A;
  }
  if (GLUED_NEVER_ENDS[candidate] === 1) return isAsciiLetter(next) || isDigit(next);
  if (candidate === COLON) return !isSpace(next);
  if (candidate !== CLOSE_PAREN) return false;
  if (!isSpace(next)) return true;
  let k = i - 1;
  if (k >= 0 && delta.charCodeAt(k) === PERIOD) k--;
  const labelEnd = k;
  while (k >= 0 && labelEnd - k < 4 && (isDigit(delta.charCodeAt(k)) || isAsciiLower(delta.charCodeAt(k)))) k--;
  if (k < 0) return false;
  const before = delta.charCodeAt(k);
  return k === labelEnd || labelEnd - k > 3 || !(isSpace(before) || before === OPEN_PAREN);
}

/** The clause marks that matter only for `firstClauseChars` (the colon also ends before a list). */
export const FIRST_CLAUSE_ONLY: string = CLAUSE_MARKS.replace(':', '');
