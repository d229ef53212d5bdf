// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The live transcript: one list item per turn, with the user's text, the reply's sentences (each
 * revealed when its audio starts, the current word highlighted) and the turn's timings. Server
 * text only ever goes in through `textContent`.
 */
import type { ResponseSummary } from './demo-state.js';
import type { WordTiming } from './word-timing.js';

/** One line of timings for a finished turn, e.g. `first token 151 ms · … · played 1.2 s`. */
export function formatTimings(done: ResponseSummary, playedMs: number | null): string {
  const ms = (value: number | null): string => (value === null ? '–' : `${value} ms`);
  const { timings } = done;
  const parts = [
    `first token ${ms(timings.first_token_ms)}`,
    `first sentence ${ms(timings.first_sentence_ms)}`,
    `first audio ${ms(timings.first_audio_ms)}`,
    `total ${ms(timings.total_ms)}`,
    `${(done.audio_ms / 1000).toFixed(1)} s of audio`,
  ];
  if (playedMs !== null) parts.push(`played ${(playedMs / 1000).toFixed(1)} s`);
  if (done.status !== 'completed') parts.unshift(`${done.status} (${done.status_details?.reason ?? 'no reason given'})`);
  return parts.join(' · ');
}

function paragraph(className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  return p;
}

/** A turn's place in the transcript. */
export class TranscriptTurn {
  readonly #reply = paragraph('reply');
  readonly #meta = paragraph('meta');
  readonly #sentences = new Map<number, HTMLSpanElement>();
  #current: HTMLElement | undefined;

  /** Appends the turn to `list` with the user's text; `label` says who speaks the reply. */
  constructor(list: HTMLElement, userText: string, label: string) {
    const item = document.createElement('li');
    item.className = 'turn';
    const user = paragraph('user');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = 'You';
    user.append(who, ' ', userText);
    const replyWho = document.createElement('span');
    replyWho.className = 'who';
    replyWho.textContent = label;
    this.#reply.append(replyWho);
    this.#meta.textContent = 'waiting…';
    item.append(user, this.#reply, this.#meta);
    list.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  /** Prepares a sentence; it stays hidden until `reveal`. */
  addSentence(index: number, text: string): void {
    const span = document.createElement('span');
    span.className = 'sentence';
    span.textContent = text;
    this.#sentences.set(index, span);
  }

  /** Splits a sentence into word spans so the current word can be highlighted. */
  setWords(index: number, text: string, words: readonly WordTiming[]): void {
    const span = this.#sentences.get(index);
    if (span === undefined) return;
    const nodes: Node[] = [];
    let at = 0;
    for (const word of words) {
      if (word.start < at || word.end > text.length) continue;
      if (word.start > at) nodes.push(document.createTextNode(text.slice(at, word.start)));
      const w = document.createElement('span');
      w.className = 'word';
      w.textContent = text.slice(word.start, word.end);
      nodes.push(w);
      at = word.end;
    }
    if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
    span.replaceChildren(...nodes);
  }

  /** Shows a sentence (sentences are revealed in order). */
  reveal(index: number): void {
    const span = this.#sentences.get(index);
    if (span !== undefined) this.#reply.append(' ', span);
  }

  /** Marks word `word` of sentence `index` as sounding; -1 for either clears the mark. */
  highlight(index: number, word: number): void {
    const span = index < 0 ? undefined : this.#sentences.get(index);
    const target = word < 0 ? undefined : span?.querySelectorAll('.word')[word];
    if (target === this.#current) return;
    this.#current?.classList.remove('current');
    this.#current = target instanceof HTMLElement ? target : undefined;
    this.#current?.classList.add('current');
  }

  /**
   * Marks the reply as interrupted and trims it to what was heard: sentence `index` keeps its
   * text up to `endChar` (the end of the last word heard; 0 drops it), later sentences go.
   * Returns the text that remains. With `index` -1 nothing of the reply was heard.
   */
  interrupt(index: number, endChar: number): string {
    const heard: string[] = [];
    for (const [i, span] of this.#sentences) {
      const text = span.textContent ?? '';
      if (i > index || (i === index && endChar <= 0)) {
        span.remove();
      } else if (i === index && endChar < text.length) {
        const cut = document.createElement('span');
        cut.className = 'cut';
        cut.textContent = ' —';
        span.replaceChildren(text.slice(0, endChar), cut);
        heard.push(text.slice(0, endChar));
      } else if (span.isConnected) {
        heard.push(text);
      }
    }
    this.highlight(-1, -1);
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'interrupted';
    this.#reply.querySelector('.who')?.after(badge);
    return heard.join(' ');
  }

  /** Replaces the line under the reply (status, then timings). */
  setMeta(text: string): void {
    this.#meta.textContent = text;
  }
}
