import { describe, expect, it } from 'vitest';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';
import { CANDIDATE_CHARS } from '../../src/text/scan-gate.js';
import { scanSentenceEnds } from '../../src/text/sentence-boundaries.js';
import { SentenceCarry, mayContainBoundary } from '../../src/text/sentence-carry.js';

const options = fillChunkerOptions({ maxSentenceChars: 40 });

/** Scans the whole carry as it is now and applies the result. */
function scan(carry: SentenceCarry, final = false): string[] {
  const window = carry.text;
  return carry.apply(scanSentenceEnds(window, carry.state, options, final), window.length);
}

describe('mayContainBoundary', () => {
  it('is true for every character the scanner treats as a candidate', () => {
    for (const c of CANDIDATE_CHARS) {
      expect(mayContainBoundary(`ab${c} Cd`), JSON.stringify(c)).toBe(true);
      expect(mayContainBoundary(`ab${c}`), JSON.stringify(c)).toBe(true);
    }
    expect(mayContainBoundary('Barney.The')).toBe(true);
  });

  it('is false for a period, colon or ")" that the next character rules out', () => {
    for (const delta of ['v1.2', 'example.com', '3.14', 'https://x', 'a)b', '(a)b']) {
      expect(mayContainBoundary(delta), JSON.stringify(delta)).toBe(false);
    }
  });

  it('is false for marks that the text around them in the delta rules out', () => {
    // A mark glued to a word, a period before a lower-case word, a ")" after no list label.
    for (const delta of ['x.html?ref=2', 'wait!now', 'so…what', 'incl. tax', 'No.\tb', '1.00) incl', 'f(x=1) is', 'xab12) and']) {
      expect(mayContainBoundary(delta), JSON.stringify(delta)).toBe(false);
    }
    // Still candidates: a lettered list after a period, a label before ")", a capital after a mark.
    for (const delta of ['Smith. a. here', ' 2) pick', '(b) then', 'Yes? Then', 'x? y', 'done.  then', 'ab)']) {
      expect(mayContainBoundary(delta), JSON.stringify(delta)).toBe(true);
    }
  });

  it('is false for words, digits, spaces, quotes and emoji', () => {
    for (const delta of ['hello', ' world', '42', '"', '”', '  \t ', '😀👍🏽', '¿¡', '-', '#', '`', '']) {
      expect(mayContainBoundary(delta), JSON.stringify(delta)).toBe(false);
    }
  });
});

describe('SentenceCarry', () => {
  it('warrants a scan for a boundary character, a pending candidate, or an over-long carry', () => {
    const carry = new SentenceCarry(options);
    expect(carry.append('Hello')).toBe(false);
    // A period at the end waits for the next character, without a scan to say so.
    expect(carry.append(' there.')).toBe(false);
    // A blank after it cannot decide it either: the period now waits for the next word.
    expect(carry.append(' ')).toBe(false);
    // A period and blanks at the end: a scan could only wait for the next word.
    const blanks = new SentenceCarry(options);
    expect(blanks.append('Hi. ')).toBe(false);
    expect(blanks.append(' ')).toBe(false);
    expect(blanks.append('Yo')).toBe(true);
    expect(scan(blanks)).toEqual(['Hi.']);
    // A full-width mark before a blank ends its sentence at once.
    expect(new SentenceCarry(options).append('好。 ')).toBe(true);
    expect(carry.append('Next')).toBe(true);
    expect(scan(carry)).toEqual(['Hello there.']);
    expect(carry.append(' words')).toBe(false);
    expect(carry.append(' and words and words and words')).toBe(true);
    expect(carry.length).toBeGreaterThan(40);
  });

  it('slices settled sentences off the front and counts them', () => {
    const carry = new SentenceCarry(options);
    carry.append('One. Two. Thr');
    expect(carry.state).toEqual({ sentencesEmitted: 0 });
    expect(carry.apply({ ends: [4, 9], pending: false }, 13)).toEqual(['One.', 'Two.']);
    expect(carry.text).toBe(' Thr');
    expect(carry.length).toBe(4);
    expect(carry.state).toEqual({ sentencesEmitted: 2 });
  });

  it('applies offsets of a snapshot while the carry has grown past it', () => {
    const carry = new SentenceCarry(options);
    carry.append('One. Tw');
    const window = carry.text;
    const result = scanSentenceEnds(window, carry.state, options, false);
    carry.append('o. Three');
    expect(carry.apply(result, window.length)).toEqual(['One.']);
    expect(carry.text).toBe(' Two. Three');
  });

  it('after a pending scan, warrants another only for a delta that may decide the candidate', () => {
    // Waiting for the word after a period: blanks cannot decide it, a letter can.
    const a = new SentenceCarry(options);
    expect(a.append('One. Two. ')).toBe(true);
    expect(scan(a)).toEqual(['One.']);
    expect(a.append(' \t')).toBe(false);
    expect(a.append('Three')).toBe(true);
    expect(scan(a)).toEqual(['Two.']);
    // Waiting for the end of the word after an abbreviation that may end a sentence: letters cannot.
    const b = new SentenceCarry(options);
    expect(b.append('At 5 p.m. Th')).toBe(true);
    expect(scan(b)).toEqual([]);
    expect(b.append('e')).toBe(false);
    expect(b.append(' store')).toBe(true);
    expect(scan(b)).toEqual(['At 5 p.m.']);
    // Inside a code block: only a newline can complete its closing fence line.
    const c = new SentenceCarry(options);
    expect(c.append('```\nx = 1.5;')).toBe(true);
    expect(scan(c)).toEqual([]);
    expect(c.append(' y. z')).toBe(false);
    // Past maxSentenceChars too: a code block is never split.
    expect(c.append(' y. z'.repeat(10))).toBe(false);
    expect(c.append('\n```')).toBe(true);
    expect(scan(c)).toEqual([]);
    expect(c.append('\n')).toBe(true);
    expect(scan(c)).toEqual([`\`\`\`\nx = 1.5; y. z${' y. z'.repeat(10)}\n\`\`\``]);
    // A word that waits past the longest sentence starter is decided by its length.
    const d = new SentenceCarry(fillChunkerOptions({ maxSentenceChars: 100 }));
    d.append('It is 5 p.m. X');
    expect(d.apply(scanSentenceEnds(d.text, d.state, fillChunkerOptions({ maxSentenceChars: 100 }), false), d.length)).toEqual([]);
    expect(d.append('x'.repeat(10))).toBe(false);
    expect(d.append('x'.repeat(20))).toBe(true);
  });

  it('gates the delta after a mark at the end of the carry as if both had come at once', () => {
    // The gate's own wait: the next character rules the mark out, and no scan is due.
    const a = new SentenceCarry(options);
    expect(a.append('Use v3.')).toBe(false);
    expect(a.append('11 now')).toBe(false);
    expect(a.append(' or')).toBe(false);
    expect(a.append(' https:')).toBe(false);
    expect(a.append('//x.io')).toBe(false);
    expect(a.append('? Yes')).toBe(true);
    expect(scan(a)).toEqual(['Use v3.11 now or https://x.io?']);
    // A scan's wait on a lone mark at the very end: the same.
    const b = new SentenceCarry(options);
    expect(b.append('See No. 7 at v2. Then')).toBe(true);
    expect(scan(b)).toEqual(['See No. 7 at v2.']);
    expect(b.append(' see www.')).toBe(false);
    expect(b.append('a.io.')).toBe(false);
    expect(b.append(' Yes')).toBe(true);
    expect(scan(b)).toEqual(['Then see www.a.io.']);
    // A character that may decide it still warrants a scan.
    const c = new SentenceCarry(options);
    expect(c.append('Steps:')).toBe(false);
    expect(c.append(' 1. Go')).toBe(true);
    expect(scan(c)).toEqual(['Steps:']);
  });

  it('releases every sentence of a carry that was never scanned in one final scan', () => {
    const carry = new SentenceCarry(options);
    for (const delta of ['Hi there', '. How are', ' you? I am', ' fine! And', ' a tail']) carry.append(delta);
    expect(scan(carry, true)).toEqual(['Hi there.', 'How are you?', 'I am fine!', 'And a tail']);
    expect(carry.length).toBe(0);
  });

  it('leaves nothing behind after a final scan, not even whitespace', () => {
    const carry = new SentenceCarry(options);
    carry.append('Done.  \n ');
    expect(scan(carry, true)).toEqual(['Done.']);
    expect(carry.text).toBe('');
  });

  it('rejects a result that does not fit the window', () => {
    const carry = new SentenceCarry(options);
    carry.append('One. Two.');
    expect(() => carry.apply({ ends: [4], pending: false }, 20)).toThrow(RangeError);
    expect(() => carry.apply({ ends: [4, 4], pending: false }, 9)).toThrow(RangeError);
    expect(() => carry.apply({ ends: [5, 3], pending: false }, 9)).toThrow(RangeError);
    expect(() => carry.apply({ ends: [0], pending: false }, 9)).toThrow(RangeError);
    expect(() => carry.apply({ ends: [9], pending: false }, 5)).toThrow(RangeError);
    // Nothing was consumed by the rejected results.
    expect(carry.text).toBe('One. Two.');
  });
});
