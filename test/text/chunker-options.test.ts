import { describe, expect, it } from 'vitest';
import { type ChunkerOptions, DEFAULT_CHUNKER_OPTIONS, fillChunkerOptions } from '../../src/text/chunker-options.js';

describe('fillChunkerOptions', () => {
  it('fills the defaults and freezes the result', () => {
    const filled = fillChunkerOptions();
    expect(filled).toEqual({ maxSentenceChars: 300, minSentenceChars: 0, firstClauseChars: 0, language: 'en' });
    expect(filled).toEqual(DEFAULT_CHUNKER_OPTIONS);
    expect(Object.isFrozen(filled)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CHUNKER_OPTIONS)).toBe(true);
  });

  it('keeps given values and treats undefined as absent', () => {
    expect(fillChunkerOptions({ maxSentenceChars: 50, minSentenceChars: 50, firstClauseChars: undefined })).toEqual({
      maxSentenceChars: 50,
      minSentenceChars: 50,
      firstClauseChars: 0,
      language: 'en',
    });
    expect(fillChunkerOptions({ maxSentenceChars: 20 }).maxSentenceChars).toBe(20);
    expect(fillChunkerOptions({ maxSentenceChars: 10_000, firstClauseChars: 10_000 }).firstClauseChars).toBe(10_000);
  });

  it.each<[ChunkerOptions, RegExp]>([
    [{ maxSentenceChars: 19 }, /"maxSentenceChars" must be an integer from 20 to 10000; got 19/],
    [{ maxSentenceChars: 10_001 }, /"maxSentenceChars" must be an integer from 20 to 10000; got 10001/],
    [{ maxSentenceChars: 100.5 }, /"maxSentenceChars" must be an integer from 20 to 10000; got 100\.5/],
    [{ maxSentenceChars: Number.NaN }, /"maxSentenceChars" must be an integer from 20 to 10000; got NaN/],
    [{ maxSentenceChars: '300' as unknown as number }, /"maxSentenceChars" must be an integer from 20 to 10000; got "300"/],
    [{ minSentenceChars: -1 }, /"minSentenceChars" must be an integer from 0 to 300; got -1/],
    [{ maxSentenceChars: 40, minSentenceChars: 41 }, /"minSentenceChars" must be an integer from 0 to 40; got 41/],
    [{ firstClauseChars: 301 }, /"firstClauseChars" must be an integer from 0 to 300; got 301/],
    [{ maxSentenceChars: 40, firstClauseChars: 1.5 }, /"firstClauseChars" must be an integer from 0 to 40; got 1\.5/],
    [{ firstClauseChars: null as unknown as number }, /"firstClauseChars" must be an integer from 0 to 300; got null/],
    [{ language: '' }, /"language" must be a language tag such as "en" or "de-AT"; got ""/],
    [{ language: 'english please' }, /"language" must be a language tag .*; got "english please"/],
    [{ language: 'e' }, /"language" must be a language tag .*; got "e"/],
    [{ language: 7 as unknown as string }, /"language" must be a language tag .*; got 7/],
  ])('rejects %j with a RangeError naming the option and its range', (options, message) => {
    expect(() => fillChunkerOptions(options)).toThrow(RangeError);
    expect(() => fillChunkerOptions(options)).toThrow(message);
  });

  it('normalizes a language tag and accepts languages without rules of their own', () => {
    expect(fillChunkerOptions({ language: 'de-AT' }).language).toBe('de-at');
    expect(fillChunkerOptions({ language: 'pt_BR' }).language).toBe('pt-br');
    expect(fillChunkerOptions({ language: 'ZH-Hant-TW' }).language).toBe('zh-hant-tw');
    // Swahili has no rules here: accepted, and the scanner uses the English rules for it.
    expect(fillChunkerOptions({ language: 'sw' }).language).toBe('sw');
  });

  it('rejects unknown keys, naming them', () => {
    const bad = { maxSentenceChars: 100, maxChars: 5 } as ChunkerOptions;
    expect(() => fillChunkerOptions(bad)).toThrow(RangeError);
    expect(() => fillChunkerOptions(bad)).toThrow(/Unknown chunker option "maxChars"/);
    expect(() => fillChunkerOptions({ a: 1, b: 2 } as ChunkerOptions)).toThrow(/options "a", "b"/);
  });

  it('rejects a non-object', () => {
    expect(() => fillChunkerOptions(null as unknown as ChunkerOptions)).toThrow(TypeError);
    expect(() => fillChunkerOptions([] as unknown as ChunkerOptions)).toThrow(TypeError);
  });
});
