/**
 * The conformance corpus, every class in one list, and how a splitter scores on it. The bench
 * scores saywire and its peers with `scoreCorpus`; the corpus test holds saywire to it.
 */
import type { CorpusCase, CorpusClass } from './corpus-case.js';
import { CHINESE, JAPANESE } from './cjk.js';
import { ABBREVIATIONS_END, ABBREVIATIONS_GO_ON } from './english-abbreviations.js';
import { ELLIPSES, EXCLAMATIONS, GLUED_PERIODS, NUMBERS_AND_ADDRESSES, PLAIN, QUOTES } from './english-punctuation.js';
import { LINES, LISTS, MARKDOWN } from './english-structure.js';
import { FRENCH } from './french.js';
import { GERMAN } from './german.js';
import { SPANISH } from './spanish.js';

export type { CorpusCase, CorpusClass } from './corpus-case.js';

export const CORPUS: readonly CorpusClass[] = [
  ABBREVIATIONS_GO_ON,
  ABBREVIATIONS_END,
  LISTS,
  LINES,
  MARKDOWN,
  ELLIPSES,
  EXCLAMATIONS,
  QUOTES,
  NUMBERS_AND_ADDRESSES,
  GLUED_PERIODS,
  PLAIN,
  GERMAN,
  SPANISH,
  FRENCH,
  JAPANESE,
  CHINESE,
];

/** Splits a whole text in some language into trimmed sentences. */
export type Splitter = (text: string, language: string) => string[];

/** How one class scored. */
export interface ClassScore {
  name: string;
  language: string;
  cases: number;
  /** Cases split exactly as expected. */
  exact: number;
}

/** True when `got` is exactly the expected split (sentences compared trimmed). */
export function isExact(expected: CorpusCase, got: readonly string[]): boolean {
  return got.length === expected.sentences.length && got.every((s, i) => s.trim() === expected.sentences[i]);
}

/** Scores `split` on every class of the corpus (or of another set of classes, such as the held-apart evaluation). */
export function scoreCorpus(split: Splitter, classes: readonly CorpusClass[] = CORPUS): ClassScore[] {
  return classes.map(({ name, language, cases }) => ({
    name,
    language,
    cases: cases.length,
    exact: cases.filter((item) => isExact(item, split(item.text, language))).length,
  }));
}

/** Exact cases over all cases, 0–1. */
export function overall(scores: readonly ClassScore[]): number {
  const cases = scores.reduce((n, s) => n + s.cases, 0);
  return scores.reduce((n, s) => n + s.exact, 0) / cases;
}
