/**
 * The language registry: tags resolve to the right rules, unknown languages to English, and the
 * data is well formed (each abbreviation the chunker reads written with its period, none listed twice).
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, languageRules, normalizeLanguageTag } from '../../src/language/language-rules.js';

describe('language rules', () => {
  it.each([
    ['en', 'en'],
    ['en-us', 'en'],
    ['de-at', 'de'],
    ['es-419', 'es'],
    ['fr-ca', 'fr'],
    ['ja', 'ja'],
    ['zh-hant-tw', 'zh'],
    ['cmn', 'zh'],
    ['yue', 'zh'],
    ['sw', 'en'],
    ['pt-br', 'en'],
  ])('%s uses the %s rules', (tag, code) => {
    expect(languageRules(tag).code).toBe(code);
  });

  it('normalizes well-formed tags and rejects others', () => {
    expect(normalizeLanguageTag('pt_BR')).toBe('pt-br');
    expect(normalizeLanguageTag('EN')).toBe('en');
    for (const bad of ['', 'e', 'english language', 'de-', '12', 'de-AT-toolongsubtag']) expect(normalizeLanguageTag(bad), bad).toBeUndefined();
  });

  it('writes every abbreviation the chunker reads with its final period and lists none twice', () => {
    for (const rules of LANGUAGES.values()) {
      const seen = new Set<string>();
      for (const { written, speechOnly } of rules.abbreviations) {
        if (speechOnly !== true) expect(written.endsWith('.'), `${rules.code} ${written}`).toBe(true);
        expect(seen.has(written), `${rules.code} ${written} twice`).toBe(false);
        seen.add(written);
      }
    }
  });

  it('has sentence starters that are capitalised single words', () => {
    for (const rules of LANGUAGES.values()) {
      for (const word of rules.sentenceStarters) expect(word, rules.code).toMatch(/^\p{Lu}[\p{L}'’-]*$/u);
    }
  });
});
