/**
 * The conformance corpus (`corpus/`), replayed through `createSentenceChunker` whole and at
 * random token splits. Accuracy is a goal over the corpus, not a rule per case (no splitter gets
 * every case right): at least 92% of cases exact, whole and streamed. What must hold for every
 * case: the streamed sentences equal the whole-text ones for any split, nothing is lost or
 * reordered, and at most 2% of the sentences wait for `flush` when text after them settles them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS, overall, scoreCorpus } from './corpus/corpus.js';
import { replay, streamedScore } from './corpus/replay.js';
import { cutIntoDeltas } from './deltas.js';

const GOAL = 0.92;
const SPLITS_PER_CASE = 25;

const WHITESPACE = /\s/gu;
const NAIVE_END = /(?<=[.!?。！？])\s*|\n+/u;
const squeeze = (s: string): string => s.replaceAll(WHITESPACE, '');
const whole = (text: string, language: string): string[] => replay([text], language).sentences;
const cases = CORPUS.flatMap((k) => k.cases.map((item) => ({ ...item, language: k.language, className: k.name })));

describe('sentence corpus', () => {
  it('has at least 300 cases, in every class and language it claims', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CORPUS.map((k) => k.language))).toEqual(new Set(['en', 'de', 'es', 'fr', 'ja', 'zh']));
    for (const k of CORPUS) expect(k.cases.length, k.name).toBeGreaterThanOrEqual(8);
    // The expected splits are written out: every one keeps the text, in order.
    for (const item of cases) expect(squeeze(item.sentences.join('')), item.text).toBe(squeeze(item.text));
  });

  it(`splits at least ${GOAL * 100}% of the cases exactly, fed whole`, () => {
    expect(overall(scoreCorpus(whole))).toBeGreaterThanOrEqual(GOAL);
  });

  it('gives every case the same sentences at any token split, losing and reordering nothing', () => {
    for (const item of cases) {
      const reference = whole(item.text, item.language);
      expect(squeeze(reference.join('')), item.text).toBe(squeeze(item.text));
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (sizes) => {
          expect(replay(cutIntoDeltas(item.text, sizes), item.language).sentences).toEqual(reference);
        }),
        { numRuns: SPLITS_PER_CASE },
      );
    }
  });

  it(`splits at least ${GOAL * 100}% of the cases exactly, streamed one character at a time, and holds at most 2% of sentences to flush`, () => {
    const { exact, heldShare } = streamedScore(cases);
    expect(exact).toBeGreaterThanOrEqual(GOAL);
    expect(heldShare).toBeLessThanOrEqual(0.02);
  });

  it('can fail: splitters that never split, or split after every mark, score far below the goal', () => {
    expect(overall(scoreCorpus((text) => [text.trim()]))).toBeLessThan(0.5);
    const naive = (text: string): string[] => text.split(NAIVE_END).map((s) => s.trim()).filter((s) => s !== '');
    expect(overall(scoreCorpus(naive))).toBeLessThan(0.8);
  });
});
