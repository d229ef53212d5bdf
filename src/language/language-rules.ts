/**
 * The shape of a language's written-text rules, and the registry that finds a language's rules
 * by its BCP-47 tag. This folder holds data only (word lists per language, one file each); the
 * sentence scanner (`src/text`) and the speech normalizer (`src/speech/normalize`) both read it,
 * so each abbreviation is listed once in the project, with its spoken form beside it.
 */
import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { JA } from './ja.js';
import { ZH } from './zh.js';

/**
 * Where the speech normalizer reads an abbreviation:
 * - `title`: before a name ("Dr. Jones");
 * - `suffix`: after a name ("Acme Inc.");
 * - `reference`: before a number ("vol. 3", "pp. 10-20");
 * - `word`: anywhere, with its dot ("approx.", "etc.", "e.g.");
 * - `street`: a street suffix after a street name ("Main St", "Great America Pkwy");
 * - `directional`: a compass point in an address ("N. Main St", "Ave NW");
 * - `unit`: a secondary unit before its number ("Ste 200");
 * - `state`: a US state or territory code, next to a ZIP code or after "City, ".
 */
export type AbbreviationKind = 'title' | 'suffix' | 'reference' | 'word' | 'street' | 'directional' | 'unit' | 'state';

/**
 * One abbreviation as it is written, with how it is said, where the speech normalizer reads it
 * and whether the sentence chunker lets it end a sentence.
 */
export interface Abbreviation {
  /**
   * As written, with its periods and any inner spaces: "Dr.", "e.g.", "z. B.", "EE. UU."; a term
   * that is written without a period ("CA", "NW") is written so. For the chunker, a leading
   * capital matches only a capitalised word ("Am." is not "am."), lower case matches any case
   * ("etc." and "Etc."). The normalizer matches the form without its final period, in either
   * case of its first letter or all in lower case, except in addresses (`street`,
   * `directional`, `unit`, `state`), where the case must be as written.
   */
  written: string;
  /**
   * The spoken expansion ("Doctor", "zum Beispiel"). Per kind where the reading depends on where
   * the term stands: "St." is "Saint" as a title, "Street" after a street name.
   */
  say?: string | Readonly<Partial<Record<AbbreviationKind, string>>>;
  /**
   * Where the speech normalizer reads the term, with `say`. Default none: the normalizer leaves
   * it to its other rules (units, dates) or to the voice; only English entries have kinds, as only
   * the English normalizer reads abbreviations.
   */
  kinds?: readonly AbbreviationKind[];
  /**
   * Whether the abbreviation can be the last word of a sentence ("etc.", "Inc.", "a.m."). Default
   * false: titles and abbreviations that stand before the word they belong to ("Dr.", "e.g.",
   * "z. B.") never end one. One that can end a sentence ends it only before a word from
   * `sentenceStarters` ("We ordered pens, paper, etc. The box came": ends; "Acme Corp. Research":
   * does not), unless it `endsClause`.
   */
  mayEnd?: boolean;
  /**
   * With `mayEnd`: the abbreviation is the last word of its clause far more often than not (a.m.
   * and p.m., units after a number: "knead for 10 min. Enjoy!"), so it ends its sentence before
   * any capitalised word, except one of the language's `clauseContinuations` ("at 7 a.m.
   * Eastern", "2-6 p.m. Saturday"), and except after a phrase put in front of the sentence ("At 5
   * a.m. Mr. Smith went to the bank", where the clause only begins). Default false.
   */
  endsClause?: boolean;
  /**
   * Whether only the speech normalizer reads the term. Default false. Set for address terms
   * ("Pkwy", "CA", "NW") and words the chunker was never tuned for: to the chunker, a period
   * after one of these is a period after any word, so `mayEnd` does not apply.
   */
  speechOnly?: boolean;
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
   * Capitalised words that go on with a clause after an abbreviation that `endsClause`: time
   * zones, days, months ("at 9 a.m. Pacific", "4 p.m. Monday"). The fallback language's apply
   * too. Default none.
   */
  clauseContinuations?: readonly string[];
  /**
   * Whether a period after a number writes an ordinal ("am 12. Juni", German): then a number and
   * its period end a sentence only before a sentence starter. Default false.
   */
  ordinalPeriod?: boolean;
  /**
   * Endings that abbreviate the last part of a compound, lower case ("str" of German
   * "Hauptstr." for "Hauptstraße"): a word of more letters that ends so, before a period, is an
   * abbreviation that may end a sentence (as `mayEnd`), so a number after it is a reference
   * ("Hauptstr. 8"). Default none.
   */
  compoundEndings?: readonly string[];
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
