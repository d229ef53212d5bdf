/**
 * The gate's knowledge of the scanner: which characters of a delta can start a candidate
 * boundary at all, and which following character rules one out, so the main thread scans only
 * when a delta may settle something (see `SentenceCarry.append`).
 */
import { BULLETS, CJK_TERMINALS, CLAUSE_MARKS, CLOSE_PAREN, COLON, PERIOD, SPACED_TERMINALS, isDigit, isSpace } from './scan-window.js';

/**
 * Every character that can start a candidate boundary: terminal marks, newlines, clause marks,
 * and the `)` and bullets of inline list markers. A delta without any of them cannot settle
 * anything new unless the last scan was pending or the carry outgrew the limit, which is what
 * lets the main thread skip scans (see `SentenceCarry`).
 */
export const CANDIDATE_CHARS: string = `${SPACED_TERMINALS}${CJK_TERMINALS}${CLAUSE_MARKS}\n)${BULLETS}`;


/**
 * Whether the character right after a candidate rules it out, so the gate need not scan for it:
 * a period glued to a lower-case ASCII letter or a digit (decimals, versions, URLs, e-mail
 * addresses: a glued period ends a sentence only before a capital), and a colon or a list
 * marker's `)` glued to anything but whitespace.
 */
export function ruledOutBy(candidate: number, next: number): boolean {
  if (candidate === PERIOD) return (next >= 97 && next <= 122) || isDigit(next);
  return (candidate === COLON || candidate === CLOSE_PAREN) && !isSpace(next);
}

/** The clause marks that matter only for `firstClauseChars` (the colon also ends before a list). */
export const FIRST_CLAUSE_ONLY: string = CLAUSE_MARKS.replace(':', '');
