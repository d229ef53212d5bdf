/**
 * Properties of normalizeForSpeech that must hold for any input: it never throws, says something
 * whenever there is something to say, emits no emoji, and its offset map is well formed with a
 * bounded, monotone toSourceRange.
 */
import emojiRegex from 'emoji-regex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, toSourceRange } from '../../src/speech/normalize.js';
import type { OffsetMap } from '../../src/speech/normalize.js';

/** Pieces that trigger rules, and the junk around them, to be glued together at random. */
const PIECES = [
  '$', '€', '£', '¥', '-', '−', '+', '%', '°C', '.', ',', ':', '/', '#', '@', '&', '*', '**', '_', '__', '~~', '`', '```', '~~~',
  '[', ']', '(', ')', '![', '](', '<', '>', '> ', '# ', '- ', '1. ', '\n', '\n\n', ' ', '  ', '\t', '\r\n', '\u200b', '\ufe0f',
  '\u20e3', '\u200d', '\ud83c', '\udde6', '\ud83c\uddfa', '\udb40\udc67', '👍', '👍🏽', '👨‍👩‍👧', '🇺🇸', '1️⃣', '#️⃣', '©', 'ℹ', 'é',
  '日本', '𝕏', 'Dr.', 'St.', 'Mr', 'etc.', 'e.g.', 'i.e', 'vs', 'No.', 'FBI', 'NASA', 'APIs', 'a.m.', 'pm', 'am', 'km', 'kg', 'm',
  'GB', 'ms', 'st', 'nd', 'th', 'v', 'https://', 'www.', 'example.com', 'ana@', '.org', 'May', 'November', 'the ', "'", 's',
];

const digits = fc.integer({ min: 1, max: 40 }).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));
const hugeDigits = fc.integer({ min: 100, max: 3000 }).map((n) => '9'.repeat(n));
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 3, arbitrary: digits },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: codeUnits },
);
/** Rule-heavy sentences: most pieces start or end some rule's match. */
const sentence = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 120 }),
  codeUnits,
  hugeDigits,
);

const EMOJI = emojiRegex();
const SPEAKABLE = /[\p{L}\p{Nd}]/u;
const PARAMETERS = { numRuns: 400 };

/** The segments tile both texts in order; copied segments really are copies. */
function expectWellFormed(map: OffsetMap, written: string, spoken: string): void {
  const n = map.exact.length;
  expect(map.spoken.length).toBe(n + 1);
  expect(map.source.length).toBe(n + 1);
  expect(map.spoken[0]).toBe(0);
  expect(map.source[0]).toBe(0);
  expect(map.spoken[n]).toBe(spoken.length);
  expect(map.source[n]).toBe(written.length);
  for (let i = 0; i < n; i++) {
    const [s0, s1, o0, o1] = [map.spoken[i], map.spoken[i + 1], map.source[i], map.source[i + 1]] as number[];
    expect(s1).toBeGreaterThanOrEqual(s0 as number);
    expect(o1).toBeGreaterThanOrEqual(o0 as number);
    if (map.exact[i] === 1) expect(spoken.slice(s0, s1)).toBe(written.slice(o0, o1));
  }
}

describe('normalizeForSpeech properties', () => {
  it('never throws and returns trimmed, single-spaced text with a well-formed map', () => {
    fc.assert(
      fc.property(sentence, (written) => {
        const { text, map } = normalizeForSpeech(written);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\s\s|[\t\n\r]/);
        expectWellFormed(map, written, text);
      }),
      PARAMETERS,
    );
  });

  it('says something whenever the input has a letter or digit outside emoji', () => {
    fc.assert(
      fc.property(sentence, (written) => {
        fc.pre(SPEAKABLE.test(written.replaceAll(EMOJI, '')));
        expect(normalizeForSpeech(written).text).not.toBe('');
      }),
      PARAMETERS,
    );
  });

  it('never emits an emoji', () => {
    fc.assert(
      fc.property(sentence, (written) => {
        expect(normalizeForSpeech(written).text.match(EMOJI)).toBeNull();
      }),
      PARAMETERS,
    );
  });

  it('maps any spoken range inside the written text, monotonically', () => {
    const offset = fc.integer({ min: -5, max: 400 });
    fc.assert(
      fc.property(sentence, offset, offset, offset, offset, (written, a, b, c, d) => {
        const { map } = normalizeForSpeech(written);
        const [s1, s2] = a <= c ? [a, c] : [c, a];
        const [e1, e2] = b <= d ? [b, d] : [d, b];
        const first = toSourceRange(map, Math.min(s1, e1), e1);
        const second = toSourceRange(map, Math.min(s2, e2), e2);
        for (const range of [first, second]) {
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeGreaterThanOrEqual(range.start);
          expect(range.end).toBeLessThanOrEqual(written.length);
        }
        if (Math.min(s1, e1) <= Math.min(s2, e2)) expect(first.start).toBeLessThanOrEqual(second.start);
        expect(first.end).toBeLessThanOrEqual(second.end);
      }),
      PARAMETERS,
    );
  });

  it('copies plain lower-case words unchanged, mapped 1:1', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => w !== 'vs');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), (words) => {
        const written = words.join(' ');
        const { text, map } = normalizeForSpeech(written);
        expect(text).toBe(written);
        expect([...map.exact]).toEqual([1]);
      }),
      PARAMETERS,
    );
  });
});
