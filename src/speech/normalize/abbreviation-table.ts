/**
 * The English abbreviations the normalizer reads, by kind: a view over `src/language/en.ts`,
 * where each term is listed once, beside what the sentence chunker needs to know of it. The rules
 * in `abbreviations.ts` and `addresses.ts` read this view; it is built once, at module load.
 */
import { EN } from '../../language/en.js';
import type { Abbreviation, AbbreviationKind } from '../../language/language-rules.js';

/** Per kind: written term (case as usually written, no final dot) → what is said. */
export type AbbreviationTable = Readonly<Record<AbbreviationKind, Readonly<Record<string, string>>>>;

const FINAL_DOT = /\.$/;

/** The normalizer's table of `abbreviations`: each entry under each of its kinds. */
function tableOf(abbreviations: readonly Abbreviation[]): AbbreviationTable {
  const table: Record<AbbreviationKind, Record<string, string>> = {
    title: {}, suffix: {}, reference: {}, word: {}, street: {}, directional: {}, unit: {}, state: {},
  };
  for (const { written, say, kinds = [] } of abbreviations) {
    for (const kind of kinds) {
      const reading = typeof say === 'string' ? say : say?.[kind];
      const term = written.replace(FINAL_DOT, '');
      // Static data: these are typos in src/language, found by any test that imports the normalizer.
      if (reading === undefined) throw new Error(`abbreviation "${written}" has no reading as a ${kind}`);
      if (term in table[kind]) throw new Error(`abbreviation "${term}" is listed twice as a ${kind}`);
      table[kind][term] = reading;
    }
  }
  return table;
}

/** English; a term may have several kinds ("St" is a title and a street suffix). */
export const ENGLISH_ABBREVIATIONS: AbbreviationTable = tableOf(EN.abbreviations);
