import { describe, expect, it } from 'vitest';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';
import { CANDIDATE_CHARS, ScanGate } from '../../src/text/scan-gate.js';
import { scanSentenceEnds } from '../../src/text/sentence-boundaries.js';
import { SentenceCarry } from '../../src/text/sentence-carry.js';

const options = fillChunkerOptions({ maxSentenceChars: 40 });

/** Scans the whole carry as it is now and applies the result. */
function scan(carry: SentenceCarry, final = false): string[] {
  const window = carry.text;
  return carry.apply(scanSentenceEnds(window, carry.state, options, final), window.length);
}

/** A fresh gate's verdict on one delta, at the start of a turn with clause marks on. */
const admits = (delta: string): boolean => new ScanGate(true).admit(delta, delta.length, false, true);

describe('ScanGate', () => {
  it('warrants a scan for every character the scanner treats as a candidate, when what follows may decide it', () => {
    for (const c of CANDIDATE_CHARS) expect(admits(`ab${c} Cd`), JSON.stringify(c)).toBe(true);
    expect(admits('Barney.The')).toBe(true);
    // Clause marks count only while the first chunk of a turn with firstClauseChars is open.
    expect(new ScanGate(true).admit('ab, Cd', 6, false, false)).toBe(false);
    expect(new ScanGate(false).admit('ab, Cd', 6, false, true)).toBe(false);
  });

  it('rules out a candidate that what follows it in the delta decides against', () => {
    for (const delta of ['v1.2', 'example.com', '3.14', 'https://x', 'a)b', '(a)b', '?ref=1', 'end."x', 'etc. but', 'he said. then', 'Wow!! ok', 'Done." she said']) {
      expect(admits(delta), JSON.stringify(delta)).toBe(false);
    }
  });

  it('still scans where a lower-case word may follow a boundary: inline list markers', () => {
    for (const delta of ['first b. second', 'done 2. next', 'Smith. a. here']) expect(admits(delta), JSON.stringify(delta)).toBe(true);
  });

  it('is false for words, digits, spaces, quotes and emoji', () => {
    for (const delta of ['hello', ' world', '42', '"', '”', '  \t ', '😀👍🏽', '¿¡', '-', '#', '`', '']) {
      expect(admits(delta), JSON.stringify(delta)).toBe(false);
    }
  });

  it('skips newlines while the carry holds only whitespace', () => {
    const gate = new ScanGate(false);
    expect(gate.admit('\n\n', 2, false, false)).toBe(false);
    expect(gate.admit(' \n ', 5, false, false)).toBe(false);
    expect(gate.admit('Hi\n', 8, false, false)).toBe(true);
  });

  it('follows a run of marks across deltas without scanning until what follows may decide it', () => {
    const gate = new ScanGate(false);
    expect(gate.admit('Hi.', 3, false, false)).toBe(false);
    expect(gate.admit(' ', 4, false, false)).toBe(false);
    expect(gate.admit('the', 7, false, false)).toBe(false);
    expect(gate.admit(' end. T', 14, false, false)).toBe(true);
    // A period after a digit may end an inline list item: a lower-case word after it is no proof.
    const marker = new ScanGate(false);
    expect(marker.admit('first 2', 7, false, false)).toBe(false);
    expect(marker.admit('.', 8, false, false)).toBe(false);
    expect(marker.admit(' second', 15, false, false)).toBe(true);
  });
});

describe('SentenceCarry', () => {
  it('warrants a scan for a boundary character, a pending candidate, or an over-long carry', () => {
    const carry = new SentenceCarry(options);
    expect(carry.append('Hello')).toBe(false);
    // A period at the end waits for the next character, without a scan to say so.
    expect(carry.append(' there.')).toBe(false);
    // A blank cannot decide it either: the gate walks on after the period without a scan.
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
