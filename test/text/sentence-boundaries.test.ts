/**
 * The scanner's contract as the pool sees it: offsets, the pending flag, `final`, and what the
 * scan state changes.
 */
import { describe, expect, it } from 'vitest';
import { type ChunkerOptions, fillChunkerOptions } from '../../src/text/chunker-options.js';
import { type ScanResult, scanSentenceEnds } from '../../src/text/sentence-boundaries.js';

/** The scan's ends and pending flag (its resume point has tests of its own below). */
function scan(text: string, opts: { emitted?: number; final?: boolean; options?: ChunkerOptions } = {}): ScanResult {
  const { ends, pending } = scanSentenceEnds(text, { sentencesEmitted: opts.emitted ?? 0 }, fillChunkerOptions(opts.options), opts.final ?? false);
  return { ends, pending };
}

describe('scanSentenceEnds', () => {
  it.each<[string, ScanResult]>([
    ['', { ends: [], pending: false }],
    ['Hello', { ends: [], pending: false }],
    ['Hello.', { ends: [], pending: true }],
    ['Hello. ', { ends: [], pending: true }],
    ['Hello. W', { ends: [6], pending: false }],
    ['Hello. World. Again', { ends: [6, 13], pending: false }],
    ['Hello. World.', { ends: [6], pending: true }],
    ['Costs $3.', { ends: [], pending: true }],
    ['Costs $3.5', { ends: [], pending: false }],
    ['Hi etc. ', { ends: [], pending: true }],
    ['Hi etc. "', { ends: [], pending: true }],
    ['Hi etc. "T', { ends: [], pending: true }],
    ['Hi etc. "The ', { ends: [7], pending: false }],
    ['Hi etc. "t', { ends: [], pending: false }],
    ['Stop!"', { ends: [], pending: true }],
    ['你好。', { ends: [], pending: true }],
    ['你好。」', { ends: [], pending: true }],
    ['你好。」我', { ends: [4], pending: false }],
    ['Intro\n', { ends: [], pending: true }],
    ['Intro\n1', { ends: [], pending: true }],
    ['Intro\n1.', { ends: [], pending: true }],
    ['Intro\n1. ', { ends: [5], pending: false }],
    ['Intro\n1. Go', { ends: [5], pending: false }],
    // A line without final punctuation ends before a line that starts with a number.
    ['Intro\n1.5', { ends: [5], pending: false }],
    ['The intro text\nand 1.5', { ends: [], pending: false }],
    ['Intro\n``', { ends: [], pending: true }],
    ['Intro\n```', { ends: [5], pending: true }],
    ['- item\n', { ends: [6], pending: false }],
    ['```js\ncode. More.', { ends: [], pending: true }],
  ])('%j → %j', (text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it('settles everything with final, the last end at the end of the text', () => {
    expect(scan('Hello.', { final: true })).toEqual({ ends: [6], pending: false });
    expect(scan('One. Two  \n ', { final: true })).toEqual({ ends: [4, 12], pending: false });
    expect(scan('Open ``` fence\n```\ncode. More.', { final: true }).ends.at(-1)).toBe(30);
    expect(scan(' \n\t ', { final: true })).toEqual({ ends: [], pending: false });
  });

  it('reads sentence i as the trimmed slice between ends i-1 and i', () => {
    const text = '  Dr. No is here.\n\n- one\n- two\n\nThe end';
    const { ends } = scan(text, { final: true });
    expect(ends.map((end, i) => text.slice(ends[i - 1] ?? 0, end).trim())).toEqual([
      'Dr. No is here.',
      '- one',
      '- two',
      'The end',
    ]);
  });

  it('applies firstClauseChars only at the start of a turn', () => {
    const text = 'First of all, we go. ';
    expect(scan(text, { options: { firstClauseChars: 5 } }).ends).toEqual([13]);
    expect(scan(text, { emitted: 1, options: { firstClauseChars: 5 } }).ends).toEqual([]);
  });

  it('knows a window after a released sentence does not start a line', () => {
    // At the turn start the window starts a line, so the item's newline ends it at once.
    expect(scan('- a\n')).toEqual({ ends: [3], pending: false });
    // Later, the window starts where a sentence ended mid-line: "- a" is not a list item.
    expect(scan(' - a\n', { emitted: 1 })).toEqual({ ends: [], pending: true });
    // A window that starts with the newline that ended the previous sentence does start a line.
    expect(scan('\n- a\n', { emitted: 1 })).toEqual({ ends: [4], pending: false });
  });

  it('never ends a sentence past maxSentenceChars, and cuts a word only when it has no whitespace', () => {
    const options = { maxSentenceChars: 20 };
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    const { ends } = scan(words, { options, final: true });
    const sentences = ends.map((end, i) => words.slice(ends[i - 1] ?? 0, end).trim());
    expect(sentences).toEqual(['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota kappa']);
    // A run over the limit is split as soon as the character after the limit is there.
    expect(scan('a'.repeat(20), { options }).ends).toEqual([]);
    expect(scan('a'.repeat(21), { options }).ends).toEqual([20]);
  });

  it('goes on from its resume point exactly as a scan from the start would', () => {
    const options = fillChunkerOptions();
    const text = 'See https://example.com/a.b and Dr. Who at 5 a.m. Mr. Smith said「好。」と. Run `make. Then` now. Then\n- item\nNext line';
    for (let cut = 1; cut < text.length; cut++) {
      const first = scanSentenceEnds(text.slice(0, cut), { sentencesEmitted: 1 }, options, false);
      const from = first.ends.at(-1) ?? 0;
      const rest = text.slice(from);
      const resume = first.resume === undefined || first.resume.at < from ? undefined : first.resume;
      const state = resume === undefined ? { sentencesEmitted: 1 + first.ends.length } : {
        sentencesEmitted: 1 + first.ends.length,
        resume: { ...resume, at: resume.at - from, lineContent: resume.lineContent < 0 ? -1 : resume.lineContent - from },
      };
      const resumed = scanSentenceEnds(rest, state, options, false);
      const fresh = scanSentenceEnds(rest, { sentencesEmitted: 1 + first.ends.length }, options, false);
      expect([resumed.ends, resumed.pending], `cut at ${cut}`).toEqual([fresh.ends, fresh.pending]);
    }
  });

  it('gives no resume point with final, and ignores one outside the window', () => {
    const options = fillChunkerOptions();
    expect(scanSentenceEnds('Hello there', { sentencesEmitted: 0 }, options, true).resume).toBeUndefined();
    expect(scanSentenceEnds('Hello there', { sentencesEmitted: 0 }, options, false).resume).toEqual({ at: 11, lineContent: 0, depth: 0, code: false, listItem: false });
    const bad = { sentencesEmitted: 0, resume: { at: 99, lineContent: 0, depth: 0, code: false, listItem: false } };
    expect(scanSentenceEnds('Hello. There', bad, options, false).ends).toEqual([6]);
  });
});
