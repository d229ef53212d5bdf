/**
 * Options of the sentence chunker: the interface, one defaults object and one validation
 * function that returns a frozen, fully filled copy. Lengths are counted in UTF-16 code units
 * (JavaScript string length), which is what the scanner measures.
 */

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
}

/** Chunker options with every field present, as the scanner and the carry take them. */
export type FilledChunkerOptions = Readonly<Required<ChunkerOptions>>;

/** The defaults: sentences up to 300 characters, no merging, no early first clause. */
export const DEFAULT_CHUNKER_OPTIONS: FilledChunkerOptions = Object.freeze({
  maxSentenceChars: 300,
  minSentenceChars: 0,
  firstClauseChars: 0,
});

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_CHUNKER_OPTIONS));
const MAX_RANGE = [20, 10_000] as const;

/**
 * Validates chunker options and fills in the defaults. A key set to `undefined` counts as
 * absent.
 *
 * @returns a frozen object with every option present.
 * @throws RangeError naming the option and its allowed range when a value is not an integer in
 *   range, or naming the keys when there are unknown ones. TypeError when `options` is not an
 *   object.
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
  });
}

function checked(key: keyof ChunkerOptions, value: unknown, min: number, max: number): number {
  if (value === undefined) return DEFAULT_CHUNKER_OPTIONS[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new RangeError(`Chunker option "${key}" must be an integer from ${min} to ${max}; got ${got}.`);
  }
  return value;
}
