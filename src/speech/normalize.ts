/**
 * Speech preparation: turns one written sentence (as an LLM writes it: markdown, numbers,
 * symbols, emoji) into the words eSpeak-NG should say, with a map back to the written text for
 * word highlighting and barge-in trimming. Pure: no I/O, no state between calls.
 *
 * All rules (see `normalize/*.ts`, each file documents its readings) are joined into one regex
 * and applied in a single left-to-right pass; text no rule matches is copied as written, so the
 * map is 1:1 there. Link text and inline code are normalized recursively. Whitespace collapses to
 * single spaces and the result is trimmed.
 *
 * Number words come from `to-words` (en-US cardinals and ordinals); emoji are found with
 * `emoji-regex`. Money, years, dates, times, phone numbers and units are composed here, since
 * to-words' currency output ("One Dollar Only") is cheque style and it knows no years.
 */
import { ABBREVIATION_RULES } from './normalize/abbreviations.js';
import { ADDRESS_RULES } from './normalize/addresses.js';
import { CHARACTER_RULES, EMOJI_RULE_NAME, MAY_HOLD_EMOJI, plainWords } from './normalize/characters.js';
import { DATE_TIME_RULES } from './normalize/dates-times.js';
import { DIGIT_STRING_RULES } from './normalize/digit-strings.js';
import { FRACTION_RULES } from './normalize/fractions.js';
import { MARKDOWN_RULES } from './normalize/markdown.js';
import { NUMBER_RULES } from './normalize/numbers.js';
import { SpeechBuilder } from './normalize/offset-map.js';
import { RANGE_RULES } from './normalize/ranges.js';
import { ROMAN_NUMERAL_RULES } from './normalize/roman-numerals.js';
import type { OffsetMap } from './normalize/offset-map.js';
import type { FilledNormalizeOptions, Rule, RuleContext } from './normalize/rule.js';
import { WEB_RULES } from './normalize/web.js';

export { toSourceRange } from './normalize/offset-map.js';
export type { OffsetMap, TextRange } from './normalize/offset-map.js';

/** Options of {@link normalizeForSpeech}. */
export interface NormalizeOptions {
  /** Language of the text; only English is supported. Default `'en'`. */
  language?: 'en';
  /**
   * What to say for a fenced code block: `'placeholder'` says "code block omitted", `'drop'` says
   * nothing (a sentence that is only code then yields empty text). Default `'placeholder'`.
   */
  codeBlocks?: 'placeholder' | 'drop';
}

/** A sentence prepared for speech. */
export interface SpeechText {
  /** What the engine should say: single-spaced, trimmed, no emoji, no markdown. */
  text: string;
  /** Maps offsets in `text` back to the original sentence: see {@link toSourceRange}. */
  map: OffsetMap;
}

/** The defaults of {@link NormalizeOptions}. */
const DEFAULTS: Readonly<FilledNormalizeOptions> = Object.freeze({ language: 'en', codeBlocks: 'placeholder' });

/** Fills in defaults and rejects unknown keys or values, naming the offending option. */
function fillOptions(options: NormalizeOptions | undefined): Readonly<FilledNormalizeOptions> {
  if (options === undefined) return DEFAULTS;
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULTS)) throw new TypeError(`normalizeForSpeech: unknown option "${key}".`);
  }
  const language = options.language ?? DEFAULTS.language;
  const codeBlocks = options.codeBlocks ?? DEFAULTS.codeBlocks;
  if (language !== 'en') throw new TypeError(`normalizeForSpeech: options.language must be 'en', got "${String(language)}".`);
  if (codeBlocks !== 'placeholder' && codeBlocks !== 'drop') {
    throw new TypeError(`normalizeForSpeech: options.codeBlocks must be 'placeholder' or 'drop', got "${String(codeBlocks)}".`);
  }
  return { language, codeBlocks };
}

/**
 * Where two rules could match at the same position the earlier wins: markup and addresses before
 * the numbers inside them, dates and phone numbers before plain numbers, specific before general.
 */
const RULES: readonly Rule[] = [
  ...MARKDOWN_RULES,
  ...WEB_RULES,
  ...CHARACTER_RULES,
  ...ADDRESS_RULES,
  ...DIGIT_STRING_RULES,
  ...DATE_TIME_RULES,
  ...FRACTION_RULES,
  ...RANGE_RULES,
  ...NUMBER_RULES,
  ...ROMAN_NUMERAL_RULES,
  ...ABBREVIATION_RULES,
  plainWords,
];

function joinRules(rules: readonly Rule[]): RegExp {
  return new RegExp(rules.map((rule) => `(?<${rule.name}>${rule.pattern.source})`).join('|'), 'g');
}

const ALL_RULES = joinRules(RULES);
/**
 * The same without the emoji rule, whose 14 kB pattern makes up most of the joined one: matchAll
 * copies its regex on every call, which costs about 17 µs at that size. Text with none of the
 * characters an emoji can start with ({@link MAY_HOLD_EMOJI}) is scanned with this one.
 */
const RULES_BUT_EMOJI = joinRules(RULES.filter((rule) => rule.name !== EMOJI_RULE_NAME));

const LOWER_CASE = /[a-z]/;
const CAPITALS_WORD = /\b[A-Z]{2,}\b/g;

/** No lower-case letter and at least three words in capitals: the sentence is shouted. */
function isShouting(text: string): boolean {
  if (LOWER_CASE.test(text)) return false;
  let words = 0;
  for (const _ of text.matchAll(CAPITALS_WORD)) if (++words === 3) return true;
  return false;
}

/** Applies every rule to `source[from, to)`, copying what no rule matches. */
function normalizeRange(ctx: RuleContext, from: number, to: number): void {
  const { source, out } = ctx;
  const text = from === 0 && to === source.length ? source : source.slice(from, to);
  let copied = from;
  for (const match of text.matchAll(MAY_HOLD_EMOJI.test(text) ? ALL_RULES : RULES_BUT_EMOJI)) {
    const start = from + match.index;
    const end = start + match[0].length;
    const groups = match.groups as Record<string, string | undefined>;
    const rule = RULES.find((candidate) => groups[candidate.name] !== undefined) as Rule;
    out.copy(copied, start);
    rule.speak({ text: match[0], start, end, groups }, ctx);
    copied = end;
  }
  out.copy(copied, to);
}

/**
 * Prepares one English sentence for speech: expands numbers, money, percentages, ordinals, dates,
 * years, times, units, abbreviations, acronyms, URLs, email addresses and phone numbers, removes
 * markdown and emoji, and collapses whitespace. Never throws for any string; throws a `TypeError`
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
