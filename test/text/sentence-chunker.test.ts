/**
 * The chunker's rules, one hard case per row with its exact sentences. Each runs through
 * `createSentenceChunker` whole, in 3-character deltas, one character at a time (checking that
 * every sentence comes out as soon as it is settled), cut in two at every position, and through
 * one final scan.
 */
import { describe, expect, it } from 'vitest';
import { type ChunkerOptions, fillChunkerOptions } from '../../src/text/chunker-options.js';
import { scanSentenceEnds } from '../../src/text/sentence-boundaries.js';
import { createSentenceChunker } from '../../src/text/sentence-chunker.js';

interface Case {
  text: string;
  sentences: string[];
  options?: ChunkerOptions;
}

const CASES: Record<string, Case[]> = {
  'abbreviations and titles': [
    { text: 'Dr. Smith is here. He is late.', sentences: ['Dr. Smith is here.', 'He is late.'] },
    { text: 'Mr. and Mrs. Jones came. They left.', sentences: ['Mr. and Mrs. Jones came.', 'They left.'] },
    { text: "We met at St. Mary's church. It was cold.", sentences: ["We met at St. Mary's church.", 'It was cold.'] },
    { text: 'Bring fruit, e.g. apples or pears. Thanks.', sentences: ['Bring fruit, e.g. apples or pears.', 'Thanks.'] },
    { text: 'Use a tool, i.e. a hammer. Done.', sentences: ['Use a tool, i.e. a hammer.', 'Done.'] },
    { text: 'Cats vs. dogs is old. Let it go.', sentences: ['Cats vs. dogs is old.', 'Let it go.'] },
    { text: 'Ask Prof. Lee. She knows.', sentences: ['Ask Prof. Lee.', 'She knows.'] },
    { text: 'Pens, paper, etc. and then home. Bye.', sentences: ['Pens, paper, etc. and then home.', 'Bye.'] },
    { text: 'Pens, paper, etc. Then I went home.', sentences: ['Pens, paper, etc.', 'Then I went home.'] },
    { text: 'It starts at 9 a.m. and ends at noon.', sentences: ['It starts at 9 a.m. and ends at noon.'] },
    { text: 'It starts at 9 a.m. The lunch is at noon.', sentences: ['It starts at 9 a.m.', 'The lunch is at noon.'] },
    // "a.m." may end a sentence, but only before a sentence starter, not before a title.
    { text: 'At 5 a.m. Mr. Smith left.', sentences: ['At 5 a.m. Mr. Smith left.'] },
    { text: 'It ends at 5 p.m. on Friday. Really.', sentences: ['It ends at 5 p.m. on Friday.', 'Really.'] },
    { text: 'He works at Acme Inc. The company is big.', sentences: ['He works at Acme Inc.', 'The company is big.'] },
    { text: 'Sammy Davis Jr. was a star. Truly.', sentences: ['Sammy Davis Jr. was a star.', 'Truly.'] },
    { text: 'The U.S. team won. Great.', sentences: ['The U.S. team won.', 'Great.'] },
    { text: 'She moved to the U.S. Her brother did not.', sentences: ['She moved to the U.S.', 'Her brother did not.'] },
    { text: 'No. 5 is my pick. No. I disagree.', sentences: ['No. 5 is my pick.', 'No.', 'I disagree.'] },
    { text: 'It opens Jan. 5 this year. Come.', sentences: ['It opens Jan. 5 this year.', 'Come.'] },
  ],
  'decimals, money and versions': [
    { text: 'Pi is 3.14 roughly. Yes.', sentences: ['Pi is 3.14 roughly.', 'Yes.'] },
    { text: 'It costs $3.50 today. Buy it.', sentences: ['It costs $3.50 today.', 'Buy it.'] },
    { text: 'The price is €1,200.00 now. Wow.', sentences: ['The price is €1,200.00 now.', 'Wow.'] },
    { text: 'Update to v1.2.3 soon. Node 20.11 works.', sentences: ['Update to v1.2.3 soon.', 'Node 20.11 works.'] },
    { text: 'It went from 0.5 to .75 today. Ok.', sentences: ['It went from 0.5 to .75 today.', 'Ok.'] },
    { text: 'I scored 100. Then I slept.', sentences: ['I scored 100.', 'Then I slept.'] },
    { text: 'It costs $5. That is cheap.', sentences: ['It costs $5.', 'That is cheap.'] },
  ],
  'URLs and e-mail addresses': [
    { text: 'Visit https://example.com/a.b?x=1 for more. Thanks!', sentences: ['Visit https://example.com/a.b?x=1 for more.', 'Thanks!'] },
    { text: 'Mail a.b@example.co.uk today. Bye.', sentences: ['Mail a.b@example.co.uk today.', 'Bye.'] },
    { text: 'Go to example.com. It is free.', sentences: ['Go to example.com.', 'It is free.'] },
    { text: 'Is it http://x.io? Yes.', sentences: ['Is it http://x.io?', 'Yes.'] },
    { text: 'Read docs.python.org/3/library. Then code.', sentences: ['Read docs.python.org/3/library.', 'Then code.'] },
  ],
  initials: [
    { text: 'J. R. R. Tolkien wrote books. He died in 1973.', sentences: ['J. R. R. Tolkien wrote books.', 'He died in 1973.'] },
    { text: 'The author is George R. R. Martin. He writes.', sentences: ['The author is George R. R. Martin.', 'He writes.'] },
    { text: 'So did I. Then we left.', sentences: ['So did I.', 'Then we left.'] },
  ],
  ellipses: [
    { text: 'Well... I guess so. Fine.', sentences: ['Well...', 'I guess so.', 'Fine.'] },
    { text: 'I waited... and waited. Nothing.', sentences: ['I waited... and waited.', 'Nothing.'] },
    { text: 'Then… silence. Ok.', sentences: ['Then… silence.', 'Ok.'] },
    { text: 'It ended… Then it began.', sentences: ['It ended…', 'Then it began.'] },
    { text: 'Wait.... "What now?" she asked.', sentences: ['Wait....', '"What now?" she asked.'] },
    { text: 'Hmm...', sentences: ['Hmm...'] },
  ],
  'question and exclamation runs': [
    { text: 'Really?! Yes!!! Ok?', sentences: ['Really?!', 'Yes!!!', 'Ok?'] },
    // A lower-case word after the mark goes on: "Yahoo! in the", "What? no way".
    { text: 'What? no way.', sentences: ['What? no way.'] },
    { text: 'Is it done?? Probably.', sentences: ['Is it done??', 'Probably.'] },
    { text: 'Wow!? That is odd.', sentences: ['Wow!?', 'That is odd.'] },
  ],
  'closing quotes and brackets': [
    { text: 'He said "Stop!" Then he ran.', sentences: ['He said "Stop!"', 'Then he ran.'] },
    { text: '"Stop!" he said. Then he ran.', sentences: ['"Stop!" he said.', 'Then he ran.'] },
    { text: 'She wrote (it was late.) Then slept.', sentences: ['She wrote (it was late.)', 'Then slept.'] },
    { text: '“Really?” she asked. “Yes.” he said.', sentences: ['“Really?” she asked.', '“Yes.” he said.'] },
    { text: "'Go home.' Then quiet.", sentences: ["'Go home.'", 'Then quiet.'] },
    { text: '**Note.** This matters.', sentences: ['**Note.**', 'This matters.'] },
  ],
  'numbered and bulleted lists': [
    { text: '1. First item\n2. Second item\n3. Third', sentences: ['1. First item', '2. Second item', '3. Third'] },
    { text: 'Steps:\n1) Open it\n2) Close it', sentences: ['Steps:', '1) Open it', '2) Close it'] },
    { text: '- Apples\n- Bananas', sentences: ['- Apples', '- Bananas'] },
    { text: '* One\n* Two\n* Three', sentences: ['* One', '* Two', '* Three'] },
    { text: '• Red\n• Green', sentences: ['• Red', '• Green'] },
    { text: 'Steps: 1. Open the app. 2. Tap save.', sentences: ['Steps:', '1. Open the app.', '2. Tap save.'] },
    {
      text: 'Top picks:\n1. Rome is great. Go there.\n2. Paris.',
      sentences: ['Top picks:', '1. Rome is great.', 'Go there.', '2. Paris.'],
    },
    { text: 'Numbers:\n10. Ten\n11. Eleven', sentences: ['Numbers:', '10. Ten', '11. Eleven'] },
    { text: 'It was\n-5 degrees outside.', sentences: ['It was\n-5 degrees outside.'] },
    { text: 'We need\n  - milk\n  - eggs', sentences: ['We need', '- milk', '- eggs'] },
    // A dash after a sentence on the same line is not an inline list item.
    { text: '- a\n- b. - c and more\nthings', sentences: ['- a', '- b.', '- c and more\nthings'] },
  ],
  'markdown headings': [
    { text: '# Title\nBody text here.', sentences: ['# Title', 'Body text here.'] },
    {
      text: '## Summary\nThe answer is yes.\n### Details\nMore.',
      sentences: ['## Summary', 'The answer is yes.', '### Details', 'More.'],
    },
    { text: 'Use the #hashtags\nwisely.', sentences: ['Use the #hashtags\nwisely.'] },
    // Not a heading, but a line before a capitalised line.
    { text: '#NoSpace\nText', sentences: ['#NoSpace', 'Text'] },
    { text: 'Intro text\n# Part 2\nBody.', sentences: ['Intro text', '# Part 2', 'Body.'] },
  ],
  'fenced code blocks': [
    { text: 'Code:\n```js\nconst a = 1. b;\n```\nDone.', sentences: ['Code:', '```js\nconst a = 1. b;\n```', 'Done.'] },
    { text: '```\nx = 1. Y = 2.\n\nz\n```', sentences: ['```\nx = 1. Y = 2.\n\nz\n```'] },
    { text: 'Run this:\n```sh\nnpm i\n```', sentences: ['Run this:', '```sh\nnpm i\n```'] },
    { text: 'Inline ```x``` code. Ok.', sentences: ['Inline ```x``` code.', 'Ok.'] },
    { text: '```py\nprint("a. B")\n```\n```js\nx()\n```', sentences: ['```py\nprint("a. B")\n```', '```js\nx()\n```'] },
    { text: 'Open:\n```\nnever closed. Still code.', sentences: ['Open:', '```\nnever closed. Still code.'] },
  ],
  newlines: [
    { text: 'First paragraph\n\nSecond paragraph', sentences: ['First paragraph', 'Second paragraph'] },
    { text: 'A line that wraps\nonto the next line.', sentences: ['A line that wraps\nonto the next line.'] },
    { text: 'Done.\nNext line', sentences: ['Done.', 'Next line'] },
    { text: 'Title line\n\n\nBody.', sentences: ['Title line', 'Body.'] },
    { text: 'Hello\r\n\r\nWorld', sentences: ['Hello', 'World'] },
    { text: 'Really?\nYes', sentences: ['Really?', 'Yes'] },
    { text: 'Dr.\nWho', sentences: ['Dr.', 'Who'] },
  ],
  'CJK full-width marks': [
    { text: '你好。我很好！谢谢？', sentences: ['你好。', '我很好！', '谢谢？'] },
    // A mark inside a quotation that the sentence goes on after is not an end.
    { text: '他说：「好。」然后走了。', sentences: ['他说：「好。」然后走了。'] },
    { text: '「好。」「走吧。」', sentences: ['「好。」', '「走吧。」'] },
    { text: 'こんにちは。元気ですか？はい', sentences: ['こんにちは。', '元気ですか？', 'はい'] },
    { text: 'Mixed 中文。English here.', sentences: ['Mixed 中文。', 'English here.'] },
  ],
  'Spanish opening marks': [
    { text: '¿Qué hora es? ¡Vamos ya!', sentences: ['¿Qué hora es?', '¡Vamos ya!'] },
    { text: 'Hola. ¿Cómo estás?', sentences: ['Hola.', '¿Cómo estás?'] },
    { text: 'Bueno... ¿y tú?', sentences: ['Bueno...', '¿y tú?'] },
  ],
  'long runs without a boundary': [
    {
      text: 'one two three four five six seven eight',
      options: { maxSentenceChars: 20 },
      sentences: ['one two three four', 'five six seven eight'],
    },
    {
      text: 'a supercalifragilisticexpialidocious word',
      options: { maxSentenceChars: 20 },
      sentences: ['a', 'supercalifragilistic', 'expialidocious word'],
    },
    {
      text: '一二三四五六七八九十一二三四五六七八九十一二三四五',
      options: { maxSentenceChars: 20 },
      sentences: ['一二三四五六七八九十一二三四五六七八九十', '一二三四五'],
    },
    {
      text: `a${'😀'.repeat(12)}`,
      options: { maxSentenceChars: 20 },
      sentences: [`a${'😀'.repeat(9)}`, '😀😀😀'],
    },
    {
      text: `${'e\u0301'.repeat(12)}`,
      options: { maxSentenceChars: 21 },
      sentences: ['e\u0301'.repeat(10), 'e\u0301'.repeat(2)],
    },
    {
      text: 'This has words and more words. Short one.',
      options: { maxSentenceChars: 25 },
      sentences: ['This has words and more', 'words.', 'Short one.'],
    },
    {
      // The closing quote would take the sentence past the limit.
      text: 'Nothing at all ends "her." Right.',
      options: { maxSentenceChars: 25 },
      sentences: ['Nothing at all ends', '"her."', 'Right.'],
    },
  ],
  'a tail with no terminal mark': [
    { text: 'No terminal mark here', sentences: ['No terminal mark here'] },
    { text: 'One. And a tail   ', sentences: ['One.', 'And a tail'] },
    { text: '   \n\n  ', sentences: [] },
  ],
  'first clause (firstClauseChars)': [
    {
      text: 'Well, it is true, I think. Yes, really.',
      options: { firstClauseChars: 10 },
      sentences: ['Well, it is true,', 'I think.', 'Yes, really.'],
    },
    {
      text: 'We have 1,000 apples and 2,000 pears, roughly. Ok.',
      options: { firstClauseChars: 5 },
      sentences: ['We have 1,000 apples and 2,000 pears,', 'roughly.', 'Ok.'],
    },
    { text: 'At 10:30 we leave — quickly. Ok.', options: { firstClauseChars: 5 }, sentences: ['At 10:30 we leave —', 'quickly.', 'Ok.'] },
    { text: 'Pages 10—20 are dull; skip them.', options: { firstClauseChars: 5 }, sentences: ['Pages 10—20 are dull;', 'skip them.'] },
    { text: 'Range 1 – 2 is it, ok.', options: { firstClauseChars: 5 }, sentences: ['Range 1 –', '2 is it, ok.'] },
    { text: '首先，我们走。然后，休息。', options: { firstClauseChars: 2 }, sentences: ['首先，', '我们走。', '然后，休息。'] },
  ],
  'short fragments (minSentenceChars)': [
    { text: 'Hi. Ok. This is longer. Yes.', options: { minSentenceChars: 10 }, sentences: ['Hi. Ok. This is longer.', 'Yes.'] },
    { text: '# T\nBody text here.', options: { minSentenceChars: 10 }, sentences: ['# T\nBody text here.'] },
    { text: 'Go:\n```\nx\n```', options: { minSentenceChars: 10 }, sentences: ['Go:', '```\nx\n```'] },
    { text: '- a\n- b\n- longer item', options: { minSentenceChars: 5 }, sentences: ['- a\n- b', '- longer item'] },
  ],
};

function streamed(text: string, size: number, options?: ChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...chunker.push(text.slice(i, i + size)));
  return [...out, ...chunker.flush()];
}

/** Two deltas, cut at `at`. */
function cutAt(text: string, at: number, options?: ChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  return [...chunker.push(text.slice(0, at)), ...chunker.push(text.slice(at)), ...chunker.flush()];
}

/**
 * One character at a time, checking after each that the chunker has released exactly what a
 * scan of the text so far settles: nothing early, nothing late.
 */
function onTime(text: string, options?: ChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  const filled = fillChunkerOptions(options);
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    out.push(...chunker.push(text.charAt(i)));
    const settled = scanSentenceEnds(text.slice(0, i + 1), { sentencesEmitted: 0 }, filled, false).ends.length;
    expect(out.length, `after ${JSON.stringify(text.slice(0, i + 1))}`).toBe(settled);
  }
  return [...out, ...chunker.flush()];
}

function scannedWhole(text: string, options?: ChunkerOptions): string[] {
  const { ends } = scanSentenceEnds(text, { sentencesEmitted: 0 }, fillChunkerOptions(options), true);
  return ends.map((end, i) => text.slice(ends[i - 1] ?? 0, end).trim());
}

describe('sentence chunker: hard cases', () => {
  it('has at least 60 cases', () => {
    expect(Object.values(CASES).flat().length).toBeGreaterThanOrEqual(60);
  });

  for (const [category, cases] of Object.entries(CASES)) {
    describe(category, () => {
      it.each(cases)('$text', ({ text, sentences, options }) => {
        expect(streamed(text, text.length || 1, options), 'whole').toEqual(sentences);
        expect(streamed(text, 3, options), '3-char deltas').toEqual(sentences);
        expect(scannedWhole(text, options), 'one final scan').toEqual(sentences);
        expect(onTime(text, options), '1-char deltas').toEqual(sentences);
        for (let at = 1; at < text.length; at++) expect(cutAt(text, at, options), `cut at ${at}`).toEqual(sentences);
      });
    });
  }
});

describe('sentence chunker: streaming', () => {
  it('releases a sentence as soon as the text after it settles it, not before', () => {
    const chunker = createSentenceChunker();
    expect(chunker.push('It costs $3.')).toEqual([]);
    expect(chunker.push('50')).toEqual([]);
    expect(chunker.push(' today.')).toEqual([]);
    expect(chunker.push(' ')).toEqual([]);
    expect(chunker.push('B')).toEqual(['It costs $3.50 today.']);
    expect(chunker.push('uy it')).toEqual([]);
  });

  it('holds an abbreviation until the word after it decides', () => {
    const chunker = createSentenceChunker();
    expect(chunker.push('See you at 9 a.m. ')).toEqual([]);
    // "Then" is a sentence starter; "Thenceforth" would not be, so it waits for the whole word.
    expect(chunker.push('Then')).toEqual([]);
    expect(chunker.push(' ')).toEqual(['See you at 9 a.m.']);
  });

  it('releases a tail without a terminal mark only on flush', () => {
    const chunker = createSentenceChunker();
    expect(chunker.push('No terminal mark here')).toEqual([]);
    expect(chunker.flush()).toEqual(['No terminal mark here']);
  });

  it('flush settles what was waiting on lookahead', () => {
    const chunker = createSentenceChunker();
    expect(chunker.push('Intro\n')).toEqual([]);
    expect(chunker.flush()).toEqual(['Intro']);
    expect(chunker.push('It ended... "')).toEqual([]);
    expect(chunker.flush()).toEqual(['It ended... "']);
  });

  it('flush resets the chunker for a new stream', () => {
    const chunker = createSentenceChunker({ firstClauseChars: 5 });
    expect(chunker.push('First part, then more. ')).toEqual(['First part,']);
    expect(chunker.flush()).toEqual(['then more.']);
    // A new stream: the first clause applies again…
    expect(chunker.push('Again, once more. ')).toEqual(['Again,']);
    expect(chunker.flush()).toEqual(['once more.']);
    // …and the stream starts a line, so a list item's line ends at its newline at once.
    expect(chunker.push('1. Item one\n')).toEqual(['1. Item one']);
    expect(chunker.flush()).toEqual([]);
    expect(chunker.flush()).toEqual([]);
  });

  it('rejects bad options when it is created', () => {
    expect(() => createSentenceChunker({ maxSentenceChars: 5 })).toThrow(/maxSentenceChars/);
  });
});
