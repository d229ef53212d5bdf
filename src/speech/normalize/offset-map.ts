/**
 * The offset map between the text eSpeak reads and the sentence as written, and the builder that
 * writes both at once. Offsets are UTF-16 code units, as JavaScript string indices are.
 *
 * The map is a run of segments that tile both texts in order: segment `i` covers spoken
 * `[spoken[i], spoken[i+1])` and source `[source[i], source[i+1])`. A copied segment (`exact`
 * 1) has equal lengths and maps character to character; a rewritten one (`exact` 0) maps every
 * spoken character to its whole source span, so "dollars" in "three dollars and fifty cents"
 * highlights all of "$3.50". A segment may be empty on either side: source that is dropped
 * (markdown syntax, emoji) has no spoken characters.
 */

/**
 * Spoken-to-source offsets, as typed arrays so that it crosses a worker boundary by structured
 * clone without a per-element cost. Build one with {@link SpeechBuilder}; read it with
 * {@link toSourceRange}.
 */
export interface OffsetMap {
  /** Segment boundaries in the spoken text: `n + 1` non-decreasing offsets, from 0 to its length. */
  readonly spoken: Uint32Array;
  /** Segment boundaries in the source text: `n + 1` non-decreasing offsets, from 0 to its length. */
  readonly source: Uint32Array;
  /** Per segment: 1 where spoken text was copied from the source, 0 where it was rewritten. */
  readonly exact: Uint8Array;
}

/** A half-open range of UTF-16 offsets, `start <= end`. */
export interface TextRange {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Before these the collapsed whitespace is dropped: "word 😀." reads "word.". */
const CLOSING_PUNCTUATION = /^[.,;:!?)\]}]/;

/**
 * Writes the spoken text left to right while recording where each piece came from. Every source
 * character must be accounted for, in order, by exactly one of `copy`, `say`, `skip` or `space`;
 * a call whose start lies past the last one marks the gap as dropped.
 *
 * Whitespace is collapsed here rather than by the rules: `space` only records a pending gap, which
 * becomes one space (or ", " for a line break after a word) when more speech follows, and nothing
 * at either end of the text.
 */
export class SpeechBuilder {
  readonly #source: string;
  #text = '';
  readonly #spokenStarts: number[] = [];
  readonly #sourceStarts: number[] = [];
  readonly #exact: number[] = [];
  /** Source offset up to which everything is accounted for. */
  #cursor = 0;
  #pendingStart = -1;
  #pendingEnd = -1;
  #pendingBreak = false;
  /** The last output came from `say` and ended in a letter or digit: the next word needs a space. */
  #glue = false;

  /** @param source the whole text being rewritten. */
  constructor(source: string) {
    this.#source = source;
  }

  /** Copies `source[start, end)` unchanged; it must not start or end with whitespace, nor hold a run of it. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    const piece = this.#source.slice(start, end);
    this.#settle(piece, start);
    this.#segment(start, true);
    this.#text += piece;
    this.#cursor = end;
    this.#glue = false;
  }

  /** Speaks `spoken` (single-spaced, trimmed) for `source[start, end)`. */
  say(spoken: string, start: number, end: number): void {
    if (spoken === '') {
      this.skip(start, end);
      return;
    }
    // A rewrite right after a copied word ("abc" then "123") must not fuse with it; the space goes
    // inside the rewritten segment, the one that asked for it.
    const fuses = this.#settle(spoken, start);
    this.#segment(start, false);
    this.#text += fuses ? ` ${spoken}` : spoken;
    this.#cursor = end;
    this.#glue = WORD_CHAR.test(spoken.at(-1) ?? '');
  }

  /** Drops `source[start, end)` without a trace in the speech. */
  skip(start: number, end: number): void {
    if (end <= start) return;
    this.#gap(start);
    if (this.#pendingStart >= 0) this.#pendingEnd = end;
    else if (!this.#lastIsSilent()) this.#segment(start, false);
    this.#cursor = end;
  }

  /**
   * Marks `source[start, end)` as a word gap (whitespace, or a removed emoji or bullet); runs of
   * gaps collapse into one. `lineBreak` asks for a short pause when it falls after a word.
   */
  space(start: number, end: number, lineBreak = false): void {
    if (end <= start) return;
    this.#gap(start);
    if (this.#pendingStart < 0) this.#pendingStart = start;
    this.#pendingEnd = end;
    this.#pendingBreak ||= lineBreak;
    this.#cursor = end;
  }

  /** The spoken text and its map; the builder must not be used afterwards. */
  finish(): { text: string; map: OffsetMap } {
    this.#dropPending();
    this.skip(this.#cursor, this.#source.length);
    const n = this.#exact.length;
    const spoken = new Uint32Array(n + 1);
    const source = new Uint32Array(n + 1);
    spoken.set(this.#spokenStarts);
    source.set(this.#sourceStarts);
    spoken[n] = this.#text.length;
    source[n] = this.#source.length;
    return { text: this.#text, map: { spoken, source, exact: Uint8Array.from(this.#exact) } };
  }

  /**
   * Settles what lies between the last piece and `next`, which starts at source `start`: writes a
   * pending gap as one space, or the space a finished rewrite asked for. Returns whether `next`
   * would fuse with a copied word right before it.
   */
  #settle(next: string, start: number): boolean {
    const nextIsWord = WORD_CHAR.test(next[0] ?? '');
    let fuses = false;
    if (this.#pendingStart >= 0) {
      if (this.#text === '' || CLOSING_PUNCTUATION.test(next)) {
        this.#dropPending();
      } else {
        const pause = this.#pendingBreak && WORD_CHAR.test(this.#text.at(-1) ?? '');
        const gapStart = this.#pendingStart;
        const gapEnd = this.#pendingEnd;
        this.#clearPending();
        // A lone space read as a space is a copy, which keeps the segment list short.
        this.#segment(gapStart, !pause && gapEnd - gapStart === 1 && this.#source[gapStart] === ' ');
        this.#text += pause ? ', ' : ' ';
        this.#cursor = gapEnd;
      }
    } else if (nextIsWord && this.#glue) {
      // Extends the previous (rewritten) segment, so the space maps to the word it follows.
      this.#text += ' ';
    } else {
      fuses = nextIsWord && WORD_CHAR.test(this.#text.at(-1) ?? '');
    }
    this.#gap(start);
    return fuses;
  }

  /**
   * Source between the cursor and `start` was consumed by no piece: it is dropped. Dropped source
   * right after a gap joins the gap, so that the segments stay in source order.
   */
  #gap(start: number): void {
    if (start <= this.#cursor) return;
    if (this.#pendingStart >= 0) this.#pendingEnd = start;
    else if (!this.#lastIsSilent()) this.#segment(this.#cursor, false);
    this.#cursor = start;
  }

  /** The last segment says nothing (so far): more dropped source can join it. */
  #lastIsSilent(): boolean {
    const n = this.#exact.length;
    return n > 0 && this.#exact[n - 1] === 0 && this.#spokenStarts[n - 1] === this.#text.length;
  }

  #dropPending(): void {
    if (this.#pendingStart < 0) return;
    const start = this.#pendingStart;
    const end = this.#pendingEnd;
    this.#clearPending();
    this.#segment(start, false);
    this.#cursor = end;
  }

  #clearPending(): void {
    this.#pendingStart = -1;
    this.#pendingEnd = -1;
    this.#pendingBreak = false;
  }

  /** Opens a segment at the current spoken end and `sourceStart`; a copy after a copy extends it. */
  #segment(sourceStart: number, exact: boolean): void {
    const n = this.#exact.length;
    if (exact && n > 0 && this.#exact[n - 1] === 1) return;
    this.#spokenStarts.push(this.#text.length);
    this.#sourceStarts.push(sourceStart);
    this.#exact.push(exact ? 1 : 0);
  }
}

/** Index of the last segment whose spoken start is at or before `offset`. */
function segmentAt(map: OffsetMap, offset: number): number {
  let lo = 0;
  let hi = map.exact.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((map.spoken[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Source offset where the spoken character at `offset` begins; the source end past the last one. */
function sourceStartOf(map: OffsetMap, offset: number, spokenLength: number): number {
  if (offset >= spokenLength) return map.source[map.source.length - 1] as number;
  const i = segmentAt(map, offset);
  const base = map.source[i] as number;
  return map.exact[i] === 1 ? base + (offset - (map.spoken[i] as number)) : base;
}

/** Source offset where the spoken character before `offset` ends; 0 before the first one. */
function sourceEndOf(map: OffsetMap, offset: number): number {
  if (offset <= 0) return 0;
  const i = segmentAt(map, offset - 1);
  return map.exact[i] === 1 ? (map.source[i] as number) + (offset - (map.spoken[i] as number)) : (map.source[i + 1] as number);
}

function clamp(value: number, max: number): number {
  if (!(value > 0)) return 0;
  return value >= max ? max : Math.trunc(value);
}

/**
 * The source range that produced spoken `[spokenStart, spokenEnd)`, e.g. an eSpeak word event.
 * The start is where the first spoken character's source begins, the end where the last one's
 * source ends; a character of a rewritten piece stands for the whole piece. Offsets are clamped to
 * the spoken text, a reversed range is read as empty at its start, and the start is clipped to the
 * end (so an empty range inside a rewritten piece covers that piece). The result always lies
 * within the source text, and each end is monotone: moving a spoken end right never moves the
 * matching source end left.
 */
export function toSourceRange(map: OffsetMap, spokenStart: number, spokenEnd: number): TextRange {
  const spokenLength = map.spoken[map.spoken.length - 1] ?? 0;
  const start = clamp(spokenStart, spokenLength);
  const end = sourceEndOf(map, Math.max(start, clamp(spokenEnd, spokenLength)));
  return { start: Math.min(sourceStartOf(map, start, spokenLength), end), end };
}
