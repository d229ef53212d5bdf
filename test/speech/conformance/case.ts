/**
 * The shape of the conformance set: written text and what an American English reader says for it,
 * grouped by the classes of Google's text normalization data (Sproat & Jaitly 2016,
 * https://arxiv.org/abs/1611.00068) plus the address and Roman numeral classes of NeMo's tests.
 * Every reading is written out by hand; none is produced by the code under test.
 */

/** The classes accuracy is reported for. */
export const CLASSES = [
  'cardinal',
  'ordinal',
  'decimal',
  'fraction',
  'money',
  'percent',
  'date',
  'time',
  'measure',
  'telephone',
  'electronic',
  'abbreviation',
  'address',
  'roman',
] as const;

export type CaseClass = (typeof CLASSES)[number];

/** A group of cases of one class that follow one published convention. */
export interface CaseGroup {
  class: CaseClass;
  /** Where the convention comes from: a test suite's style or a URL. */
  source: string;
  /** `[written, spoken]` pairs. */
  cases: ReadonlyArray<readonly [string, string]>;
}

/** The `source` of groups written in the style of NVIDIA NeMo text processing's English tests. */
export const NEMO_STYLE =
  'style of NeMo text processing tests (tests/nemo_text_processing/en/data_text_normalization/test_cases_*.txt)';
/** Google's text normalization challenge data, described in Sproat & Jaitly 2016. */
export const GOOGLE_TN = 'style of Google text normalization data (https://arxiv.org/abs/1611.00068)';
/** Festival's English token-to-words conventions (festival/lib/token.scm). */
export const FESTIVAL_STYLE = "style of Festival's English token rules (festival lib/token.scm)";
/** USPS Publication 28, street suffix and state abbreviations. */
export const USPS_PUB28 = 'USPS Publication 28 abbreviations (https://pe.usps.com/text/pub28/)';

/**
 * What counts as the same reading: case, punctuation and hyphens do not ("twenty-one" and
 * "twenty one", "p.m." and "p m", "F-B-I" and "F B I" match), apostrophes are dropped.
 */
export function comparable(spoken: string): string {
  return spoken
    .toLowerCase()
    .replaceAll(APOSTROPHES, '')
    .replaceAll(NOT_WORD, ' ')
    .trim()
    .replaceAll(SPACES, ' ');
}

const APOSTROPHES = /['\u2019]/g;
const NOT_WORD = /[^a-z0-9\u00C0-\u024F]+/g;
const SPACES = / +/g;
