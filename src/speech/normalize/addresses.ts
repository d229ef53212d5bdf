/**
 * US street addresses, read the way people give them:
 * - the house number in pairs, as years are: "123" "one twenty-three", "4500" "forty-five
 *   hundred", "1234" "twelve thirty-four"; one or two digits, and round hundreds or thousands,
 *   as numbers ("10", "900" "nine hundred", "2000" "two thousand");
 * - street suffixes and compass points spelled out: "Great America Pkwy" "Great America
 *   Parkway", "N. Main St" "North Main Street", "Ave NW" "Avenue Northwest";
 * - secondary units before their number: "Ste 200" "Suite two hundred";
 * - road numbers: "Hwy 101" "Highway one oh one", "I-95" "I ninety-five";
 * - a state code next to a ZIP code, or after "City, ", by name, and a ZIP code after a state
 *   code or name digit by digit: "CA 95051" "California nine five zero five one".
 *
 * A number counts as a house number only when a street follows it: up to three capitalised
 * words (or an ordinal, "42nd") and a street suffix, abbreviated or not.
 */
import { ENGLISH_ABBREVIATIONS } from './abbreviation-table.js';
import { digitGroupWords } from './digit-strings.js';
import { cardinalWords, digitWords } from './number-words.js';
import type { Rule } from './rule.js';

const { street: STREETS, directional: DIRECTIONALS, unit: UNITS, state: STATES } = ENGLISH_ABBREVIATIONS;

function alternation(terms: Iterable<string>): string {
  return [...terms].sort((a, b) => b.length - a.length).join('|');
}

const STREET_SUFFIX = alternation(Object.keys(STREETS));
const STREET_WORD = alternation(new Set(Object.values(STREETS).concat(['Way', 'Loop', 'Walk', 'Row', 'Pike', 'Run'])));
const DIRECTIONAL = alternation(Object.keys(DIRECTIONALS));
const STATE = alternation(Object.keys(STATES));
/** State codes that are also English words in capitals ("Sure, OK."): read as states only before a ZIP. */
const WORD_STATES = 'OK|OR|ME|HI|IN|OH';
const STATE_NAME = alternation(Object.values(STATES).filter((name) => name !== 'D C'));
const ZIP = String.raw`\d{5}(?:-\d{4})?(?![\d-])`;

/** A house number read in pairs; see the module comment. */
function houseNumberWords(digits: string): string {
  const value = Number(digits);
  if (digits.length <= 2 || digits.startsWith('0') || digits.length > 4 || value % 1000 === 0) return cardinalWords(digits);
  const head = Math.floor(value / 100);
  const rest = value % 100;
  if (rest === 0) return `${cardinalWords(String(head))} hundred`;
  return `${cardinalWords(String(head))} ${rest < 10 ? `oh ${digitWords(String(rest))}` : cardinalWords(String(rest))}`;
}

const houseNumber: Rule = {
  name: 'houseNumber',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![\d,.$#-])(?<houseDigits>\d{1,5})(?= (?:(?:${DIRECTIONAL})\.? )?(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th)) ){1,3}(?:(?:${STREET_SUFFIX})\.?|${STREET_WORD})(?![A-Za-z]))`,
  ),
  speak(m, { out }) {
    out.say(houseNumberWords(m.groups.houseDigits as string), m.start, m.end);
  },
};

/** "N. Main St", "W 42nd St", "Ave NW", "Park Ave S": compass points inside an address. */
const directional: Rule = {
  name: 'directional',
  pattern: new RegExp(
    String.raw`(?=[NSEW])(?:(?<=\d )(?<directionBefore>${DIRECTIONAL})\.?(?= (?:[A-Z][a-z]|\d+(?:st|nd|rd|th)))` +
      String.raw`|(?<=\b(?:${STREET_SUFFIX}|${STREET_WORD})\.? )(?<directionAfter>${DIRECTIONAL})\.?)(?![A-Za-z])`,
  ),
  speak(m, { out }) {
    const written = m.groups.directionBefore ?? (m.groups.directionAfter as string);
    out.say(DIRECTIONALS[written] as string, m.start, m.end);
  },
};

/**
 * "Main St", "Great America Pkwy.": a suffix right after a capitalised street name or an ordinal.
 * "St" and "Dr" before a capitalised word ("In St. Louis") are left to the title rule, which
 * knows Saint and Doctor.
 */
const streetSuffix: Rule = {
  name: 'streetSuffix',
  pattern: new RegExp(String.raw`(?=[A-Z])(?<=(?:\b[A-Z][a-z]+|\d(?:st|nd|rd|th)) )(?<streetWritten>${STREET_SUFFIX})(?<streetDot>\.)?(?![A-Za-z])(?!(?<=St|Dr)\.? [A-Z])`),
  speak(m, { out, source }) {
    const words = STREETS[m.groups.streetWritten as string] as string;
    // "Main St." at the end: the dot is the sentence's too.
    const ends = m.groups.streetDot !== undefined && source.slice(m.end).trim() === '';
    out.say(ends ? `${words}.` : words, m.start, m.end);
  },
};

const HIGHWAYS: Readonly<Record<string, string>> = { Hwy: STREETS.Hwy as string, Rte: 'Route', Rt: 'Route', US: 'U S', SR: 'State Route' };

/** "Hwy 101" "Highway one oh one", "I-95" "I ninety-five", "Route 66": road numbers, in pairs. */
const highway: Rule = {
  name: 'highway',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![A-Za-z])(?:(?<highwayShort>${Object.keys(HIGHWAYS).join('|')})\.?[- ]|(?<highwayWord>Highway|Route|Interstate) |(?<highwayInterstate>I)-)(?<highwayNumber>\d{1,3})(?![\d.,:%]|\.\d)`,
  ),
  speak(m, { out }) {
    const g = m.groups;
    const name = g.highwayWord ?? g.highwayInterstate ?? (HIGHWAYS[g.highwayShort as string] as string);
    out.say(`${name} ${houseNumberWords(g.highwayNumber as string)}`, m.start, m.end);
  },
};

const secondaryUnit: Rule = {
  name: 'secondaryUnit',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![A-Za-z])(?<unitWritten>${alternation(Object.keys(UNITS))})\.?(?= #?\d)`),
  speak(m, { out }) {
    out.say(UNITS[m.groups.unitWritten as string] as string, m.start, m.end);
  },
};

/**
 * "CA 95051", "Seattle, WA.": a state code before a ZIP code, or after "City, " at the end of a
 * clause; the codes that are also words ({@link WORD_STATES}) only before a ZIP code.
 */
const state: Rule = {
  name: 'state',
  pattern: new RegExp(
    String.raw`(?<![A-Za-z])(?<stateCode>${STATE})(?:(?=,? ${ZIP})|(?<![A-Z][a-z]*, (?:${WORD_STATES}))(?<=[A-Z][a-z]+, (?:${STATE}))(?=[.;!?]?$|[.,;] ))`,
  ),
  speak(m, { out }) {
    out.say(STATES[m.groups.stateCode as string] as string, m.start, m.end);
  },
};

const stateZip: Rule = {
  name: 'stateZip',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?=\d)(?<=\b(?:${STATE}|${STATE_NAME}),? )${ZIP}`),
  speak(m, { out }) {
    out.say(digitGroupWords(m.text), m.start, m.end);
  },
};

/** In priority order: before the number and abbreviation rules, which would take their parts. */
export const ADDRESS_RULES: readonly Rule[] = [highway, houseNumber, directional, streetSuffix, secondaryUnit, state, stateZip];
