/**
 * Whether a run of terminal marks ends its sentence: `.` `!` `?` `…`, their other-script forms,
 * a spaced ". . .", and the CJK full-width marks, with the closers after them. The rules are
 * listed in `sentence-boundaries.ts`; a single period goes on to `period-rules.ts`.
 */
import type { BoundaryRules } from './boundary-rules.js';
import { gluedPeriodEnds, periodEnds } from './period-rules.js';
import {
  atEnd,
  CJK_CLOSE,
  CJK_OPEN,
  CJK_TERMINAL,
  CLOSER,
  CLOSING_QUOTE,
  cutSurrogate,
  DASH,
  EXCLAIM,
  FULLWIDTH_PERIOD,
  INERT_BLANK,
  is,
  isDigit,
  isLetter,
  isLower,
  isSentenceLetter,
  isSpace,
  LF,
  NO,
  NOT_A_START,
  OPENER,
  PERIOD,
  SPACE,
  SPANISH_OPENER,
  type ScanWindow,
  TERMINAL,
  WAIT,
} from './scan-window.js';

const HYPHEN = 45;
const OPEN_BRACKET = 91;
const OPEN_PAREN = 40;
const FULLWIDTH_OPEN_PAREN = 0xff08;
const isAnyDigit = (c: number): boolean => isDigit(c) || (c >= 0xff10 && c <= 0xff19);

/**
 * The end of the run of terminal marks at `i`; a spaced ellipsis ". . ." is one run. Only lone
 * periods join a spaced run: in "raak. ...en" the period ends a word and "..." starts the next
 * sentence.
 */
export function markRunEnd(w: ScanWindow, i: number): number {
  const { len, text } = w;
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

/** A run of terminal marks at [i, runEnd) at bracket depth `depth`: an end offset, NO, or WAIT. */
export function terminalRunEnd(w: ScanWindow, rules: BoundaryRules, cs: number, i: number, runEnd: number, depth: number): number {
  const len = w.len;
  let p = runEnd;
  let closed = 0;
  while (p < len && is(CLOSER, w.text.charCodeAt(p))) {
    if (is(CJK_CLOSE, w.text.charCodeAt(p))) closed++;
    p++;
  }
  if (is(CJK_TERMINAL, w.text.charCodeAt(runEnd - 1))) {
    // A run of marks that starts the sentence ends nothing (see below).
    if (i === cs) return p < len ? NO : atEnd(w, p);
    if (w.text.charCodeAt(i) === FULLWIDTH_PERIOD && runEnd - i === 1 && isAnyDigit(w.text.charCodeAt(i - 1))) {
      // "３．２９": a full-width decimal point, unless no digit follows.
      if (runEnd >= len) return atEnd(w, runEnd);
      if (isAnyDigit(w.text.charCodeAt(runEnd))) return NO;
    }
    if (depth === 0) return p < len ? p : atEnd(w, p);
    // Inside brackets: only a closing bracket that ends the quote, then a break, ends it.
    if (closed < depth) return p >= len && !w.final ? WAIT : NO;
    if (p >= len) return atEnd(w, p);
    const c = w.text.charCodeAt(p);
    if (isSpace(c) || is(CJK_OPEN | OPENER, c)) return p;
    // "（注意：熱いです。）触らないで": a parenthesis that opens the sentence and closes after
    // its full stop holds a sentence of its own; a quote there goes on ("「行く。」と").
    return w.text.charCodeAt(cs) === FULLWIDTH_OPEN_PAREN && openUntil(w, cs, i) ? p : NO;
  }
  // French spacing: "« Oui. »" keeps its closing guillemet.
  if (p + 1 < len && isSpace(w.text.charCodeAt(p)) && (w.text.charCodeAt(p + 1) === 0xbb || w.text.charCodeAt(p + 1) === 0x203a)) p += 2;
  if (p >= len) return atEnd(w, p);
  const single = runEnd - i === 1 && w.text.charCodeAt(i) === PERIOD;
  if (!isSpace(w.text.charCodeAt(p))) return single && p === runEnd ? gluedPeriodEnds(w, rules, cs, i, p) : NO;
  let q = p;
  while (q < len && isSpace(w.text.charCodeAt(q))) {
    if (w.text.charCodeAt(q) === LF) return p;
    q++;
  }
  if (q >= len) return w.final ? p : w.waitFor(INERT_BLANK, Number.POSITIVE_INFINITY);
  if (cutSurrogate(w, q)) return WAIT;
  // A run of marks that starts the sentence ends nothing ("...en toen", ". . . The practice"),
  // decided only now that the run is whole (a spaced ". . ." grows as text arrives).
  if (i === cs) return NO;
  const atQ = w.text.charCodeAt(q);
  if (is(NOT_A_START, atQ)) return NO;
  if (is(DASH, atQ)) {
    const dash = aside(w, q, p > runEnd && is(CLOSING_QUOTE, w.text.charCodeAt(p - 1)));
    if (dash !== 1) return dash;
  }
  if (hasExclaim(w, i, runEnd)) return isLower(w, q) ? NO : p;
  if (single) return periodEnds(w, rules, cs, i, p, q);
  const before = w.text.charCodeAt(i - 1);
  // "[...]" and "(...)" leave words out; so does a spaced ". . ." after a space (with a
  // fourth period, ". . . .", it ends the sentence too).
  if ((p > runEnd && (before === OPEN_BRACKET || before === OPEN_PAREN)) || (isSpace(before) && w.text.charCodeAt(i + 1) === SPACE && runEnd - i < 7)) {
    return NO;
  }
  // "compounds. . . . The practice": a period, then an ellipsis that opens the next sentence.
  if (runEnd - i === 7 && p === runEnd && w.text.charCodeAt(i + 1) === SPACE && isLetter(w, i - 1)) return ifSentenceStart(w, q, i + 1, NO);
  return ifSentenceStart(w, q, p, NO);
}

/** Whether the bracket at `cs` is still open at `i`. */
function openUntil(w: ScanWindow, cs: number, i: number): boolean {
  let depth = 0;
  for (let k = cs; k < i; k++) {
    const c = w.text.charCodeAt(k);
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
function aside(w: ScanWindow, q: number, quoted: boolean): number {
  const { len, text } = w;
  let k = q;
  while (k < len && k - q < 3 && is(DASH, text.charCodeAt(k))) k++;
  if (k === q) return 1;
  if (k >= len) return w.final ? 1 : WAIT;
  // A lone hyphen is a bullet or a minus more often than a dash ("- b. - c").
  if (k - q > 2 || (k - q === 1 && text.charCodeAt(q) === HYPHEN) || !isSpace(text.charCodeAt(k))) return 1;
  if (quoted && k - q === 1) return NO;
  while (k < len && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === 9)) k++;
  if (k >= len) return w.final ? 1 : WAIT;
  if (cutSurrogate(w, k)) return WAIT;
  return isLower(w, k) ? NO : 1;
}

function hasExclaim(w: ScanWindow, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (is(EXCLAIM, w.text.charCodeAt(k))) return true;
  return false;
}

/** `yes` when a sentence starts at `q`, `no` when not, WAIT when that needs more text. */
function ifSentenceStart(w: ScanWindow, q: number, yes: number, no: number): number {
  const c = w.text.charCodeAt(q);
  if (is(SPANISH_OPENER, c) || isSentenceLetter(w, q)) return yes;
  if (!is(OPENER, c)) return no;
  if (q + 1 >= w.len) return w.final ? no : WAIT;
  if (cutSurrogate(w, q + 1)) return WAIT;
  return isSentenceLetter(w, q + 1) ? yes : no;
}
