/**
 * The shape of the conformance corpus: hand-written texts with their expected sentences, grouped
 * by class. The expected split is what a person reading the text aloud would pause at, written
 * out by hand; it is never computed by the chunker.
 */

/** One text and the sentences it should split into (trimmed, in order). */
export interface CorpusCase {
  text: string;
  sentences: string[];
}

/** A class of boundary decisions, in one language. */
export interface CorpusClass {
  name: string;
  /** BCP-47 tag passed as the chunker's `language`. */
  language: string;
  cases: CorpusCase[];
}

/** Shorthand for a case. */
export const c = (text: string, ...sentences: string[]): CorpusCase => ({ text, sentences });
