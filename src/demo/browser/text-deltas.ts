/**
 * "Speak my text" mode streams the typed text the way an LLM would: as `text.append` deltas of a
 * few words each, so the server's chunker sees sentence boundaries split across deltas.
 */

/** Splits before every whitespace run that follows a non-space: each piece is one word with its leading space. */
const WORD_STARTS = /(?<=\S)(?=\s)/;

/**
 * Cuts `text` into deltas of `wordsPerDelta` words (default 3). Joined, the deltas are exactly
 * `text`; empty text gives no deltas.
 */
export function splitIntoDeltas(text: string, wordsPerDelta = 3): string[] {
  const words = text.split(WORD_STARTS).filter((word) => word !== '');
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerDelta) deltas.push(words.slice(i, i + wordsPerDelta).join(''));
  return deltas;
}
