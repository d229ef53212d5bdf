/**
 * Ranges: a dash between two amounts reads "to": "2pm-5pm", "$50-$100", "2%-10%", "2-5 lb",
 * "10:30–11:30". The dash counts as a range only right after a digit, a percent sign, or a digit
 * and a short unit or "am"/"pm", and right before a number or a currency amount; a minus that
 * starts a number ("-5 °C", "from -3 to 4") has a space or a word boundary before it, so it stays
 * a minus. A spaced hyphen ("10 - 5") is arithmetic and left alone; a spaced en or em dash is a
 * range.
 */
import type { Rule } from './rule.js';

const rangeDash: Rule = {
  name: 'rangeDash',
  needsDigit: true,
  pattern: /(?=[-\u2013\u2014 ])(?<=\d|%|\d ?(?:[AaPp]\.?[Mm]\.?|[A-Za-z\u00B0\u00B2\u00B3\u00B5/]{1,6}|thousand|million|billion|trillion))(?:[-\u2013\u2014]| [\u2013\u2014] )(?=[$\u20AC\u00A3\u00A5\u20B9]?\d)/,
  speak(m, { out }) {
    out.say('to', m.start, m.end);
  },
};

/** In priority order: before the number rules, whose minus sign would take the dash. */
export const RANGE_RULES: readonly Rule[] = [rangeDash];
