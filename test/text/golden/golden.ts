/**
 * The held-apart evaluation: LLM-style answers written for it alone, apart from the conformance
 * corpus (`../corpus`) the chunker's rules were written against, so the rules are checked on
 * text nobody tuned them on. Scored with the corpus's own `scoreCorpus` rules: a case counts
 * when every sentence matches exactly, trimmed. Public splitters' golden rules and peers' test
 * suites were read to find the classes of boundaries worth covering; their texts are not copied.
 */
import type { CorpusClass } from '../corpus/corpus-case.js';
import { LLM_ANSWERS } from './llm-answers.js';

export const GOLDEN: readonly CorpusClass[] = [LLM_ANSWERS];
