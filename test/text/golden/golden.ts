/**
 * The held-apart evaluation: cases written for it alone, apart from the conformance corpus
 * (`../corpus`) the chunker's rules were written against, so the rules are checked on text
 * nobody tuned them on: LLM-style answers, and a set per class of the boundary kinds in
 * English, German, Spanish, French, Japanese and Chinese. Scored with the corpus's own
 * `scoreCorpus` rules: a case counts when every sentence matches exactly, trimmed. Public
 * splitters' golden rules and peers' test suites were read to find the classes of boundaries
 * worth covering; their texts are not copied.
 */
import type { CorpusClass } from '../corpus/corpus-case.js';
import { HELD_CHINESE, HELD_JAPANESE } from './cjk.js';
import { HELD_ABBREVIATIONS_END, HELD_ABBREVIATIONS_GO_ON } from './english-abbreviations.js';
import { HELD_ELLIPSES, HELD_MARKS_INSIDE, HELD_NUMBERS } from './english-punctuation.js';
import { HELD_LINES, HELD_LISTS } from './english-structure.js';
import { HELD_FRENCH, HELD_GERMAN, HELD_SPANISH } from './european.js';
import { LLM_ANSWERS } from './llm-answers.js';

export const GOLDEN: readonly CorpusClass[] = [
  LLM_ANSWERS,
  HELD_ABBREVIATIONS_GO_ON,
  HELD_ABBREVIATIONS_END,
  HELD_LISTS,
  HELD_LINES,
  HELD_ELLIPSES,
  HELD_MARKS_INSIDE,
  HELD_NUMBERS,
  HELD_GERMAN,
  HELD_SPANISH,
  HELD_FRENCH,
  HELD_JAPANESE,
  HELD_CHINESE,
];
