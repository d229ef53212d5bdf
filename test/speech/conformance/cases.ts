/** The whole conformance set, over 400 cases in 14 classes. */
import type { CaseGroup } from './case.js';
import { DATE_TIME_CASES } from './cases-dates-times.js';
import { IDENTIFIER_CASES } from './cases-identifiers.js';
import { NUMBER_CASES } from './cases-numbers.js';
import { QUANTITY_CASES } from './cases-quantities.js';
import { WORD_CASES } from './cases-words.js';

export const CONFORMANCE_CASES: readonly CaseGroup[] = [
  ...NUMBER_CASES,
  ...QUANTITY_CASES,
  ...DATE_TIME_CASES,
  ...IDENTIFIER_CASES,
  ...WORD_CASES,
];
