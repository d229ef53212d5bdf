/**
 * Speech preparation: turns one written sentence (as an LLM writes it: markdown, numbers,
 * symbols, emoji) into the words eSpeak-NG should say, with a map back to the written text for
 * word highlighting and barge-in trimming. Pure: no I/O, no state between calls.
 *
 * A language's rules (`normalize/languages.ts`; each rule file documents its readings) are joined
 * into one regex and applied in a single left-to-right pass; text no rule matches is copied as written, so the
 * map is 1:1 there. Link text and inline code are normalized recursively. Whitespace collapses to
 * single spaces and the result is trimmed.
 *
 * Number words come from `to-words` (en-US and de-DE cardinals and ordinals); emoji are found with
 * `emoji-regex`. Money, years, dates, times, phone numbers and units are composed here, since
 * to-words' currency output ("One Dollar Only") is cheque style and it knows no years.
 */
import { EMOJI_RULE_NAME, MAY_HOLD_EMOJI } from './normalize/characters.js';
import { LANGUAGE_RULES, ruleLanguage } from './normalize/languages.js';
import { SpeechBuilder } from './normalize/offset-map.js';
import type { OffsetMap } from './normalize/offset-map.js';
import type { FilledNormalizeOptions, Rule, RuleContext } from './normalize/rule.js';
import { type PronunciationLexicon, lexiconMatches } from './pronunciations.js';

export { toSourceRange } from './normalize/offset-map.js';
export type { OffsetMap, TextRange } from './normalize/offset-map.js';

/** Options of {@link normalizeForSpeech}. */
export interface NormalizeOptions {
  /**
   * Language of the text, a BCP 47 tag or an eSpeak voice id (`'en-US'`, `'de'`, `'en-gb-x-rp'`):
   * its primary subtag picks the rules. Languages without rules of their own (all but English and
   * German, whose set covers numbers only) are read with the American English rules. Default `'en'`.
   */
  language?: string;
  /**
   * What to say for a fenced code block: `'placeholder'` says "code block omitted", `'drop'` says
   * nothing (a sentence that is only code then yields empty text). Default `'placeholder'`.
   */
  codeBlocks?: 'placeholder' | 'drop';
  /**
   * Pronunciation lexicons, applied before every rule, the first one first: a word one of them
   * matches is said as its entry says, and the map sends the spoken words back to it. Default none.
   */
  lexicons?: readonly PronunciationLexicon[];
}

/** A sentence prepared for speech. */
export interface SpeechText {
  /** What the engine should say: single-spaced, trimmed, no emoji, no markdown. */
  text: string;
  /** Maps offsets in `text` back to the original sentence: see {@link toSourceRange}. */
  map: OffsetMap;
}

/** The defaults of {@link NormalizeOptions}. */
const DEFAULTS: Readonly<FilledNormalizeOptions> = Object.freeze({ language: 'en', codeBlocks: 'placeholder', lexicons: [] });

/** Fills in defaults and rejects unknown keys or values, naming the offending option. */
function fillOptions(options: NormalizeOptions | undefined): Readonly<FilledNormalizeOptions> {
  if (options === undefined) return DEFAULTS;
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULTS)) throw new TypeError(`normalizeForSpeech: unknown option "${key}".`);
  }
  const language = options.language ?? DEFAULTS.language;
  const codeBlocks = options.codeBlocks ?? DEFAULTS.codeBlocks;
  const lexicons = options.lexicons ?? DEFAULTS.lexicons;
  if (typeof language !== 'string' || language === '') {
    throw new TypeError(`normalizeForSpeech: options.language must be a language tag, got "${String(language)}".`);
  }
  if (codeBlocks !== 'placeholder' && codeBlocks !== 'drop') {
    throw new TypeError(`normalizeForSpeech: options.codeBlocks must be 'placeholder' or 'drop', got "${String(codeBlocks)}".`);
  }
  if (!Array.isArray(lexicons)) throw new TypeError('normalizeForSpeech: options.lexicons must be an array.');
  return { language: ruleLanguage(language), codeBlocks, lexicons };
}

function joinRules(rules: readonly Rule[]): RegExp {
  return new RegExp(rules.map((rule) => `(?<${rule.name}>${rule.pattern.source})`).join('|'), 'g');
}

/**
 * The joined rules for text with and without emoji and digits. Leaving out the emoji rule, whose
 * 14 kB pattern makes up most of the joined one, saves about 17 µs a call (matchAll copies its
 * regex every time); leaving out the rules that need a digit roughly halves the scan of prose.
 * Indexed by {@link scannerIndex}.
 */
function compileScanners(rules: readonly Rule[]): readonly RegExp[] {
  return [
    joinRules(rules.filter((rule) => rule.name !== EMOJI_RULE_NAME && rule.needsDigit !== true)),
    joinRules(rules.filter((rule) => rule.name !== EMOJI_RULE_NAME)),
    joinRules(rules.filter((rule) => rule.needsDigit !== true)),
    joinRules(rules),
  ];
}

/** Per language, compiled once for the thread. */
const SCANNERS: ReadonlyMap<string, { rules: readonly Rule[]; scanners: readonly RegExp[] }> = new Map(
  Object.entries(LANGUAGE_RULES).map(([language, rules]) => [language, { rules, scanners: compileScanners(rules) }]),
);

const DIGIT = /\d/;

/** Which of a language's scanners covers `text`: 1 if it holds a digit, plus 2 if it may hold emoji. */
function scannerIndex(text: string): number {
  return (DIGIT.test(text) ? 1 : 0) + (MAY_HOLD_EMOJI.test(text) ? 2 : 0);
}

const LOWER_CASE = /[a-z]/;
const CAPITALS_WORD = /\b[A-Z]{2,}\b/g;

/** No lower-case letter and at least three words in capitals: the sentence is shouted. */
function isShouting(text: string): boolean {
  if (LOWER_CASE.test(text)) return false;
  let words = 0;
  for (const _ of text.matchAll(CAPITALS_WORD)) if (++words === 3) return true;
  return false;
}

/**
 * Applies every rule to `source[from, to)`, copying what no rule matches. Pronunciations compete
 * with the rules as if they came first in the alternation: the leftmost match wins, and at the
 * same position a pronunciation beats a rule ("Dr." said as the entry says, not as "Doctor"). A
 * pronunciation inside a rule's match loses to it ("nginx" inside a URL or a link target), except
 * inside a run of plain words, which is only a shortcut for copying, and except where a rule reads
 * part of its match again (link text).
 */
function normalizeRange(ctx: RuleContext, from: number, to: number): void {
  const { source, out } = ctx;
  const text = from === 0 && to === source.length ? source : source.slice(from, to);
  const { rules, scanners } = SCANNERS.get(ctx.options.language) as { rules: readonly Rule[]; scanners: readonly RegExp[] };
  const said = lexiconMatches(ctx.options.lexicons, text);
  let next = 0;
  let copied = from;
  for (const match of text.matchAll(scanners[scannerIndex(text)] as RegExp)) {
    const start = from + match.index;
    const end = start + match[0].length;
    const groups = match.groups as Record<string, string | undefined>;
    const rule = rules.find((candidate) => groups[candidate.name] !== undefined) as Rule;
    for (let entry = said[next]; entry !== undefined && from + entry.start < end; entry = said[++next]) {
      const entryStart = from + entry.start;
      if (entryStart > start && rule.copiesText !== true) continue;
      // The entry cuts into this match: the rules read up to it, and scan again after it.
      if (entryStart > start) normalizeRange(ctx, copied, entryStart);
      else out.copy(copied, entryStart);
      out.say(entry.say, entryStart, from + entry.end);
      normalizeRange(ctx, from + entry.end, to);
      return;
    }
    out.copy(copied, start);
    rule.speak({ text: match[0], start, end, groups }, ctx);
    copied = end;
  }
  const entry = said[next];
  if (entry !== undefined) {
    out.copy(copied, from + entry.start);
    out.say(entry.say, from + entry.start, from + entry.end);
    normalizeRange(ctx, from + entry.end, to);
    return;
  }
  out.copy(copied, to);
}

/**
 * Prepares one sentence for speech with the rules of its language (see
 * {@link NormalizeOptions.language}). In English it expands numbers, fractions, ranges, money,
 * percentages, ordinals, dates, years, times, units, abbreviations, acronyms, Roman numerals,
 * addresses, URLs, email addresses, phone numbers and other digit strings; in every language it
 * removes markdown and emoji and collapses whitespace. Never throws for any string; throws a `TypeError`
 * for invalid options.
 *
 * @example normalizeForSpeech('Dr. Smith paid $3.50 on 2026-11-28.').text
 * // "Doctor Smith paid three dollars and fifty cents on November twenty-eighth, twenty twenty-six."
 */
export function normalizeForSpeech(text: string, options?: NormalizeOptions): SpeechText {
  const out = new SpeechBuilder(text);
  const ctx: RuleContext = {
    source: text,
    out,
    options: fillOptions(options),
    shouting: isShouting(text),
    inner: (start, end) => normalizeRange(ctx, start, end),
  };
  normalizeRange(ctx, 0, text.length);
  return out.finish();
}
