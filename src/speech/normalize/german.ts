/**
 * A minimal German rule set, to show how a language plugs in: markup, characters and web
 * addresses as in English, and numbers written the German way, "1.234,5" (dot for thousands,
 * comma for decimals): cardinals ("21" "einundzwanzig"), decimals read digit by digit after
 * "Komma", percentages ("Prozent") and euro amounts ("3,50 €" "drei Euro fünfzig"). Number words
 * come from `to-words` (de-DE), lower-cased.
 */
import { ToWords } from 'to-words/de-DE';
import { CHARACTER_RULES, plainWords } from './characters.js';
import { MARKDOWN_RULES } from './markdown.js';
import type { Rule } from './rule.js';
import { WEB_RULES } from './web.js';

// One converter for the thread: construction builds the locale's lookup tables.
const converter = new ToWords();

/** Longest whole number said as a number; longer runs are read digit by digit. */
const MAX_DIGITS = 15;
const THOUSANDS_DOTS = /\./g;

function cardinal(digits: string): string {
  const plain = digits.replaceAll(THOUSANDS_DOTS, '');
  if (plain.length > MAX_DIGITS) return digitsOneByOne(plain);
  return converter.convert(Number(plain)).toLowerCase();
}

function digitsOneByOne(digits: string): string {
  return digits
    .split('')
    .map((digit) => converter.convert(Number(digit)).toLowerCase())
    .join(' ');
}

function amount(whole: string, fraction: string | undefined): string {
  return fraction === undefined ? cardinal(whole) : `${cardinal(whole)} Komma ${digitsOneByOne(fraction)}`;
}

const WHOLE = String.raw`\d{1,3}(?:\.\d{3})+(?!\d)|\d+`;
const MINUS = String.raw`(?<![A-Za-z0-9_.,])[-\u2212](?=\d)`;

const euro: Rule = {
  name: 'deEuro',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![\d.,])(?<deEuroWhole>${WHOLE})(?:,(?<deEuroCents>\d{2}))? ?(?:€|EUR\b)`),
  speak(m, { out }) {
    const whole = cardinal(m.groups.deEuroWhole as string);
    const cents = m.groups.deEuroCents;
    out.say(cents === undefined || Number(cents) === 0 ? `${whole} Euro` : `${whole} Euro ${cardinal(cents)}`, m.start, m.end);
  },
};

const percent: Rule = {
  name: 'dePercent',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<dePercentSign>${MINUS})?(?<![\d.,])(?<dePercentWhole>${WHOLE})(?:,(?<dePercentFraction>\d+))? ?%`),
  speak(m, { out }) {
    const sign = m.groups.dePercentSign === undefined ? '' : 'minus ';
    out.say(`${sign}${amount(m.groups.dePercentWhole as string, m.groups.dePercentFraction)} Prozent`, m.start, m.end);
  },
};

const number: Rule = {
  name: 'deNumber',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<deNumberSign>${MINUS})?(?<deNumberWhole>${WHOLE})(?:,(?<deNumberFraction>\d+))?`),
  speak(m, { out }) {
    const sign = m.groups.deNumberSign === undefined ? '' : 'minus ';
    out.say(sign + amount(m.groups.deNumberWhole as string, m.groups.deNumberFraction), m.start, m.end);
  },
};

export const GERMAN_RULES: readonly Rule[] = [...MARKDOWN_RULES, ...WEB_RULES, ...CHARACTER_RULES, euro, percent, number, plainWords];
