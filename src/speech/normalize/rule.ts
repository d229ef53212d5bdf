/**
 * A normalization rule: a pattern and what to say for its matches. All rules are joined into one
 * alternation and scanned in a single left-to-right pass, so at any position the first rule in
 * order that matches wins, and text no rule matches is copied unchanged.
 */
import type { PronunciationLexicon } from '../pronunciations.js';
import type { SpeechBuilder } from './offset-map.js';

/** The fully filled options a rule may read. */
export interface FilledNormalizeOptions {
  /** A key of `LANGUAGE_RULES`: the language whose rules read the text. */
  language: string;
  codeBlocks: 'placeholder' | 'drop';
  /** Applied before the rules, first one first. */
  lexicons: readonly PronunciationLexicon[];
}

/** One match of a rule, with offsets into the whole source sentence. */
export interface RuleMatch {
  /** The matched text. */
  readonly text: string;
  /** Source offset of its first character. */
  readonly start: number;
  /** Source offset just past its last character. */
  readonly end: number;
  /** Named groups of the joined pattern; a rule reads only its own. */
  readonly groups: Readonly<Record<string, string | undefined>>;
}

/** What a rule works with besides its match. */
export interface RuleContext {
  /** The whole source sentence. */
  readonly source: string;
  readonly out: SpeechBuilder;
  readonly options: FilledNormalizeOptions;
  /** The sentence has no lower-case letter and reads as shouted: all-caps words stay words. */
  readonly shouting: boolean;
  /** Normalizes `source[start, end)` with all rules into `out` (link text, inline code). */
  readonly inner: (start: number, end: number) => void;
}

/** A pattern and its reading. */
export interface Rule {
  /** Name of the group that wraps the pattern in the joined regex; unique, a JS identifier. */
  readonly name: string;
  /**
   * The pattern, without flags (the joined regex is `g` only, so not Unicode-aware: `\p{…}` is not
   * available and astral characters are surrogate pairs). Its named groups must be unique across
   * all rules; it must not match the empty string.
   */
  readonly pattern: RegExp;
  /**
   * The pattern cannot match text without an ASCII digit. Such rules are left out of the scan of
   * text that has none, which is most prose: the joined regex tries every rule at every position.
   */
  readonly needsDigit?: boolean;
  /**
   * The rule only copies its match (a run of plain words, matched whole for speed): a
   * pronunciation that starts inside the match still applies there.
   */
  readonly copiesText?: boolean;
  /** Writes the speech for one match to `ctx.out`, accounting for exactly `[start, end)`. */
  readonly speak: (match: RuleMatch, ctx: RuleContext) => void;
}
