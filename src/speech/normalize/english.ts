/**
 * The English (American) rule set. Where two rules could match at the same position the earlier
 * wins: markup and addresses before the numbers inside them, dates and phone numbers before plain
 * numbers, specific before general.
 */
import { ABBREVIATION_RULES } from './abbreviations.js';
import { ADDRESS_RULES } from './addresses.js';
import { CHARACTER_RULES, plainWords } from './characters.js';
import { DATE_TIME_RULES } from './dates-times.js';
import { DIGIT_STRING_RULES } from './digit-strings.js';
import { FRACTION_RULES } from './fractions.js';
import { MARKDOWN_RULES } from './markdown.js';
import { NUMBER_RULES } from './numbers.js';
import { RANGE_RULES } from './ranges.js';
import { ROMAN_NUMERAL_RULES } from './roman-numerals.js';
import type { Rule } from './rule.js';
import { WEB_RULES } from './web.js';

export const ENGLISH_RULES: readonly Rule[] = [
  ...MARKDOWN_RULES,
  ...WEB_RULES,
  ...CHARACTER_RULES,
  ...ADDRESS_RULES,
  ...DIGIT_STRING_RULES,
  ...DATE_TIME_RULES,
  ...FRACTION_RULES,
  ...RANGE_RULES,
  ...NUMBER_RULES,
  ...ROMAN_NUMERAL_RULES,
  ...ABBREVIATION_RULES,
  plainWords,
];
