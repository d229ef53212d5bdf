/**
 * The shape of a language's written-text rules, and the registry that finds a language's rules
 * by its BCP-47 tag. This folder holds data only (word lists per language, one file each); the
 * sentence scanner (`src/text`) and, later, the speech normalizer read it, so each abbreviation is
 * listed once in the project, with its spoken form beside it.
 */
import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { JA } from './ja.js';
import { ZH } from './zh.js';

/** One abbreviation as it is written, with how it is said and whether it can end a sentence. */
export interface Abbreviation {
  /**
   * As written, with its periods and any inner spaces: "Dr.", "e.g.", "z. B.", "EE. UU.".
   * Written with a leading capital it matches only a capitalised word ("Am." is not "am."); in
   * lower case it matches any case ("etc." and "Etc.").
   */
  written: string;
  /** The spoken expansion ("Doctor", "zum Beispiel"), when it has one regardless of context. */
  say?: string;
  /**
   * Whether the abbreviation can be the last word of a sentence ("etc.", "Inc.", "a.m."). Default
   * false: titles and abbreviations that stand before the word they belong to ("Dr.", "e.g.",
   * "z. B.") never end one. One that can end a sentence ends it only before a word from
   * `sentenceStarters` ("at 5 a.m. The store" ends, "at 5 a.m. Mr. Smith" does not).
   */
  mayEnd?: boolean;
}

/** A language's rules for where written sentences end. */
export interface LanguageRules {
  /** The primary language subtag, lower case: "en", "de". */
  code: string;
  /** English name, for messages and docs. */
  name: string;
  abbreviations: readonly Abbreviation[];
  /**
   * Capitalised words that commonly begin a sentence: pronouns, articles, conjunctions, question
   * words, sentence adverbs. After an abbreviation, an initial or (with `ordinalPeriod`) a number
   * and its period, only one of these makes a new sentence: "in the U.S. How about you?" ends,
   * "the U.S. Government" does not.
   */
  sentenceStarters: readonly string[];
  /**
   * Endings of capitalised words that begin sentences far more often than they continue them:
   * sentence adverbs ("Fortunately" -ly, "Afortunadamente" -mente). Default none.
   */
  starterSuffixes?: readonly string[];
  /**
   * Whether a period after a number writes an ordinal ("am 12. Juni", German): then a number and
   * its period end a sentence only before a sentence starter. Default false.
   */
  ordinalPeriod?: boolean;
}

/**
 * The language whose rules apply when a tag names no language listed here. Its abbreviations
 * also apply, beneath each language's own, in every Latin-script text: "Mt. Kisco" and "No. 103"
 * turn up in Spanish as in English.
 */
export const FALLBACK_LANGUAGE = 'en';

/** Every language with its own rules, by primary subtag. */
export const LANGUAGES: ReadonlyMap<string, LanguageRules> = new Map(
  [EN, DE, ES, FR, JA, ZH].map((rules) => [rules.code, rules]),
);

/** A BCP-47-ish tag: a 2–3 letter language, then subtags ("en", "en-US", "pt_BR", "zh-Hant-TW"). */
const TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

/**
 * Normalizes a language tag: lower case, `-` between subtags. Returns undefined when `tag` is not
 * a well-formed tag.
 */
export function normalizeLanguageTag(tag: string): string | undefined {
  return TAG.test(tag) ? tag.toLowerCase().replaceAll('_', '-') : undefined;
}

/**
 * Primary subtags written with a language's rules though they name another: the Chinese
 * languages (eSpeak's Mandarin voice is "cmn", Cantonese "yue") are all written in Chinese text.
 */
const WRITTEN_AS: ReadonlyMap<string, string> = new Map([
  ['cmn', 'zh'],
  ['yue', 'zh'],
  ['hak', 'zh'],
  ['nan', 'zh'],
  ['wuu', 'zh'],
]);

/**
 * The rules for a normalized tag: by its primary subtag ("de-at" → German, "cmn" → Chinese), or
 * English for a language without rules of its own. A voice id such as eSpeak's "en-us" or "cmn"
 * is a tag here, so a session's voice can pick its language.
 */
export function languageRules(tag: string): LanguageRules {
  const primary = tag.split('-', 1)[0] as string;
  return LANGUAGES.get(WRITTEN_AS.get(primary) ?? primary) ?? (LANGUAGES.get(FALLBACK_LANGUAGE) as LanguageRules);
}
