/**
 * Pronunciations in normalization: whole words, letter case, longest first, the session's before
 * the server's, before every rule, and the offset map back to the written word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, toSourceRange } from '../../src/speech/normalize.js';
import { LexiconCache, type Pronunciation, PronunciationLexicon } from '../../src/speech/pronunciations.js';

const entry = (text: string, say: string, caseSensitive = false): Pronunciation => ({ text, say, caseSensitive });
const lexicon = (...entries: Pronunciation[]) => new PronunciationLexicon(entries);
const say = (text: string, ...lexicons: PronunciationLexicon[]) => normalizeForSpeech(text, { lexicons }).text;

/** Each spoken word with the written span it maps to. */
function wordSources(written: string, ...lexicons: PronunciationLexicon[]): [string, string][] {
  const { text, map } = normalizeForSpeech(written, { lexicons });
  return [...text.matchAll(/\S+/g)].map((word) => {
    const range = toSourceRange(map, word.index, word.index + word[0].length);
    return [word[0], written.slice(range.start, range.end)];
  });
}

describe('pronunciations', () => {
  const nginx = lexicon(entry('nginx', 'engine x'));

  it('say the entry for the whole word, and map its spoken words back to the written one', () => {
    expect(say('I run nginx on it.', nginx)).toBe('I run engine x on it.');
    expect(wordSources('I run nginx on it.', nginx)).toEqual([
      ['I', 'I'],
      ['run', 'run'],
      ['engine', 'nginx'],
      ['x', 'nginx'],
      ['on', 'on'],
      ['it.', 'it.'],
    ]);
  });

  it('match whole words only, in any case unless the entry is case-sensitive', () => {
    expect(say('NGINX, Nginx and nginx.', nginx)).toBe('engine x, engine x and engine x.');
    expect(say('nginxes and xnginx and nginx_conf', nginx)).toBe('nginxes and xnginx and nginx_conf');
    const us = lexicon(entry('US', 'United States', true));
    expect(say('The US told us.', us)).toBe('The United States told us.');
  });

  it('take the longest entry where entries overlap, and read regex characters as text', () => {
    const places = lexicon(entry('New York', 'the big apple'), entry('New York City', 'gotham'), entry('C++', 'C plus plus'));
    expect(say('New York City is not New York state.', places)).toBe('gotham is not the big apple state.');
    expect(say('I write C++ daily.', places)).toBe('I write C plus plus daily.');
    expect(say('I write Cxx daily.', places)).toBe('I write Cxx daily.');
  });

  it('come before every rule, and the rules still read the rest', () => {
    const dr = lexicon(entry('Dr.', 'Drive'), entry('42', 'the answer'));
    expect(say('Dr. Smith paid $3.50 on 42 Elm Dr.', dr)).toBe('Drive Smith paid three dollars and fifty cents on the answer Elm Drive');
    expect(say('See [nginx](https://nginx.org) docs.', nginx)).toBe('See engine x docs.');
    // Inside a URL the URL's reading wins: an entry never breaks another rule's match apart.
    expect(say('Visit https://nginx.org/en now.', nginx)).toBe(normalizeForSpeech('Visit https://nginx.org/en now.').text);
    // Inside a run of plain words it applies.
    expect(say('we run nginx daily and nginx', nginx)).toBe('we run engine x daily and engine x');
  });

  it('change nothing where no entry occurs, for any text', () => {
    const absent = lexicon(entry('qqzx', 'never'), entry('Zzq', 'never', true));
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (written) => {
        fc.pre(!/qqzx|zzq/i.test(written));
        expect(normalizeForSpeech(written, { lexicons: [absent] })).toEqual(normalizeForSpeech(written));
      }),
    );
  });

  it('apply the first lexicon first: a session entry wins over the server entry for the same word', () => {
    const session = lexicon(entry('nginx', 'en jinx'));
    const server = lexicon(entry('nginx', 'engine x'), entry('k8s', 'kubernetes'));
    expect(say('nginx on k8s', session, server)).toBe('en jinx on kubernetes');
  });

  it('an empty lexicon changes nothing', () => {
    expect(say('Dr. Smith paid $3.50.', lexicon())).toBe(normalizeForSpeech('Dr. Smith paid $3.50.').text);
  });

  it('never throw, and keep every mapped range inside the written text, for any text and entries', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9+.#-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: word, say: fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6})?$/), caseSensitive: fc.boolean() }), { maxLength: 5 }),
        fc.array(fc.oneof(word, fc.constantFrom(' ', '. ', ', ', '$5 ', '**')), { maxLength: 12 }),
        (entries, parts) => {
          const written = parts.join('');
          const { text, map } = normalizeForSpeech(written, { lexicons: [new PronunciationLexicon(entries)] });
          for (let i = 0; i <= text.length; i++) {
            const range = toSourceRange(map, i, Math.min(text.length, i + 3));
            expect(range.start).toBeGreaterThanOrEqual(0);
            expect(range.end).toBeLessThanOrEqual(written.length);
            expect(range.start).toBeLessThanOrEqual(range.end);
          }
        },
      ),
    );
  });
});

describe('LexiconCache', () => {
  it('compiles a list once per id, and holds at most max lists, dropping the one unused longest', () => {
    const cache = new LexiconCache(2);
    const a = { id: 'a', entries: [entry('a1', 'one')] };
    const b = { id: 'b', entries: [entry('b1', 'two')] };
    const c = { id: 'c', entries: [entry('c1', 'three')] };
    const first = cache.get(a);
    expect(cache.get(a)).toBe(first);
    cache.get(b);
    cache.get(a);
    cache.get(c);
    expect(cache.size).toBe(2);
    // b went (a was used after it); a stayed.
    expect(cache.get(a)).toBe(first);
    const bAgain = cache.get(b);
    expect(cache.size).toBe(2);
    expect(cache.get(b)).toBe(bAgain);
    for (let i = 0; i < 1000; i++) cache.get({ id: `x${i}`, entries: [] });
    expect(cache.size).toBe(2);
  });
});
