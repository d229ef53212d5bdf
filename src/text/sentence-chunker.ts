/**
 * The streaming sentence chunker as a library: push token deltas, get each speakable sentence
 * as soon as the text after it settles it, and flush at the end for the rest. It runs the same
 * carry, gate and scanner as the server's pool path, inline, so both give the same sentences.
 */
import { type ChunkerOptions, type FilledChunkerOptions, fillChunkerOptions } from './chunker-options.js';
import { scanSentenceEnds } from './sentence-boundaries.js';
import { SentenceCarry } from './sentence-carry.js';

/** A streaming chunker for one stream at a time. */
export interface SentenceChunker {
  /** Adds a token delta; returns the sentences it settled, in order (often none). */
  push(delta: string): string[];
  /**
   * Ends the stream: returns every remaining sentence, in order (none when only whitespace is
   * left), then resets, so the next `push` starts a new stream.
   */
  flush(): string[];
}

/**
 * Creates a streaming sentence chunker.
 *
 * @param options see `ChunkerOptions`; defaults apply to anything left out.
 * @throws RangeError for an option out of range or an unknown option.
 */
export function createSentenceChunker(options?: ChunkerOptions): SentenceChunker {
  const filled: FilledChunkerOptions = fillChunkerOptions(options);
  let carry = new SentenceCarry(filled);
  const scan = (final: boolean): string[] => {
    const window = carry.text;
    return carry.apply(scanSentenceEnds(window, carry.state, filled, final), window.length);
  };
  return {
    push(delta) {
      return carry.append(delta) ? scan(false) : [];
    },
    flush() {
      const rest = scan(true);
      carry = new SentenceCarry(filled);
      return rest;
    },
  };
}
