/** Which word of a sentence is being heard, from the word timings of `response.audio.done`. */

import type { WordTimingEvent } from '../../protocol/server-events.js';

/** A word's place in the sentence text and in the sentence's audio, as the server sends it. */
export type WordTiming = Pick<WordTimingEvent, 'start' | 'end' | 'start_ms' | 'end_ms'>;

/** Index of the word sounding `elapsedMs` after the sentence's audio started, or -1 (a pause, or outside). */
export function wordAt(words: readonly WordTiming[], elapsedMs: number): number {
  return words.findIndex((word) => word.start_ms <= elapsedMs && elapsedMs < word.end_ms);
}
