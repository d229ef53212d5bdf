/**
 * Roman numerals, read only where the context says they are numbers:
 * - after a word that counts parts or editions ("Chapter IV", "World War II", "Super Bowl LVII",
 *   "Type II", "Vol. III") as a cardinal: "Chapter four";
 * - after a monarch's or pope's name ("Louis XIV", "Elizabeth II", "John Paul II"), or any name
 *   after "King", "Queen", "Pope" and the like, as "the" and an ordinal: "Louis the fourteenth";
 * - after any other capitalised word, a numeral of two or more letters is a sequel or a model
 *   ("Final Fantasy VII", "Rocky II") and is read as a cardinal: "Final Fantasy seven".
 * A lone "I" is read only after a counting word, after a titled name ("King Charles I"), or after
 * a regnal name at the end of a clause ("Elizabeth I."), so the pronoun stays a pronoun ("Mary I
 * think"). A possessive keeps its "'s" ("Henry VIII's" "Henry the
 * eighth's").
 * Elsewhere capitals are left to the acronym rule, which keeps English words such as "MIX" as
 * words.
 */
import { cardinalWords, ordinalWords } from './number-words.js';
import type { SpeechBuilder } from './offset-map.js';
import type { Rule, RuleMatch } from './rule.js';

const VALID = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a valid Roman numeral, or undefined. */
function romanValue(numeral: string): number | undefined {
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

/** Titles before a ruler's name, whatever the name. */
const RULER_TITLES = 'King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke|Sultan|Pharaoh|Kaiser';
const TITLED = String.raw`\b(?:${RULER_TITLES}) [A-Z][a-z]+ `;

/** Writes `words` for the numeral of a match, keeping a possessive "'s"; an invalid numeral is copied. */
function sayNumeral(m: RuleMatch, out: SpeechBuilder, letters: string, words: (value: number) => string): void {
  const value = romanValue(letters);
  if (value === undefined) out.copy(m.start, m.end);
  else out.say(words(value) + m.text.slice(letters.length), m.start, m.end);
}

const POSSESSIVE_END = String.raw`(?:'s)?(?![A-Za-z0-9'])`;

const countingNumeral: Rule = {
  name: 'countingNumeral',
  pattern: new RegExp(String.raw`(?=[IVXLCDM])(?<=\b(?:${COUNTING_WORDS}) )(?<countingLetters>[IVXLCDM]+)${POSSESSIVE_END}`),
  speak(m, { out }) {
    sayNumeral(m, out, m.groups.countingLetters as string, (value) => cardinalWords(String(value)));
  },
};

const regnalNumeral: Rule = {
  name: 'regnalNumeral',
  pattern: new RegExp(
    String.raw`(?=[IVX])(?:(?<=\b(?:${REGNAL_NAMES}) |${TITLED})(?<regnalLetters>[IVXL]{2,}|[VX])|(?<=${TITLED})(?<regnalTitledI>I)` +
      String.raw`|(?<=\b(?:${REGNAL_NAMES}) )(?<regnalLoneI>I)(?=[.,;:!?)]|'s|$))${POSSESSIVE_END}`,
  ),
  speak(m, { out }) {
    const letters = m.groups.regnalLetters ?? m.groups.regnalTitledI ?? (m.groups.regnalLoneI as string);
    sayNumeral(m, out, letters, (value) => `the ${ordinalWords(String(value))}`);
  },
};

/** "Final Fantasy VII", "Rocky II": a sequel or model number after a capitalised word. */
const sequelNumeral: Rule = {
  name: 'sequelNumeral',
  pattern: new RegExp(String.raw`(?=[IVX])(?<=\b[A-Z][a-z]+:? )(?<sequelLetters>[IVX]{2,}[IVXL]*)${POSSESSIVE_END}`),
  speak(m, { out }) {
    sayNumeral(m, out, m.groups.sequelLetters as string, (value) => cardinalWords(String(value)));
  },
};

/** "WWII" "World War two". */
const worldWar: Rule = {
  name: 'worldWar',
  pattern: /(?<![A-Za-z])WW(?<worldWarNumeral>II?)(?![A-Za-z])/,
  speak(m, { out }) {
    out.say(`World War ${m.groups.worldWarNumeral === 'I' ? 'one' : 'two'}`, m.start, m.end);
  },
};

/**
 * In priority order: before the acronym rule, which would spell the numeral as letters. Patterns
 * that start with a look-behind first look ahead at one character: the joined regex tries every
 * rule at every position, and a failed one-character test is far cheaper than a look-behind.
 */
export const ROMAN_NUMERAL_RULES: readonly Rule[] = [worldWar, countingNumeral, regnalNumeral, sequelNumeral];
