/**
 * Replays case texts through the package's chunker, as the corpus tests and the held-apart
 * evaluation both score them.
 */
import { createSentenceChunker } from '../../../src/text/sentence-chunker.js';
import { type CorpusCase, isExact } from './corpus.js';

export interface Replay {
  sentences: string[];
  /** Sentences that only `flush` released, other than the last one. */
  heldToFlush: number;
}

/** Feeds `deltas` to a fresh chunker for `language`, then flushes it. */
export function replay(deltas: readonly string[], language: string): Replay {
  const chunker = createSentenceChunker({ language });
  const pushed = deltas.flatMap((delta) => chunker.push(delta));
  const flushed = chunker.flush();
  return { sentences: [...pushed, ...flushed], heldToFlush: Math.max(0, flushed.length - 1) };
}

/** Each case streamed one character at a time: the share split exactly, and the share of sentences held to flush. */
export function streamedScore(cases: ReadonlyArray<CorpusCase & { language: string }>): { exact: number; heldShare: number } {
  let exact = 0;
  let sentences = 0;
  let held = 0;
  for (const item of cases) {
    const streamed = replay([...item.text], item.language);
    if (isExact(item, streamed.sentences)) exact++;
    sentences += streamed.sentences.length;
    held += streamed.heldToFlush;
  }
  return { exact: exact / cases.length, heldShare: held / sentences };
}
