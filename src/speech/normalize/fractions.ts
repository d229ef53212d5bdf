/**
 * Fractions and mixed numbers, as a cook or a machinist reads them: "1/4" "one quarter", "3/8"
 * "three eighths", "2 1/2" "two and a half", "1 1/4" "one and a quarter", "4 1/3" "four and one
 * third", and the vulgar fraction characters ("½", "1½"). Only a proper fraction (numerator below
 * denominator) is read so; "24/7" and "50/50" read their two numbers ("twenty-four seven"), and
 * a month/day pair such as "7/15" reads as a date ("July fifteenth").
 */
import { cardinalWords, ordinalWords } from './number-words.js';
import { MONTHS } from './dates-times.js';
import type { Rule } from './rule.js';
import { UNIT_PATTERN, unitWords } from './units.js';


/** The vulgar fraction characters, as [numerator, denominator]. */
const VULGAR: Readonly<Record<string, readonly [number, number]>> = {
  '\u00BD': [1, 2],
  '\u2153': [1, 3],
  '\u2154': [2, 3],
  '\u00BC': [1, 4],
  '\u00BE': [3, 4],
  '\u2155': [1, 5],
  '\u2156': [2, 5],
  '\u2157': [3, 5],
  '\u2158': [4, 5],
  '\u2159': [1, 6],
  '\u215A': [5, 6],
  '\u215B': [1, 8],
  '\u215C': [3, 8],
  '\u215D': [5, 8],
  '\u215E': [7, 8],
};

/** "three eighths", "one half", "two quarters". */
function fractionWords(numerator: number, denominator: number): string {
  const one = numerator === 1;
  const part = denominator === 2 ? (one ? 'half' : 'halves') : denominator === 4 ? (one ? 'quarter' : 'quarters') : ordinalWords(String(denominator)) + (one ? '' : 's');
  return `${cardinalWords(String(numerator))} ${part}`;
}

/** "two and a half", "four and one third". */
function mixedWords(whole: string, numerator: number, denominator: number): string {
  const part = numerator === 1 && (denominator === 2 || denominator === 4) ? `a ${fractionWords(1, denominator).slice(4)}` : fractionWords(numerator, denominator);
  return `${cardinalWords(whole)} and ${part}`;
}

const slashFraction: Rule = {
  name: 'fraction',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![\d/.,])(?:(?<fractionWhole>\d{1,6}) )?(?<fractionTop>\d{1,3})\/(?<fractionBottom>\d{1,3})(?:st|nd|rd|th| ?(?<fractionUnit>${UNIT_PATTERN}))?(?![\d/A-Za-z]|\.\d)`),
  speak(m, { out }) {
    const g = m.groups;
    const top = Number(g.fractionTop);
    const bottom = Number(g.fractionBottom);
    const whole = g.fractionWhole;
    let words: string;
    if (top >= 1 && bottom >= 2 && top < bottom) {
      words = whole === undefined ? fractionWords(top, bottom) : mixedWords(whole, top, bottom);
      // "1/2 lb" "one half pound", "3 1/2 lbs" "three and a half pounds".
      if (g.fractionUnit !== undefined) words += ` ${unitWords(g.fractionUnit, whole === undefined)}`;
    } else {
      const pair =
        top >= 1 && top <= 12 && bottom >= 1 && bottom <= 31
          ? `${MONTHS[top - 1] as string} ${ordinalWords(String(bottom))}`
          : `${cardinalWords(g.fractionTop as string)} ${cardinalWords(g.fractionBottom as string)}`;
      words = whole === undefined ? pair : `${cardinalWords(whole)} ${pair}`;
      if (g.fractionUnit !== undefined) words += ` ${unitWords(g.fractionUnit, false)}`;
    }
    out.say(words, m.start, m.end);
  },
};

const vulgarFraction: Rule = {
  name: 'vulgarFraction',
  pattern: new RegExp(String.raw`(?<![\d.,])(?:(?<vulgarWhole>\d{1,6}) ?)?(?<vulgarChar>[${Object.keys(VULGAR).join('')}])`),
  speak(m, { out }) {
    const [top, bottom] = VULGAR[m.groups.vulgarChar as string] as readonly [number, number];
    const whole = m.groups.vulgarWhole;
    out.say(whole === undefined ? fractionWords(top, bottom) : mixedWords(whole, top, bottom), m.start, m.end);
  },
};

/** In priority order: after dates (whose slashes come with a year), before plain numbers. */
export const FRACTION_RULES: readonly Rule[] = [vulgarFraction, slashFraction];
