/**
 * Characters that are not read: whitespace (collapsed to one space by the builder), emoji (a word
 * gap, so "great👍thanks" stays two words) and invisible or broken code units (dropped): control
 * characters, zero-width and bidirectional marks, variation selectors, the keycap mark, tag
 * characters, lone regional indicators and lone surrogates. Dropping the pieces emoji are built
 * from means no emoji can re-form once its neighbours are gone.
 */
import emojiRegex from 'emoji-regex';
import type { Rule } from './rule.js';

const LINE_BREAK = /[\n\r\u2028\u2029]/;

const whitespace: Rule = {
  name: 'whitespace',
  pattern: /\s+/,
  speak(m, { out }) {
    out.space(m.start, m.end, LINE_BREAK.test(m.text));
  },
};

/**
 * emoji-regex's pattern is written for a regex without the `u` flag (it matches surrogate pairs
 * explicitly), which is why all rules share a non-Unicode regex. Emoji it matches that begin with
 * an ASCII character are keycaps ("1️⃣"); their digit is read instead and the marks are dropped.
 */
/** Name of the emoji rule, which only text that {@link MAY_HOLD_EMOJI} needs. */
export const EMOJI_RULE_NAME = 'emoji';

/**
 * Matches every character an emoji-regex match can start with, other than ASCII (keycaps, which
 * are read as their digit): the BMP emoji blocks and the surrogates that lead the astral ones.
 * Curly quotes and dashes are outside it. A test checks it against emoji-regex, code point by
 * code point.
 */
export const MAY_HOLD_EMOJI = /[\u00A9\u00AE\u203C\u2049\u2122\u2139\u2194-\u21AA\u231A-\u23FF\u24C2\u25AA-\u27BF\u2934\u2935\u2B05-\u2B55\u3030\u303D\u3297\u3299\uD83C-\uD83E]/;

const emoji: Rule = {
  name: EMOJI_RULE_NAME,
  pattern: new RegExp(String.raw`(?=[^\x00-\x7F])(?:${emojiRegex().source})`),
  speak(m, { out }) {
    out.space(m.start, m.end);
  },
};

const invisible: Rule = {
  name: 'invisible',
  pattern: new RegExp(
    [
      String.raw`[\x00-\x08\x0E-\x1F\x7F-\x9F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\u20E3]`,
      String.raw`\uD83C[\uDDE6-\uDDFF]`,
      String.raw`\uDB40[\uDC00-\uDDEF]`,
      String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])`,
      String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`,
    ].join('|'),
  ),
  speak(m, { out }) {
    out.skip(m.start, m.end);
  },
};

/** In priority order. */
export const CHARACTER_RULES: readonly Rule[] = [whitespace, emoji, invisible];

/**
 * Plain words, copied as they are. Not needed for correctness: it exists so that the joined regex
 * takes a run of ordinary lower-case words in one match instead of trying every rule at every
 * letter, which makes plain text about four times faster. It must come after all other rules and
 * must never swallow the start of another rule's match, so a word joins the run only when it
 * ends in a space or a comma-like mark (no "example.com", "ana@", "etc.", "http:") and is not
 * "vs" or the "et" of "et al.". Every rule that can start at a letter needs a non-letter before it, which is what makes
 * skipping the letters inside a word safe.
 */
export const plainWords: Rule = {
  name: 'plainWords',
  pattern: /[A-Za-z]+(?:[,;]? (?!vs\b|et al\b)[a-z]+(?=[ ,;!?)]|$))*/,
  copiesText: true,
  speak(m, { out }) {
    out.copy(m.start, m.end);
  },
};
