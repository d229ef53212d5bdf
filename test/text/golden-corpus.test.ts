/**
 * The golden evaluation (`golden/`): public splitters' golden rules, peers' test suites and
 * LLM-style answers, none of them written for this project. Like the conformance corpus it is
 * held to accuracy goals over the whole set, not per case: at least 92% of cases exact, whole
 * and streamed; every case the same at any token split; at most 2% of sentences held to flush.
 *
 * The cases it misses, and why they stay missed, are listed in `EXCEPTIONS`: each is a case
 * where the golden split contradicts speakable splitting, or needs rules for a language the
 * chunker has none for. The test fails when one of them starts passing (update the list) or
 * when any other case fails (a regression).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSentenceChunker } from '../../src/text/sentence-chunker.js';
import { type CorpusCase, isExact } from './corpus/corpus.js';
import { cutIntoDeltas } from './deltas.js';
import { GOLDEN } from './golden/golden.js';

const GOAL = 0.92;
const SPLITS_PER_CASE = 10;

/**
 * Cases left missed on purpose, by the start of their text, with the reason.
 *
 * - Quotations kept whole: pragmatic_segmenter keeps a quotation of several sentences in one
 *   segment (it builds translation memories). Read aloud, each sentence in the quote is a
 *   sentence: "The people!" "Theft!" "The holy fire!".
 * - Greek and Armenian punctuation: the Greek question mark is ";" and Armenian text here ends
 *   sentences with ":", which in every language the chunker has rules for is a semicolon and a
 *   colon. Without rules for el and hy, the English fallback reads them as such.
 * - "これは父の\n家です。": rejoining a line that breaks inside a Japanese sentence; a line break in
 *   streamed CJK text is a boundary far more often than a wrap.
 * - Lettered items that do not start at "a" after a sentence ("store. w) hello x) hello"), a "?"
 *   inside square brackets before a time ("[16: firma? 13:28]") and "#. # a": each would need a
 *   rule that splits real text wrongly more often than it helps.
 */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['Rolls-Royce Motor Cars Inc. said', 'quotation kept whole'],
  ["'Well?' thought Alice", 'quotation kept whole'],
  ['"Dinah\'ll miss me', 'quotation kept whole'],
  ['For example, ‘dragonswort', 'quotation kept whole'],
  ['Με συγχωρείτε', 'Greek question mark'],
  ['Ի՞նչ ես մտածում', 'Armenian full stop written as a colon'],
  ['Այսպիսով', 'Armenian full stop written as a colon'],
  ['これは父の\n', 'line break inside a Japanese sentence'],
  ['a) here it is b) another', 'lettered list not starting at "a" after a sentence'],
  ['[15:  12:32]', '"?" inside square brackets before a number'],
  ['#. # a', 'a period before "#"'],
]);

interface Replay {
  sentences: string[];
  heldToFlush: number;
}

function replay(deltas: readonly string[], language: string): Replay {
  const chunker = createSentenceChunker({ language });
  const pushed = deltas.flatMap((delta) => chunker.push(delta));
  const flushed = chunker.flush();
  return { sentences: [...pushed, ...flushed], heldToFlush: Math.max(0, flushed.length - 1) };
}

const cases = GOLDEN.flatMap((k) => k.cases.map((item) => ({ ...item, language: k.language })));
const exception = (text: string): string | undefined => [...EXCEPTIONS].find(([start]) => text.startsWith(start))?.[1];
const WHITESPACE = /\s/gu;
const squeeze = (s: string): string => s.replaceAll(WHITESPACE, '');

describe('golden evaluation', () => {
  it('writes out every expected split as the text itself, in order', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const item of cases) expect(squeeze(item.sentences.join('')), item.text).toBe(squeeze(item.text));
  });

  it(`splits at least ${GOAL * 100}% of the cases exactly, fed whole, and misses only the listed exceptions`, () => {
    const missed = cases.filter((item) => !isExact(item as CorpusCase, replay([item.text], item.language).sentences));
    expect(missed.map((item) => item.text).filter((text) => exception(text) === undefined)).toEqual([]);
    expect(missed.length).toBe(EXCEPTIONS.size);
    expect(1 - missed.length / cases.length).toBeGreaterThanOrEqual(GOAL);
  });

  it(`splits at least ${GOAL * 100}% exactly streamed one character at a time, holding at most 2% of sentences to flush`, () => {
    let exact = 0;
    let sentences = 0;
    let held = 0;
    for (const item of cases) {
      const streamed = replay([...item.text], item.language);
      if (isExact(item as CorpusCase, streamed.sentences)) exact++;
      sentences += streamed.sentences.length;
      held += streamed.heldToFlush;
    }
    expect(exact / cases.length).toBeGreaterThanOrEqual(GOAL);
    expect(held / sentences).toBeLessThanOrEqual(0.02);
  });

  it('gives every case the same sentences at any token split', () => {
    for (const item of cases) {
      const reference = replay([item.text], item.language).sentences;
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (sizes) => {
          expect(replay(cutIntoDeltas(item.text, sizes), item.language).sentences).toEqual(reference);
        }),
        { numRuns: SPLITS_PER_CASE },
      );
    }
  });
});
