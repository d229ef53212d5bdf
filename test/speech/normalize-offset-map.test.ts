/**
 * The offset map: each spoken word maps back to the written span it came from, copied text maps
 * 1:1, and the map survives a structured clone (it crosses a worker boundary).
 */
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, toSourceRange } from '../../src/speech/normalize.js';
import type { OffsetMap } from '../../src/speech/normalize.js';

const WORDS = /\S+/g;

/** Each spoken word (split at spaces, as eSpeak's word events are) with its written span. */
function wordSources(written: string, map: OffsetMap, spoken: string): [string, string][] {
  return [...spoken.matchAll(WORDS)].map((word) => {
    const range = toSourceRange(map, word.index, word.index + word[0].length);
    return [word[0], written.slice(range.start, range.end)];
  });
}

function mapped(written: string): [string, string][] {
  const { text, map } = normalizeForSpeech(written);
  return wordSources(written, map, text);
}

describe('offset map: spoken words back to written text', () => {
  it('maps every word of an expansion to the whole written token', () => {
    expect(mapped('Dr. Smith paid $3.50 on 2026-11-28.')).toEqual([
      ['Doctor', 'Dr.'],
      ['Smith', 'Smith'],
      ['paid', 'paid'],
      ['three', '$3.50'],
      ['dollars', '$3.50'],
      ['and', '$3.50'],
      ['fifty', '$3.50'],
      ['cents', '$3.50'],
      ['on', 'on'],
      ['November', '2026-11-28'],
      ['twenty-eighth,', '2026-11-28'],
      ['twenty', '2026-11-28'],
      ['twenty-six.', '2026-11-28.'],
    ]);
  });

  it('maps around dropped markdown and emoji, not onto them', () => {
    expect(mapped('Hi **there**, see [the docs](https://x.com) 👍 now!')).toEqual([
      ['Hi', 'Hi'],
      ['there,', 'there**,'],
      ['see', 'see'],
      ['the', 'the'],
      ['docs', 'docs'],
      ['now!', 'now!'],
    ]);
  });

  it('maps inside link text that was itself rewritten', () => {
    expect(mapped('Get [$5 off](https://x.com) at 9pm')).toEqual([
      ['Get', 'Get'],
      ['five', '$5'],
      ['dollars', '$5'],
      ['off', 'off'],
      ['at', 'at'],
      ['nine', '9pm'],
      ['p.m.', '9pm'],
    ]);
  });

  it('maps acronyms, ampersands and addresses', () => {
    expect(mapped('R&D at the FBI: ana@example.org')).toEqual([
      ['R', 'R'],
      ['and', '&'],
      ['D', 'D'],
      ['at', 'at'],
      ['the', 'the'],
      ['F-B-I:', 'FBI:'],
      ['ana', 'ana@example.org'],
      ['at', 'ana@example.org'],
      ['example', 'ana@example.org'],
      ['dot', 'ana@example.org'],
      ['org', 'ana@example.org'],
    ]);
  });

  it('maps collapsed whitespace and line breaks to the gap they replaced', () => {
    const written = '  first\n\n- second   third ';
    const { text, map } = normalizeForSpeech(written);
    expect(text).toBe('first, second third');
    expect(wordSources(written, map, text)).toEqual([
      ['first,', 'first\n\n- '],
      ['second', 'second'],
      ['third', 'third'],
    ]);
  });

  it('maps unchanged text character for character in one segment', () => {
    const written = 'the cat sat on the mat';
    const { text, map } = normalizeForSpeech(written);
    expect(text).toBe(written);
    expect([...map.spoken]).toEqual([0, written.length]);
    expect([...map.source]).toEqual([0, written.length]);
    expect([...map.exact]).toEqual([1]);
    for (let i = 0; i < written.length; i++) expect(toSourceRange(map, i, i + 1)).toEqual({ start: i, end: i + 1 });
  });

  it('reads an empty spoken range as a point, or as the rewritten piece it falls inside', () => {
    const { map } = normalizeForSpeech('pay **$3** now');
    // "pay three dollars now": offset 9 falls inside "three dollars", which stands for "$3".
    expect(toSourceRange(map, 9, 9)).toEqual({ start: 6, end: 8 });
    // Offset 4 starts "three": the point after the space, which took the dropped "**" with it.
    expect(toSourceRange(map, 4, 4)).toEqual({ start: 6, end: 6 });
    expect(toSourceRange(map, 0, 0)).toEqual({ start: 0, end: 0 });
  });

  it('clamps offsets outside the spoken text and reads a reversed range as empty', () => {
    const written = 'pay $3 now';
    const { text, map } = normalizeForSpeech(written);
    expect(toSourceRange(map, -5, 3)).toEqual({ start: 0, end: 3 });
    expect(toSourceRange(map, 0, text.length + 100)).toEqual({ start: 0, end: written.length });
    expect(toSourceRange(map, Number.NaN, 3)).toEqual({ start: 0, end: 3 });
    expect(toSourceRange(map, 5, 2)).toEqual(toSourceRange(map, 5, 5));
  });

  it('maps nothing to the empty range for text that says nothing', () => {
    const { text, map } = normalizeForSpeech('👍 \u200b 🎉');
    expect(text).toBe('');
    expect(toSourceRange(map, 0, 10)).toEqual({ start: 0, end: 0 });
  });

  it('survives a structured clone (typed arrays, no functions)', () => {
    const written = 'Call (555) 123-4567 before 10:30 a.m.';
    const { text, map } = normalizeForSpeech(written);
    const clone = structuredClone(map);
    expect(clone.spoken).toBeInstanceOf(Uint32Array);
    expect(wordSources(written, clone, text)).toEqual(wordSources(written, map, text));
  });
});
