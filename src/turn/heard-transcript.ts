/**
 * What the listener heard of a turn: each sentence sent as audio, where its audio starts in the
 * turn, how long it lasts and its word timings, so the client's `response.played` report can trim
 * the reply to the words actually played, and an interrupted turn's history keeps only those.
 */
import type { SpokenWord } from '../pool/contract.js';

interface SentSentence {
  text: string;
  /** Where this sentence's audio starts within the turn's audio, ms. */
  offsetMs: number;
  durationMs: number;
  words: SpokenWord[];
}

export class HeardTranscript {
  #sent: SentSentence[] = [];
  #heard: string | undefined;

  /**
   * Records a sentence at its first frame: cut off mid-audio, it still counts as (partly) spoken.
   * `words` is kept, not copied: estimated timings join it when the sentence's audio has ended.
   */
  begin(text: string, offsetMs: number, words: SpokenWord[]): void {
    this.#sent.push({ text, offsetMs, durationMs: 0, words });
  }

  /** Adds a frame's duration to the sentence begun last. */
  extend(ms: number): void {
    const last = this.#sent.at(-1);
    if (last !== undefined) last.durationMs += ms;
  }

  /** The text of every sentence sent as audio, joined. */
  spokenText(): string {
    return this.#sent.map((s) => s.text).join(' ');
  }

  /** Trims the spoken text to the `playedMs` the client actually played (word timings decide). */
  applyPlayed(playedMs: number): string {
    const parts: string[] = [];
    for (const sentence of this.#sent) {
      if (playedMs >= sentence.offsetMs + sentence.durationMs) {
        parts.push(sentence.text);
        continue;
      }
      const within = playedMs - sentence.offsetMs;
      let end = 0;
      for (const word of sentence.words) if (word.startMs < within) end = word.end;
      if (end > 0) parts.push(sentence.text.slice(0, end));
      break;
    }
    this.#heard = parts.join(' ');
    return this.#heard;
  }

  /**
   * What an interrupted turn adds to the history: what was heard (or, before any report, what
   * was sent), without `earlierRounds`, the text of rounds the history already holds.
   */
  interruptedText(earlierRounds: string): string {
    return dropLeading(this.#heard ?? this.spokenText(), earlierRounds);
  }
}

/** Drops from `text` the leading characters that make up `prefix`, ignoring whitespace. */
function dropLeading(text: string, prefix: string): string {
  let remaining = prefix.replace(/\s+/g, '').length;
  let i = 0;
  while (i < text.length && remaining > 0) {
    if (!/\s/.test(text[i] as string)) remaining--;
    i++;
  }
  return text.slice(i).trim();
}
