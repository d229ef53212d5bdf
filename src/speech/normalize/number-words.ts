/**
 * Number words, American English. Cardinals and ordinals come from `to-words` (its en-US locale
 * only, so the other 130-odd locales stay unloaded); what it does not do the way people speak is
 * built on top of it here: digit-by-digit reading, years ("nineteen ninety-nine") and the
 * hyphen in "twenty-one". to-words spells in title case without hyphens; its words are lowercased
 * and hyphenated once, here.
 */
import { ToWords } from 'to-words/en-US';

// One converter for the thread: construction builds the locale's lookup tables.
const converter = new ToWords();

/**
 * Longest digit string read as one number (999 trillion and so on). Longer runs are read digit by
 * digit: nobody says a twenty-digit number as a number, and to-words takes `number` for ordinals.
 */
export const MAX_NUMBER_DIGITS = 15;

const COMPOUND = /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) (one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b/g;

function spoken(words: string): string {
  return words.toLowerCase().replaceAll(COMPOUND, '$1-$2');
}

const LEADING_ZEROS = /^0+(?=\d)/;

const DIGIT_WORDS: readonly string[] = Array.from({ length: 10 }, (_, d) => spoken(converter.convert(d)));

/** "0123" → "zero one two three". `digits` holds ASCII digits only. */
export function digitWords(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    out += (i === 0 ? '' : ' ') + DIGIT_WORDS[digits.charCodeAt(i) - 48];
  }
  return out;
}

/**
 * "1200000" → "one million two hundred thousand". `digits` holds ASCII digits only (separators
 * already removed); beyond {@link MAX_NUMBER_DIGITS} significant digits it is read digit by digit.
 */
export function cardinalWords(digits: string): string {
  const significant = digits.replace(LEADING_ZEROS, '');
  if (significant.length > MAX_NUMBER_DIGITS) return digitWords(digits);
  return spoken(converter.convert(BigInt(significant)));
}

/** "21" → "twenty-first"; same input rules as {@link cardinalWords}. */
export function ordinalWords(digits: string): string {
  const significant = digits.replace(LEADING_ZEROS, '');
  if (significant.length > MAX_NUMBER_DIGITS) return `${digitWords(digits)}th`;
  return spoken(converter.toOrdinal(Number(significant)));
}

/** "3", "14" → "three point one four": decimals are read digit by digit after the point. */
export function decimalWords(whole: string, fraction: string): string {
  return `${cardinalWords(whole)} point ${digitWords(fraction)}`;
}

/**
 * A year as it is said: 1999 "nineteen ninety-nine", 1905 "nineteen oh five", 1900 "nineteen
 * hundred", 2000–2009 "two thousand five", 2026 "twenty twenty-six"; below 1000 a cardinal.
 */
export function yearWords(year: number): string {
  const century = Math.floor(year / 100);
  const rest = year % 100;
  if (year < 1000 || year % 1000 < 10) {
    return cardinalWords(String(year));
  }
  const head = cardinalWords(String(century));
  if (rest === 0) return `${head} hundred`;
  if (rest < 10) return `${head} oh ${DIGIT_WORDS[rest]}`;
  return `${head} ${cardinalWords(String(rest))}`;
}

/** The plural of a number's last word: "nineteen nineties", "the two thousands", "sixes". */
export function pluralWords(words: string): string {
  if (words.endsWith('y')) return `${words.slice(0, -1)}ies`;
  if (words.endsWith('x') || words.endsWith('s')) return `${words}es`;
  return `${words}s`;
}
