/**
 * Where a run with no boundary within `maxSentenceChars` is cut (see `ChunkerOptions`): at the
 * last whitespace within the limit, or at the limit itself, moved back so the cut never splits a
 * surrogate pair or detaches a combining mark or an emoji modifier.
 */
import { isSpace, type ScanWindow } from './scan-window.js';

const ZWJ = 0x200d;
/** Bounded back-off for a hard cut, so a pathological run of marks still gets cut. */
const MAX_GLYPH_BACKOFF = 32;
const JOINED = /^[\p{M}\u200d\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;

/**
 * No boundary within the limit: the last whitespace within it, or a cut at the limit when the
 * run has none, moved back so it does not split a glyph.
 */
export function forcedEnd(w: ScanWindow, cs: number, maxSentenceChars: number): number {
  const limit = cs + maxSentenceChars;
  for (let k = limit; k > cs; k--) if (isSpace(w.text.charCodeAt(k))) return k;
  for (let cut = limit; cut > cs + 1 && limit - cut < MAX_GLYPH_BACKOFF; cut--) {
    if (!splitsGlyph(w, cut)) return cut;
  }
  const c = w.text.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}

function splitsGlyph(w: ScanWindow, cut: number): boolean {
  const c = w.text.charCodeAt(cut);
  if (c >= 0xdc00 && c <= 0xdfff) return true;
  if (w.text.charCodeAt(cut - 1) === ZWJ) return true;
  return c >= 0x300 && JOINED.test(String.fromCodePoint(w.text.codePointAt(cut) as number));
}
