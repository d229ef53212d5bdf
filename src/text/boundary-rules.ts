/**
 * A language's rules (`src/language/`) compiled once into the lookups the scanner makes at a
 * period: is the word before it an abbreviation, can that abbreviation end a sentence, is the
 * word after it a sentence starter. Compiled per language on first use and kept.
 */
import { FALLBACK_LANGUAGE, LANGUAGES, type LanguageRules, languageRules } from '../language/language-rules.js';

/** Where a known abbreviation may end a sentence (see `Abbreviation.mayEnd` and `endsClause`). */
export const NEVER_ENDS = 0;
/** Before a sentence starter of the language. */
export const ENDS_BEFORE_STARTER = 1;
/** Before any capitalised word but a clause continuation, unless put in front of the clause. */
export const ENDS_CLAUSE = 2;
export type EndsWhere = typeof NEVER_ENDS | typeof ENDS_BEFORE_STARTER | typeof ENDS_CLAUSE;

/** The scanner's view of one language. */
export interface BoundaryRules {
  /** Abbreviation keys written in lower case (match any case) → where it may end a sentence. */
  readonly anyCase: ReadonlyMap<string, EndsWhere>;
  /** Abbreviation keys written capitalised (match a capitalised word only) → where it may end. */
  readonly capitalised: ReadonlyMap<string, EndsWhere>;
  /** First parts of spaced abbreviations ("z" of "z. B."), lower case, joined by dots. */
  readonly spacedPrefixes: ReadonlySet<string>;
  readonly starters: ReadonlySet<string>;
  /** Capitalised words that go on with a clause after an `ENDS_CLAUSE` abbreviation. */
  readonly continuations: ReadonlySet<string>;
  readonly starterSuffixes: readonly string[];
  readonly ordinalPeriod: boolean;
  /** See `LanguageRules.compoundEndings`. */
  readonly compoundEndings: readonly string[];
  /** Longest abbreviation part, in letters: a longer word is never looked up. */
  readonly longestPart: number;
  /**
   * `partHash` of the last part of every abbreviation key and spaced prefix: a word whose last
   * part hashes to none of them is neither, found without building a string.
   */
  readonly lastParts: ReadonlySet<number>;
}

/** The bits of a hash that fit a small integer. */
export const SMALL_HASH = 0x3fffffff;

/**
 * A hash of `text` from `from` to `to` in lower case, or -1 when it holds a character beyond
 * ASCII (whose lower case takes a string to find). Kept to 30 bits, a small integer to V8: a
 * larger one would be a heap number, allocated per hash and slow to look up in a set.
 */
export function partHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return -1;
    h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
  }
  return h & SMALL_HASH;
}

const lastPartHash = (key: string): number => partHash(key, key.lastIndexOf('.') + 1, key.length);

/**
 * The key of an abbreviation: its parts joined by single dots, in lower case, without spaces or
 * the final dot ("z. B." and "z.B." are both "z.b").
 */
const abbreviationKey = (written: string): string =>
  written.replaceAll(' ', '').replace(/\.$/, '').toLowerCase();

function compile(rules: LanguageRules): BoundaryRules {
  const anyCase = new Map<string, EndsWhere>();
  const capitalised = new Map<string, EndsWhere>();
  const spacedPrefixes = new Set<string>();
  let longestPart = 0;
  // The fallback language's abbreviations first, so the language's own entries override them.
  const fallback = LANGUAGES.get(FALLBACK_LANGUAGE) as LanguageRules;
  const entries = rules === fallback ? rules.abbreviations : [...fallback.abbreviations, ...rules.abbreviations];
  for (const { written, mayEnd = false, endsClause = false, speechOnly = false } of entries) {
    if (speechOnly) continue;
    const key = abbreviationKey(written);
    const first = written.charAt(0);
    (first !== first.toLowerCase() ? capitalised : anyCase).set(key, !mayEnd ? NEVER_ENDS : endsClause ? ENDS_CLAUSE : ENDS_BEFORE_STARTER);
    const parts = key.split('.');
    for (const part of parts) longestPart = Math.max(longestPart, part.length);
    if (written.includes(' ')) for (let n = 1; n < parts.length; n++) spacedPrefixes.add(parts.slice(0, n).join('.'));
  }
  const lastParts = new Set<number>();
  for (const key of [...anyCase.keys(), ...capitalised.keys(), ...spacedPrefixes]) lastParts.add(lastPartHash(key));
  return {
    anyCase,
    capitalised,
    spacedPrefixes,
    lastParts,
    starters: new Set(rules.sentenceStarters),
    continuations: new Set([...(fallback.clauseContinuations ?? []), ...(rules === fallback ? [] : (rules.clauseContinuations ?? []))]),
    starterSuffixes: rules.starterSuffixes ?? [],
    ordinalPeriod: rules.ordinalPeriod ?? false,
    compoundEndings: rules.compoundEndings ?? [],
    longestPart,
  };
}

// One entry per language with rules, so arbitrary tags from clients cannot grow it.
const compiled = new Map<string, BoundaryRules>();

// Every scan asks for its turn's rules; a turn keeps its tag, so the last answer is usually it.
let lastTag = '';
let lastRules: BoundaryRules | undefined;

/** The compiled rules for a normalized language tag (see `ChunkerOptions.language`). */
export function boundaryRules(tag: string): BoundaryRules {
  if (tag === lastTag && lastRules !== undefined) return lastRules;
  const source = languageRules(tag);
  let rules = compiled.get(source.code);
  if (rules === undefined) {
    rules = compile(source);
    compiled.set(source.code, rules);
  }
  lastTag = tag;
  lastRules = rules;
  return rules;
}

/**
 * Whether `written` (an abbreviation as found in text, parts joined by dots, no final dot) is a
 * known abbreviation: undefined when not, otherwise where it may end a sentence.
 */
export function lookUpAbbreviation(rules: BoundaryRules, written: string): EndsWhere | undefined {
  const key = written.toLowerCase();
  if (written.charAt(0) !== key.charAt(0)) {
    const hit = rules.capitalised.get(key);
    if (hit !== undefined) return hit;
  }
  return rules.anyCase.get(key);
}
