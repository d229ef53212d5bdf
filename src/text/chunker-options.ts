/**
 * Options of the sentence chunker: the interface, one defaults object and one validation
 * function that returns a frozen, fully filled copy. Lengths are counted in UTF-16 code units
 * (JavaScript string length), which is what the scanner measures.
 */
import { normalizeLanguageTag } from '../language/language-rules.js';

/** How the streaming chunker cuts text into speakable sentences. */
export interface ChunkerOptions {
  /**
   * Longest sentence, in characters. Default 300, allowed 20–10000.
   *
   * A run with no boundary is split at the last whitespace at or before this many characters,
   * so a cut never falls inside a word. When the first word of the run is itself longer than
   * the limit (no whitespace at all within it: a long URL, base64, or a script written without
   * spaces such as Chinese), the run is cut at the limit instead, moved back so that it never
   * splits a surrogate pair or detaches a combining mark. Choosing a hard cut over "wait for the
   * end of the word" keeps the carry buffer bounded whatever a client streams. Fenced code
   * blocks are the one exception: they are never split, whatever their length.
   */
  maxSentenceChars?: number;
  /**
   * Shortest sentence, in characters (after trimming). Default 0 (off), allowed 0 to
   * `maxSentenceChars`. A fragment shorter than this is merged into the sentence after it; the
   * last fragment of a stream has nothing to merge into and is released as it is, and so is a
   * fragment before a fenced code block (a code block always stands alone).
   */
  minSentenceChars?: number;
  /**
   * Faster first audio: when > 0, the first chunk of a turn may also end at a clause mark
   * (`,` `;` `:` followed by whitespace, an em dash `—` not between digits, a spaced en dash
   * ` – `, or a full-width `，` `、` `；` `：`) once it is at least this many characters long.
   * Never inside a number such as "1,000" or a time such as "10:30". Default 0 (off), allowed
   * 0 to `maxSentenceChars`.
   */
  firstClauseChars?: number;
  /**
   * The language of the text, a BCP-47 tag ("en", "de", "es-MX", "pt_BR"; case and `_` or `-`
   * do not matter). Default "en". It picks the abbreviations, titles, sentence starters and
   * ordinal rules of `src/language/`: German "z. B." and "12. Juni", Spanish "Srta.", and so on.
   * Rules exist for en, de, es, fr, ja and zh; any other well-formed tag is accepted and gets the
   * English rules (so a voice's language can always be passed through). A tag that is not
   * well-formed is a RangeError. The filled options hold the tag normalized: lower case, `-`.
   */
  language?: string;
}

/** Chunker options with every field present, as the scanner and the carry take them. */
export type FilledChunkerOptions = Readonly<Required<ChunkerOptions>>;

/** The defaults: sentences up to 300 characters, no merging, no early first clause, English. */
export const DEFAULT_CHUNKER_OPTIONS: FilledChunkerOptions = Object.freeze({
  maxSentenceChars: 300,
  minSentenceChars: 0,
  firstClauseChars: 0,
  language: 'en',
});

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_CHUNKER_OPTIONS));
const MAX_RANGE = [20, 10_000] as const;

/**
 * Validates chunker options and fills in the defaults. A key set to `undefined` counts as
 * absent.
 *
 * @returns a frozen object with every option present.
 * @throws RangeError naming the option and its allowed range when a value is not an integer in
 *   range or `language` is not a well-formed tag, or naming the keys when there are unknown ones.
 *   TypeError when `options` is not an object.
 */
export function fillChunkerOptions(options: ChunkerOptions = {}): FilledChunkerOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('Chunker options must be an object.');
  }
  const unknown = Object.keys(options).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"`).join(', ');
    throw new RangeError(`Unknown chunker option${unknown.length > 1 ? 's' : ''} ${names}; known: ${[...KNOWN_KEYS].join(', ')}.`);
  }
  const maxSentenceChars = checked('maxSentenceChars', options.maxSentenceChars, MAX_RANGE[0], MAX_RANGE[1]);
  return Object.freeze({
    maxSentenceChars,
    minSentenceChars: checked('minSentenceChars', options.minSentenceChars, 0, maxSentenceChars),
    firstClauseChars: checked('firstClauseChars', options.firstClauseChars, 0, maxSentenceChars),
    language: checkedLanguage(options.language),
  });
}

function checkedLanguage(value: unknown): string {
  if (value === undefined) return DEFAULT_CHUNKER_OPTIONS.language;
  const tag = typeof value === 'string' ? normalizeLanguageTag(value) : undefined;
  if (tag === undefined) {
    const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new RangeError(`Chunker option "language" must be a language tag such as "en" or "de-AT"; got ${got}.`);
  }
  return tag;
}

function checked(key: Exclude<keyof ChunkerOptions, 'language'>, value: unknown, min: number, max: number): number {
  if (value === undefined) return DEFAULT_CHUNKER_OPTIONS[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new RangeError(`Chunker option "${key}" must be an integer from ${min} to ${max}; got ${got}.`);
  }
  return value;
}
