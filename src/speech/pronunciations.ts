/**
 * Pronunciations: "say `engine x` for `nginx`". An entry matches whole words only (no letter,
 * digit or `_` on either side) and, unless it is case-sensitive, in any letter case. A lexicon
 * joins its entries into one regex, longest first, so "New York City" wins over "New York".
 *
 * Letter case is spelled into the pattern ("nginx" becomes `[nN][gG][iI][nN][xX]`) rather than
 * left to the `i` flag, so case-sensitive and case-insensitive entries share one pattern and one
 * pass. Normalization lets the lexicons compete with its own rules (`normalize.ts`), and the
 * offset map sends the spoken words back to the written one.
 */

/** One entry, as validated on the main thread. */
export interface Pronunciation {
  /** The written word or words, matched whole. */
  text: string;
  /** What to say instead, as the engine should read it (single-spaced, not normalized further). */
  say: string;
  /** Match `text` only in this exact letter case. */
  caseSensitive: boolean;
}

/** A session's entries with an id that names exactly this list, so a worker compiles it once. */
export interface PronunciationSet {
  id: string;
  entries: readonly Pronunciation[];
}

/** Where a lexicon entry matched, in the text given to {@link PronunciationLexicon.matches}. */
export interface PronunciationMatch {
  start: number;
  end: number;
  say: string;
}

/** The syntax characters: in a `u` regex only these may be escaped. */
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
const escape = (s: string): string => s.replaceAll(REGEX_SPECIAL, '\\$&');

/** `c` in either case: a class of both (letters, which need no escape) when both are one code point, else `c` itself. */
function eitherCase(c: string): string {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  if (lower === upper || [...lower].length !== 1 || [...upper].length !== 1) return escape(c);
  return `[${escape(lower)}${escape(upper)}]`;
}

/** The key of a case-insensitive entry, and of a match looked up among them. */
const fold = (s: string): string => s.toLowerCase();

/** A compiled list of entries. */
export class PronunciationLexicon {
  readonly #pattern: RegExp;
  /** Case-sensitive entries by text; case-insensitive ones by folded text. Later entries win. */
  readonly #exact = new Map<string, string>();
  readonly #folded = new Map<string, string>();

  constructor(entries: readonly Pronunciation[]) {
    const alternatives = new Set<string>();
    for (const entry of [...entries].sort((a, b) => b.text.length - a.text.length)) {
      alternatives.add(entry.caseSensitive ? escape(entry.text) : [...entry.text].map(eitherCase).join(''));
    }
    for (const entry of entries) {
      if (entry.caseSensitive) this.#exact.set(entry.text, entry.say);
      else this.#folded.set(fold(entry.text), entry.say);
    }
    // An empty alternation would match everywhere: an empty lexicon matches nowhere instead.
    const body = alternatives.size === 0 ? '(?!)' : [...alternatives].join('|');
    this.#pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'gu');
  }

  /** True when it has no entry: it would never match. */
  get isEmpty(): boolean {
    return this.#exact.size === 0 && this.#folded.size === 0;
  }

  /** The entries' matches in `text`, left to right, none overlapping. */
  *matches(text: string): Generator<PronunciationMatch> {
    for (const match of text.matchAll(this.#pattern)) {
      const written = match[0];
      const say = this.#exact.get(written) ?? this.#folded.get(fold(written));
      if (say !== undefined) yield { start: match.index, end: match.index + written.length, say };
    }
  }
}

/**
 * The matches of several lexicons in `text`, left to right, none overlapping: where two overlap,
 * the earlier lexicon's wins (a session's own list over the server's).
 */
export function lexiconMatches(lexicons: readonly PronunciationLexicon[], text: string): PronunciationMatch[] {
  let kept: PronunciationMatch[] = [];
  for (const lexicon of lexicons) {
    if (lexicon.isEmpty) continue;
    const earlier = kept;
    const fresh = [...lexicon.matches(text)].filter((m) => !earlier.some((k) => m.start < k.end && k.start < m.end));
    kept = earlier.length === 0 ? fresh : [...earlier, ...fresh].sort((a, b) => a.start - b.start);
  }
  return kept;
}

/**
 * Compiled session lexicons of one worker thread, by {@link PronunciationSet.id}: a session's
 * list crosses with each sentence, but is compiled once per thread. The oldest goes past `max`.
 */
export class LexiconCache {
  readonly #max: number;
  readonly #compiled = new Map<string, PronunciationLexicon>();

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#compiled.size;
  }

  get(set: PronunciationSet): PronunciationLexicon {
    let lexicon = this.#compiled.get(set.id);
    if (lexicon === undefined) {
      lexicon = new PronunciationLexicon(set.entries);
      if (this.#compiled.size >= this.#max) this.#compiled.delete(this.#compiled.keys().next().value as string);
    } else {
      // Most recently used last, so the one dropped is the one unused longest.
      this.#compiled.delete(set.id);
    }
    this.#compiled.set(set.id, lexicon);
    return lexicon;
  }
}
