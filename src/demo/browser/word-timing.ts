/** Which word of a sentence is being heard, from the word timings of `response.audio.done`. */

/** A word's place in the sentence text and in the sentence's audio. */
export interface WordTiming {
  /** UTF-16 offsets into the sentence's `text`. */
  start: number;
  end: number;
  /** ms from the sentence's audio start. */
  start_ms: number;
  end_ms: number;
}

/** Index of the word sounding `elapsedMs` after the sentence's audio started, or -1 (a pause, or outside). */
export function wordAt(words: readonly WordTiming[], elapsedMs: number): number {
  return words.findIndex((word) => word.start_ms <= elapsedMs && elapsedMs < word.end_ms);
}
