/**
 * Word timings for audio that came without any (an upstream speech endpoint sends none): each
 * word's place in the spoken text, spread over the audio's length. Speech runs at a roughly even
 * rate in characters, so a word that starts 40% into the spoken text starts about 40% into the
 * audio; spaces and punctuation count too, which stands in for pauses. Estimates are marked as
 * such on the wire (`"estimated": true`).
 */
import type { WordTiming } from './engine.js';

/** A word of a sentence: where it is as written, and where in the speech text it is read. */
export interface SpeechWord {
  /** UTF-16 offsets into the sentence as written. */
  start: number;
  end: number;
  /** UTF-16 offsets into the speech text (the normalized sentence). */
  speechStart: number;
  speechEnd: number;
}

/** A word of the speech text: letters and digits, with inner apostrophes ("don't"). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** The words of `speechText`, with their speech-text offsets, in order. */
export function speechWordSpans(speechText: string): Array<{ speechStart: number; speechEnd: number }> {
  return [...speechText.matchAll(WORD)].map((m) => ({ speechStart: m.index, speechEnd: m.index + m[0].length }));
}

/**
 * Timings for `words` (in speech-text order) over `durationMs` of audio of a speech text
 * `speechLength` characters long. Starts never decrease, and every time lies in 0..durationMs;
 * a word ends where the next starts, the last at the audio's end.
 */
export function estimateWordTimings(words: readonly SpeechWord[], speechLength: number, durationMs: number): WordTiming[] {
  if (speechLength <= 0 || durationMs <= 0) return [];
  // Clamped: the product and quotient can round past the end by a hair.
  const at = (offset: number): number => Math.min(durationMs, (durationMs * Math.min(speechLength, Math.max(0, offset))) / speechLength);
  let previous = 0;
  const starts = words.map((w) => {
    previous = Math.max(previous, at(w.speechStart));
    return previous;
  });
  return words.map((w, i) => ({ start: w.start, end: w.end, startMs: starts[i] as number, endMs: starts[i + 1] ?? durationMs }));
}
