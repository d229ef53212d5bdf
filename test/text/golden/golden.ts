/**
 * The golden evaluation: sentence-boundary cases from public splitters' golden rules and peers'
 * test suites (each file names its source and licence), and LLM-style answers. It stands apart
 * from the conformance corpus (`../corpus`), which was written for this project, so the
 * chunker's rules are checked against cases nobody tuned them on. Scored with the corpus's own
 * `scoreCorpus` rules: a case counts when every sentence matches exactly, trimmed.
 */
import type { CorpusClass } from '../corpus/corpus-case.js';
import { LLM_ANSWERS } from './llm-answers.js';
import { INTL_SEGMENTER_SUITE, SBD_SUITE, SENTENCE_SPLITTER_JA, SENTENCE_SPLITTER_SUITE } from './peer-suites.js';
import { PRAGMATIC_ENGLISH } from './pragmatic-english.js';
import { PRAGMATIC_ENGLISH_SPEC } from './pragmatic-english-spec.js';
import {
  PRAGMATIC_CHINESE,
  PRAGMATIC_CJK,
  PRAGMATIC_FRENCH,
  PRAGMATIC_GERMAN,
  PRAGMATIC_OTHER,
  PRAGMATIC_SPANISH,
} from './pragmatic-languages.js';

export const GOLDEN: readonly CorpusClass[] = [
  PRAGMATIC_ENGLISH,
  PRAGMATIC_ENGLISH_SPEC,
  PRAGMATIC_GERMAN,
  PRAGMATIC_SPANISH,
  PRAGMATIC_FRENCH,
  PRAGMATIC_CJK,
  PRAGMATIC_CHINESE,
  PRAGMATIC_OTHER,
  SBD_SUITE,
  SENTENCE_SPLITTER_SUITE,
  SENTENCE_SPLITTER_JA,
  INTL_SEGMENTER_SUITE,
  LLM_ANSWERS,
];
