/**
 * The chunker's invariants for any text and any split into deltas: nothing lost or duplicated,
 * the same sentences however the text was cut, the same through the server's gated and
 * coalesced path, no sentence too long, and no sentence released later than it could be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FilledChunkerOptions, fillChunkerOptions } from '../../src/text/chunker-options.js';
import { scanSentenceEnds } from '../../src/text/sentence-boundaries.js';
import { SentenceCarry } from '../../src/text/sentence-carry.js';
import { createSentenceChunker } from '../../src/text/sentence-chunker.js';
import { cutIntoDeltas } from './deltas.js';

const RUNS = 600;

/** Pieces from every category the scanner knows, plus arbitrary unicode. */
const PIECES = [
  'the', 'word', 'Hello', 'We', 'I', 'A', 'J', 'x', 'supercalifragilisticexpialidocious',
  'Dr.', 'Mr.', 'e.g.', 'i.e.', 'etc.', 'a.m.', 'p.m.', 'U.S.', 'Inc.', 'vs.', 'No.', 'St.',
  '3.14', '$3.50', '€1,200.00', '1,000', 'v1.2.3', '20.11', '10:30', '1999', '5',
  'https://example.com/a.b?x=1', 'a.b@example.co.uk', 'example.com',
  '.', '!', '?', '...', '…', '?!', '!!', '. ', '! ', '? ', ',', ', ', ';', ':', ': ', '—', ' — ', ' – ', '–',
  '"', "'", '“', '”', '(', ')', '[', ']', '*', '**', '_', '¿', '¡',
  '\n', '\n\n', '\r\n', '\n- ', '\n* ', '\n• ', '\n1. ', '\n2) ', '\n# ', '\n## ', '\n```\n', '```', '\n```js\n', '`',
  '-', '- ', '#', '# ', '1.', '12)', '1234.', '\n  ',
  '你好', '。', '！', '？', '「', '」', '，', '、', 'こんにちは',
  '😀', '👍🏽', '👨‍👩‍👧', 'e\u0301', 'ß', 'É',
  ' ', ' ', ' ', '  ', '\t', '\u00a0', '\u3000',
  // List markers, spaced ellipses, brackets, glued periods, starters and other languages' forms.
  ': ', '1)', '1.)', '(1)', '(2.)', ' 2. ', ' 2) ', 'a.', ' b. ', '•', ' • ', '⁃', '⁃10.', '\n• 9. ',
  ' . . .', '. . . .', '[...]', '«', '»', ' »', '„', '“', '《', '》', '「', '」', 'と', 'The', 'They', 'Jones', 'Barney.The',
  'z. B.', 'z.', 'B.', '12.', 'Juni', 'Srta.', 'EE. UU.', 'M.', 'p. ex.', 'C.', 'S.', 'Am.', 'Chem.', 'al.', '>', '|',
  // Asides and attributions after a mark, inline code, clause-final abbreviations, references
  // and ordinals after a period, two-letter markers, other scripts' marks, glued numbers.
  ' -- ', '--', ' — ', '—', 'At', 'min.', 'Travelers', 'Eastern', 'Rs.', '81', '2nd', 'kwamen.', 'zz.', '\nab. ',
  '．', '３', '။', '።', '۔', 'د.', '1,000.', 'That', ' a. ', 'Q.', '%', '/', ',,',
  // What the gate rules out inside a delta: marks glued to words, a period before a lower-case
  // word, a ")" with or without a list label before it.
  'incl.', ' tax', 'html?ref', 'wait…what', '!x', '. b', '.\tc', 'f(x)', '1,00)', ' b) ', '(c)', 'ab)', ') ',
];

const pieceArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);
/** Pieces glued together or separated by a space, so words, marks and markers meet both ways. */
const textArb = fc
  .array(fc.tuple(pieceArb, fc.constantFrom('', ' ', ' ')), { maxLength: 60 })
  .map((pairs) => pairs.map(([piece, sep]) => piece + sep).join(''));

/** Delta sizes of 1 to 20, cycled over the text; small ones often, to cut inside marks. */
const sizesArb = fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 20 })), {
  minLength: 1,
  maxLength: 30,
});

const optionsArb = fc
  .record({
    maxSentenceChars: fc.integer({ min: 20, max: 120 }),
    minSentenceChars: fc.integer({ min: 0, max: 20 }),
    firstClauseChars: fc.integer({ min: 0, max: 20 }),
    language: fc.constantFrom('en', 'de', 'es', 'fr', 'ja', 'zh'),
  })
  .map((o) => fillChunkerOptions(o));

function chunked(deltas: readonly string[], options: FilledChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  return [...deltas.flatMap((d) => chunker.push(d)), ...chunker.flush()];
}

/** The reference: one final scan of the whole text. */
function whole(text: string, options: FilledChunkerOptions): string[] {
  const { ends } = scanSentenceEnds(text, { sentencesEmitted: 0 }, options, true);
  return ends.map((end, i) => text.slice(ends[i - 1] ?? 0, end).trim());
}

/** How many sentences a scan of this prefix of the stream can settle. */
function settledCount(prefix: string, options: FilledChunkerOptions): number {
  return scanSentenceEnds(prefix, { sentencesEmitted: 0 }, options, false).ends.length;
}

const WHITESPACE = /\s/gu;
const squeeze = (s: string): string => s.replaceAll(WHITESPACE, '');

/**
 * What the server's chunk stage does (src/turn/chunk-stage.ts): it takes whatever deltas have
 * queued (`batches` says how many each time; they pile up while a scan is in flight), appends
 * each, and when any of them warranted a scan, scans the carry once and applies the result
 * before it takes more. At the end it scans once more with `final`, unless only whitespace is
 * left. `check` runs after every batch, when the stage is idle.
 */
function serve(
  deltas: readonly string[],
  options: FilledChunkerOptions,
  batches: readonly number[],
  check: (released: number, seen: string) => void,
): string[] {
  const carry = new SentenceCarry(options);
  const out: string[] = [];
  const scan = (final: boolean): void => {
    const window = carry.text;
    if (final && window.trim() === '') return;
    out.push(...carry.apply(scanSentenceEnds(window, carry.state, options, final), window.length));
  };
  let seen = '';
  for (let i = 0, k = 0; i < deltas.length; k++) {
    const batch = deltas.slice(i, i + (batches[k % batches.length] as number));
    i += batch.length;
    let warranted = false;
    for (const delta of batch) {
      seen += delta;
      if (carry.append(delta)) warranted = true;
    }
    if (warranted) scan(false);
    check(out.length, seen);
  }
  scan(true);
  return out;
}

/** Property (c) for one case: the served path gives the reference, each sentence on time. */
function servedOnTime(text: string, sizes: readonly number[], options: FilledChunkerOptions, batches: readonly number[]): void {
  // Idle: every sentence the text so far settles has been released, none too early.
  const onTime = (released: number, seen: string): void => {
    expect(released).toBe(settledCount(seen, options));
  };
  const reference = whole(text, options);
  expect(serve(cutIntoDeltas(text, sizes), options, batches, onTime)).toEqual(reference);
  expect(serve([...text], options, batches, onTime)).toEqual(reference);
}

describe('chunker properties', () => {
  it('(a) loses and duplicates nothing, and never yields an empty sentence', () => {
    fc.assert(
      fc.property(textArb, sizesArb, optionsArb, (text, sizes, options) => {
        const out = chunked(cutIntoDeltas(text, sizes), options);
        expect(squeeze(out.join(''))).toBe(squeeze(text));
        for (const sentence of out) {
          expect(sentence).not.toBe('');
          expect(sentence).toBe(sentence.trim());
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) gives the same sentences however the text was split into deltas', () => {
    fc.assert(
      fc.property(textArb, sizesArb, optionsArb, (text, sizes, options) => {
        const reference = whole(text, options);
        expect(chunked(cutIntoDeltas(text, sizes), options)).toEqual(reference);
        expect(chunked([text], options)).toEqual(reference);
        // One character at a time scans every prefix that warrants a scan.
        expect(chunked([...text], options)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) gives the same sentences through the gated, coalesced server path, and releases them on time', () => {
    const batchesArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(textArb, sizesArb, optionsArb, batchesArb, servedOnTime), { numRuns: RUNS });
  });

  it('(c) regression: a delta that ends inside a surrogate pair does not settle the boundary before it', () => {
    // "U.S." waits for the next letter; a lone high surrogate of an uncased letter is not one.
    servedOnTime('U.S.\t\u{12f90}', [1], fillChunkerOptions({ maxSentenceChars: 20 }), [1]);
  });

  it('(d) keeps every sentence within maxSentenceChars, except a fenced code block', () => {
    fc.assert(
      fc.property(textArb, sizesArb, optionsArb, (text, sizes, options) => {
        for (const sentence of chunked(cutIntoDeltas(text, sizes), options)) {
          if (!sentence.startsWith('```')) expect(sentence.length).toBeLessThanOrEqual(options.maxSentenceChars);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reports a boundary for a prefix exactly as for any longer text, and pending only when undecided', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), optionsArb, (text, a, b, options) => {
        const cut = text.length === 0 ? 0 : a % (text.length + 1);
        const longer = cut + (text.length === cut ? 0 : b % (text.length - cut + 1));
        const short = scanSentenceEnds(text.slice(0, cut), { sentencesEmitted: 0 }, options, false);
        const long = scanSentenceEnds(text.slice(0, longer), { sentencesEmitted: 0 }, options, false);
        expect(long.ends.slice(0, short.ends.length)).toEqual(short.ends);
        const final = scanSentenceEnds(text, { sentencesEmitted: 0 }, options, true);
        expect(final.pending).toBe(false);
        // Every end settled early is an end of the finished text too (the last may be extended
        // over trailing whitespace at the very end).
        const finalEnds = final.ends.slice(0, short.ends.length);
        const lastShort = short.ends.at(-1);
        if (lastShort !== undefined && finalEnds.at(-1) === text.length) finalEnds[finalEnds.length - 1] = lastShort;
        expect(finalEnds).toEqual(short.ends);
      }),
      { numRuns: RUNS },
    );
  });
});
