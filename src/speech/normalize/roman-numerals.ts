/**
 * Roman numerals, read only where the context says they are numbers:
 * - after a word that counts parts or editions ("Chapter IV", "World War II", "Super Bowl LVII",
 *   "Type II", "Vol. III") as a cardinal: "Chapter four";
 * - after a capitalised name ("Louis XIV", "Elizabeth II", "John Paul II") as "the" and an
 *   ordinal: "Louis the fourteenth". A lone "I", "V" or "X" only after a known regnal name, so the
 *   pronoun stays a pronoun ("Then I left").
 * Elsewhere capitals are left to the acronym rule, which keeps English words such as "MIX" as
 * words.
 */
import { cardinalWords, ordinalWords } from './number-words.js';
import type { Rule } from './rule.js';

const VALID = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a valid Roman numeral, or undefined. */
export function romanValue(numeral: string): number | undefined {
  if (numeral === '' || !VALID.test(numeral)) return undefined;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = VALUES[numeral[i] as string] as number;
    const next = VALUES[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const COUNTING_WORDS =
  'Chapter|Part|Volume|Vol\\.|Book|Act|Scene|War|Bowl|Section|Article|Title|Phase|Type|Class|Stage|Level|Grade|Episode|' +
  'Round|Appendix|Schedule|Category|Tier|Series|Division|League|Canto|Psalm|Olympiad|Vatican';

/** Monarchs and popes most often written with a numeral, for the lone "I", "V", "X". */
const REGNAL_NAMES =
  'Elizabeth|Charles|James|George|Edward|Henry|William|Richard|John|Louis|Mary|Anne|Victoria|Alexander|Peter|Paul|' +
  'Napoleon|Nicholas|Frederick|Philip|Leo|Pius|Gregory|Benedict|Innocent|Clement|Francis|Ferdinand|Ramesses|Catherine';

const countingNumeral: Rule = {
  name: 'countingNumeral',
  pattern: new RegExp(String.raw`(?=[IVXLCDM])(?<=\b(?:${COUNTING_WORDS}) )(?<countingLetters>[IVXLCDM]+)(?![A-Za-z0-9'])`),
  speak(m, { out }) {
    const value = romanValue(m.groups.countingLetters as string);
    if (value === undefined) out.copy(m.start, m.end);
    else out.say(cardinalWords(String(value)), m.start, m.end);
  },
};

const regnalNumeral: Rule = {
  name: 'regnalNumeral',
  pattern: new RegExp(
    String.raw`(?=[IVX])(?:(?<=\b[A-Z][a-z]+ )(?<regnalLetters>[IVX]{2,}[IVXL]*)|(?<=\b(?:${REGNAL_NAMES}) )(?<regnalLetter>[IVX]))(?![A-Za-z0-9'])`,
  ),
  speak(m, { out }) {
    const value = romanValue(m.groups.regnalLetters ?? (m.groups.regnalLetter as string));
    if (value === undefined) out.copy(m.start, m.end);
    else out.say(`the ${ordinalWords(String(value))}`, m.start, m.end);
  },
};

/**
 * In priority order: before the acronym rule, which would spell the numeral as letters. Patterns
 * that start with a look-behind first look ahead at one character: the joined regex tries every
 * rule at every position, and a failed one-character test is far cheaper than a look-behind.
 */
export const ROMAN_NUMERAL_RULES: readonly Rule[] = [countingNumeral, regnalNumeral];
