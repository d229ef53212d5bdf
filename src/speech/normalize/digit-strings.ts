/**
 * Digit strings that people read digit by digit, one comma-separated group per written group:
 * - phone numbers in their usual groupings, "+" as "plus": "+1 555-0100", "(555) 123-4567",
 *   "1-800-555-0199", "555 123 4567", "020 7946 0958", "+33 1 42 68 53 00";
 * - US Social Security numbers "123-45-6789" and card-like groups of four ("4111 1111 1111 1111");
 * - IPv4 addresses, "dot" between the parts: "192.168.1.1" "one nine two dot one six eight dot
 *   one dot one";
 * - ZIP codes after "ZIP", "zip code" or "postal code" (after a state, see `addresses.ts`);
 * - a decimal written without its leading zero: ".1665" "point one six six five".
 */
import { digitWords } from './number-words.js';
import type { Rule } from './rule.js';

const NON_DIGITS = /\D+/g;

/** "555-123-4567" → "five five five, one two three, four five six seven". */
export function digitGroupWords(text: string): string {
  return text
    .split(NON_DIGITS)
    .filter((group) => group !== '')
    .map(digitWords)
    .join(', ');
}

const phone: Rule = {
  name: 'phone',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![A-Za-z0-9_.+-])(?:` +
      [
        String.raw`\+\d{1,3}(?:[ .-]?\(\d{1,4}\)|[ .-]?\d{1,6}){2,6}`,
        String.raw`(?:1[ .-]?)?\(\d{3}\) ?\d{3}[ .-]\d{4}`,
        String.raw`(?:1[.-])?\d{3}(?<phoneSeparator>[.-])\d{3}\k<phoneSeparator>\d{4}`,
        String.raw`(?:1 )?\d{3} \d{3} \d{4}`,
        String.raw`0\d{2,4} \d{3,4} \d{4}`,
        String.raw`\d{3}-\d{4}`,
      ].join('|') +
      String.raw`)(?![\d-])`,
  ),
  speak(m, { out }) {
    const words = digitGroupWords(m.text);
    out.say(m.text.startsWith('+') ? `plus ${words}` : words, m.start, m.end);
  },
};

/** SSNs and four-digit groups (card numbers), with hyphens or spaces. */
const digitGroups: Rule = {
  name: 'digitGroups',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_.,-])(?:\d{3}-\d{2}-\d{4}|\d{4}(?<groupSeparator>[ -])\d{4}\k<groupSeparator>\d{4}\k<groupSeparator>\d{1,4})(?![\d-]|\.\d)/,
  speak(m, { out }) {
    out.say(digitGroupWords(m.text), m.start, m.end);
  },
};

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

const ipAddress: Rule = {
  name: 'ipAddress',
  needsDigit: true,
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9_.])${OCTET}(?:\.${OCTET}){3}(?![A-Za-z0-9_]|\.\d)`),
  speak(m, { out }) {
    out.say(m.text.split('.').map(digitWords).join(' dot '), m.start, m.end);
  },
};

const zipCode: Rule = {
  name: 'zipCode',
  needsDigit: true,
  pattern: /(?=\d)(?<=\b(?:ZIP|Zip|zip|[Pp]ostal)(?: [Cc]ode)?:? )\d{5}(?:-\d{4})?(?![\d-])/,
  speak(m, { out }) {
    out.say(digitGroupWords(m.text), m.start, m.end);
  },
};

const leadingDotDecimal: Rule = {
  name: 'leadingDotDecimal',
  needsDigit: true,
  pattern: /(?<![A-Za-z0-9_.])\.\d+(?![\d.]|,\d)/,
  speak(m, { out }) {
    out.say(`point ${digitWords(m.text.slice(1))}`, m.start, m.end);
  },
};

/** In priority order, before the number rules. */
export const DIGIT_STRING_RULES: readonly Rule[] = [phone, digitGroups, ipAddress, zipCode, leadingDotDecimal];
