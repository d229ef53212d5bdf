/**
 * The rule set of each language, chosen by the primary subtag of a BCP 47 tag or eSpeak voice id
 * ("en-US", "en-gb-x-rp" → English, "de" → German). A language without its own rules is read with
 * the English ones, the fallback. To add a language, write its rule set (reusing the language-free
 * markdown, character and web rules) and list it here.
 */
import { ENGLISH_RULES } from './english.js';
import { GERMAN_RULES } from './german.js';
import type { Rule } from './rule.js';

/** Languages with rules of their own, by primary subtag. */
export const LANGUAGE_RULES: Readonly<Record<string, readonly Rule[]>> = {
  en: ENGLISH_RULES,
  de: GERMAN_RULES,
};

/** The fallback for tags whose language has no rules. */
const FALLBACK_LANGUAGE = 'en';

const PRIMARY_SUBTAG = /^[A-Za-z]{2,3}(?![A-Za-z])/;

/** The key of {@link LANGUAGE_RULES} that reads text in `tag`. */
export function ruleLanguage(tag: string): string {
  const primary = PRIMARY_SUBTAG.exec(tag)?.[0].toLowerCase();
  return primary !== undefined && primary in LANGUAGE_RULES ? primary : FALLBACK_LANGUAGE;
}
