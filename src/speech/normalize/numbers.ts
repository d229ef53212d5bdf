/**
 * Numbers: money, percentages, measures, ordinals, versions and plain numbers (digit strings
 * read digit by digit are in `digit-strings.ts`).
 *
 * Readings:
 * - Two short numbers joined by a hyphen or en dash are a range: "2-3" "two to three".
 * - Money puts the currency after the amount: "$3.50" "three dollars and fifty cents", "£5m"
 *   "five million pounds", "$2.5 billion" "two point five billion dollars".
 * - Plain integers are said as numbers, except: 7 or more digits without separators that do not
 *   end in "000" (order and account numbers) and multi-digit numbers with a leading zero are read digit by digit, and a
 *   bare four-digit number from 1100 to 2099 is read as a year ("2048 tokens" becomes "twenty
 *   forty-eight tokens", the usual price of "in 1999" reading right). Decimals are read digit by
 *   digit after "point". A number with thousands separators is always said as a number.
 */
import { MAX_NUMBER_DIGITS, cardinalWords, decimalWords, digitWords, ordinalWords, pluralWords, yearWords } from './number-words.js';
import type { Rule, RuleMatch } from './rule.js';
import { PER_PATTERN, UNIT_PATTERN, perWords, unitWords } from './units.js';

/** A whole number: thousands-grouped, or a plain digit run. */
const WHOLE = String.raw`\d{1,3}(?:,\d{3})+(?!\d)|\d+`;
/** A minus sign that starts a number, not a hyphen between words or numbers. */
const MINUS = String.raw`(?<![A-Za-z0-9_.])[-\u2212](?=[\d$€£¥₹])`;

const SEPARATORS = /,/g;
/** Ends in three zeros: a round amount, said as a number however long. */
const ROUND = /000$/;

interface Currency {
  readonly one: string;
  readonly many: string;
  /** The hundredth unit, if amounts are written with cents. */
  readonly minor?: readonly [string, string];
}

const CURRENCIES: Readonly<Record<string, Currency>> = {
  $: { one: 'dollar', many: 'dollars', minor: ['cent', 'cents'] },
  '€': { one: 'euro', many: 'euros', minor: ['cent', 'cents'] },
  '£': { one: 'pound', many: 'pounds', minor: ['penny', 'pence'] },
  '¥': { one: 'yen', many: 'yen' },
  '₹': { one: 'rupee', many: 'rupees', minor: ['paisa', 'paise'] },
};

const SCALES: Readonly<Record<string, string>> = {
  thousand: 'thousand',
  million: 'million',
  billion: 'billion',
  trillion: 'trillion',
  k: 'thousand',
  K: 'thousand',
  m: 'million',
  M: 'million',
  mn: 'million',
  bn: 'billion',
  b: 'billion',
  B: 'billion',
  tn: 'trillion',
  T: 'trillion',
};

function digitsOf(whole: string): string {
  return whole.replaceAll(SEPARATORS, '');
}

function isOne(digits: string): boolean {
  return Number(digits) === 1;
}

/** An amount of something (money, a measure, a percentage): always said as a number. */
function amountWords(whole: string, fraction: string | undefined): string {
  const digits = digitsOf(whole);
  return fraction === undefined ? cardinalWords(digits) : decimalWords(digits, fraction);
}

/**
 * A written integer standing alone, as people say it: identifiers digit by digit, four-digit
 * years as years, the rest as numbers. See the module comment for the rules.
 */
function integerWords(digits: string): string {
  if (digits.length > 1 && digits.startsWith('0')) return digitWords(digits);
  // "1000000" is an amount; "4839201" an order or account number.
  if (digits.length >= 7) return ROUND.test(digits) ? cardinalWords(digits) : digitWords(digits);
  if (digits.length === 4) {
    const value = Number(digits);
    if (value >= 1100 && value < 2100) return yearWords(value);
  }
  return cardinalWords(digits);
}

function signWords(sign: string | undefined): string {
  return sign === undefined ? '' : 'minus ';
}

function moneyWords(symbol: string, whole: string, fraction: string | undefined, scale: string | undefined): string {
  const currency = CURRENCIES[symbol] as Currency;
  if (scale !== undefined) return `${amountWords(whole, fraction)} ${SCALES[scale] as string} ${currency.many}`;
  const digits = digitsOf(whole);
  if (fraction === undefined || Number(fraction) === 0) return `${cardinalWords(digits)} ${isOne(digits) ? currency.one : currency.many}`;
  if (currency.minor === undefined || fraction.length > 2 || digits.length > MAX_NUMBER_DIGITS) {
    return `${decimalWords(digits, fraction)} ${currency.many}`;
  }
  const cents = fraction.padEnd(2, '0');
  const minor = `${cardinalWords(cents)} ${isOne(cents) ? currency.minor[0] : currency.minor[1]}`;
  if (Number(digits) === 0) return minor;
  return `${cardinalWords(digits)} ${isOne(digits) ? currency.one : currency.many} and ${minor}`;
}

/** "/mo" " per month" after an amount of money. */
function moneyPerWords(per: string | undefined): string {
  if (per === undefined) return '';
  const power = per.at(-1) === '\u00B2' || per.at(-1) === '\u00B3' ? (per.at(-1) as string) : undefined;
  return perWords(power === undefined ? per.slice(1) : per.slice(1, -1), power);
}

const money: Rule = {
  name: 'money',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<moneySign>${MINUS})?(?<moneySymbol>[$€£¥₹])(?<moneyWhole>${WHOLE})(?:\.(?<moneyFraction>\d+))?` +
      String.raw`(?:(?:\s(?<moneyScaleWord>thousand|million|billion|trillion)|(?<moneyScale>bn|mn|tn|[kKmMbBT]))(?![A-Za-z0-9]|-[A-Za-z]))?` +
      String.raw`(?<moneyPer>${PER_PATTERN}(?![A-Za-z]))?`,
  ),
  speak(m, { out }) {
    const g = m.groups;
    const words = moneyWords(g.moneySymbol as string, g.moneyWhole as string, g.moneyFraction, g.moneyScaleWord ?? g.moneyScale);
    out.say(signWords(g.moneySign) + words + moneyPerWords(g.moneyPer), m.start, m.end);
  },
};

/**
 * "$5-10", "$1-2 million": one currency symbol for both ends of a range, "five to ten dollars".
 * With a symbol on both sides ("$50-$100") each amount is read with its own currency instead.
 */
const moneyRange: Rule = {
  name: 'moneyRange',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<moneyRangeSymbol>[$€£¥₹])(?<moneyRangeFrom>${WHOLE})(?:\.(?<moneyRangeFromFraction>\d+))?[-–](?<moneyRangeTo>${WHOLE})(?:\.(?<moneyRangeToFraction>\d+))?` +
      String.raw`(?:\s(?<moneyRangeScale>thousand|million|billion|trillion))?(?![A-Za-z0-9]|[.,]\d)`,
  ),
  speak(m, { out }) {
    const g = m.groups;
    const currency = CURRENCIES[g.moneyRangeSymbol as string] as Currency;
    const scale = g.moneyRangeScale === undefined ? '' : ` ${g.moneyRangeScale}`;
    const from = amountWords(g.moneyRangeFrom as string, g.moneyRangeFromFraction);
    const to = amountWords(g.moneyRangeTo as string, g.moneyRangeToFraction);
    out.say(`${from} to ${to}${scale} ${currency.many}`, m.start, m.end);
  },
};

/** "50¢" "fifty cents". */
const cents: Rule = {
  name: 'cents',
  needsDigit: true,
  pattern: /(?<![\d.,])(?<centsValue>\d{1,3}) ?\u00A2/,
  speak(m, { out }) {
    const value = m.groups.centsValue as string;
    out.say(`${cardinalWords(value)} ${isOne(value) ? 'cent' : 'cents'}`, m.start, m.end);
  },
};

/**
 * "1.5M users", "3bn", "2.5 B": a scale letter after a number, outside money. "K" is left out:
 * "4K" is a resolution as often as four thousand.
 */
const scaledNumber: Rule = {
  name: 'scaledNumber',
  needsDigit: true,
  pattern: /(?<![\d.,])(?<scaledWhole>\d{1,3})(?:\.(?<scaledFraction>\d+))?(?<scaledLetter>bn|mn|tn|[MB])(?![A-Za-z0-9])/,
  speak(m, { out }) {
    const g = m.groups;
    out.say(`${amountWords(g.scaledWhole as string, g.scaledFraction)} ${SCALES[g.scaledLetter as string] as string}`, m.start, m.end);
  },
};

/** "100€", "5 £": the symbol after the amount. */
const moneyAfter: Rule = {
  name: 'moneyAfter',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![\d.,])(?<moneyAfterWhole>${WHOLE})(?:\.(?<moneyAfterFraction>\d+))? ?(?<moneyAfterSymbol>[€£¥₹])`),
  speak(m, { out }) {
    const g = m.groups;
    out.say(moneyWords(g.moneyAfterSymbol as string, g.moneyAfterWhole as string, g.moneyAfterFraction, undefined), m.start, m.end);
  },
};

const percent: Rule = {
  name: 'percent',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<percentSign>${MINUS})?(?<![\d.,])(?<percentWhole>${WHOLE})(?:\.(?<percentFraction>\d+))? ?%`),
  speak(m, { out }) {
    const g = m.groups;
    out.say(`${signWords(g.percentSign)}${amountWords(g.percentWhole as string, g.percentFraction)} percent`, m.start, m.end);
  },
};

const measure: Rule = {
  name: 'measure',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<measureSign>${MINUS})?(?<![\d.,])(?<measureWhole>${WHOLE})(?:\.(?<measureFraction>\d+))? ?(?<measureUnit>${UNIT_PATTERN})(?![A-Za-z0-9])`,
  ),
  speak(m, { out }) {
    const g = m.groups;
    const whole = g.measureWhole as string;
    const unit = unitWords(g.measureUnit as string, g.measureFraction === undefined && isOne(digitsOf(whole)));
    out.say(`${signWords(g.measureSign)}${amountWords(whole, g.measureFraction)} ${unit}`, m.start, m.end);
  },
};

/** "6 ft 2 in", "5'11\"": feet and inches, said as one height or length. */
const feetInches: Rule = {
  name: 'feetInches',
  needsDigit: true,
  pattern:
    /(?<![\d.,])(?<feetValue>\d+) ?(?:ft\.?|feet|foot|['\u2032]) ?(?<inchValue>\d+(?:\.\d+)?) ?(?:in\.?|inch(?:es)?|["\u2033]|'')(?![A-Za-z])/,
  speak(m, { out }) {
    const feet = m.groups.feetValue as string;
    const inches = m.groups.inchValue as string;
    const inchWords = inches.includes('.') ? decimalWords(...(inches.split('.') as [string, string])) : cardinalWords(inches);
    out.say(`${cardinalWords(feet)} ${isOne(feet) ? 'foot' : 'feet'} ${inchWords} ${inches === '1' ? 'inch' : 'inches'}`, m.start, m.end);
  },
};

const ordinal: Rule = {
  name: 'ordinal',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![\d.,])(?<ordinalWhole>${WHOLE})(?:st|nd|rd|th)(?![A-Za-z0-9])`),
  speak(m, { out }) {
    out.say(ordinalWords(digitsOf(m.groups.ordinalWhole as string)), m.start, m.end);
  },
};

/** "1990s" "nineteen nineties"; "the 80s" and "'80s" "eighties" (a bare "30s" may be seconds). */
const decade: Rule = {
  name: 'decade',
  needsDigit: true,
  pattern: /(?:(?<![\d.,])(?<decadeYear>1[1-9]\d0|20\d0)|(?<=\b[Tt]he |')(?<decadeYear2>[1-9]0))s(?![A-Za-z0-9])/,
  speak(m, { out }) {
    const year = m.groups.decadeYear;
    out.say(pluralWords(year === undefined ? cardinalWords(m.groups.decadeYear2 as string) : yearWords(Number(year))), m.start, m.end);
  },
};

function dottedWords(text: string): string {
  return text.split('.').map(integerWords).join(' point ');
}

/** "v1.2.3" "version one point two point three". */
const version: Rule = {
  name: 'version',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_.])v(?<versionNumber>\d+(?:\.\d+)*)(?![A-Za-z0-9_]|\.\d)/,
  speak(m, { out }) {
    out.say(`version ${dottedWords(m.groups.versionNumber as string)}`, m.start, m.end);
  },
};

/** Three or more dotted numbers ("1.2.3", an address) read group by group. */
const dotted: Rule = {
  name: 'dotted',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_.])\d+(?:\.\d+){2,}(?![A-Za-z0-9_]|\.\d)/,
  speak(m, { out }) {
    out.say(dottedWords(m.text), m.start, m.end);
  },
};

/**
 * "2-3 servings" "two to three servings", "1990–2000". Only short numbers on both sides, and not
 * before a unit or "%": there the second number is an amount ("2-5 lb" "two to five pounds"),
 * read by the measure rule after the range dash (`ranges.ts`).
 */
const range: Rule = {
  name: 'range',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![A-Za-z0-9_.,\-–])(?<rangeFrom>\d{1,4})[-–](?<rangeTo>\d{1,4})` +
      String.raw`(?![A-Za-z0-9_]|[-–.,]\d| ?(?:%|(?:${UNIT_PATTERN})(?![A-Za-z0-9])))`,
  ),
  speak(m, { out }) {
    out.say(`${integerWords(m.groups.rangeFrom as string)} to ${integerWords(m.groups.rangeTo as string)}`, m.start, m.end);
  },
};

/** "~8 billion" "about eight billion". */
const about: Rule = {
  name: 'about',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_])~(?=[$€£¥₹]?\d)/,
  speak(m, { out }) {
    out.say('about', m.start, m.end);
  },
};

/** "#5" "number five". */
const hashNumber: Rule = {
  name: 'hashNumber',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_#&])#(?=\d)/,
  speak(m, { out }) {
    out.say('number', m.start, m.end);
  },
};

function plainNumberWords(m: RuleMatch): string {
  const g = m.groups;
  const whole = g.numberWhole as string;
  const sign = signWords(g.numberSign);
  if (g.numberFraction !== undefined) return sign + decimalWords(digitsOf(whole), g.numberFraction);
  if (whole.includes(',') || sign !== '') return sign + cardinalWords(digitsOf(whole));
  return integerWords(whole);
}

const plainNumber: Rule = {
  name: 'number',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<numberSign>${MINUS})?(?<numberWhole>${WHOLE})(?:\.(?<numberFraction>\d+))?`),
  speak(m, { out }) {
    out.say(plainNumberWords(m), m.start, m.end);
  },
};

/** In priority order; `plainNumber` last, it takes any digit the others leave. */
export const NUMBER_RULES: readonly Rule[] = [
  moneyRange,
  money,
  moneyAfter,
  cents,
  percent,
  feetInches,
  measure,
  ordinal,
  decade,
  scaledNumber,
  version,
  dotted,
  range,
  about,
  hashNumber,
  plainNumber,
];
