/**
 * Invariants of the rule tables themselves: a rule flagged `needsDigit` is left out of the scan
 * of digit-free text, so it must never match such text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH_RULES } from '../../src/speech/normalize/english.js';
import { GERMAN_RULES } from '../../src/speech/normalize/german.js';

const RULES = [...ENGLISH_RULES, ...GERMAN_RULES];

/** Text made of the characters the rules look for, digits excepted. */
const digitFree = fc.string({
  unit: fc.constantFrom(...'$€£¥₹%:/.,-–— ~#&+()²³°½aApPmMsStThkKbBlLxXvViIcCdDnNeEwWoOrRyYzZ'.split(''), 'Ave', 'CA', 'St', 'Jan', 'Mon', 'pm'),
  maxLength: 30,
});

describe('normalization rules', () => {
  it('never match digit-free text when flagged needsDigit', () => {
    const flagged = RULES.filter((rule) => rule.needsDigit === true);
    expect(flagged.length).toBeGreaterThan(20);
    for (const rule of flagged) {
      const pattern = new RegExp(rule.pattern.source);
      fc.assert(
        fc.property(digitFree, (text) => !pattern.test(text)),
        { numRuns: 300 },
      );
    }
  });
});
