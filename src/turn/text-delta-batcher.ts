/**
 * Coalesces a turn's `response.text.delta` events: at most one every `intervalMs`. An LLM
 * streams a token at a time, and one WebSocket message per token is one JSON encode, one frame
 * and one socket write on the server, and one parse on the client, for a few characters of text
 * (at 50 tokens a second that is twice the messages of the audio itself). The first delta after
 * a quiet interval goes out at once, so a caption starts without delay; the ones that follow
 * within the interval go out together when it ends. Any other event of the turn flushes what is
 * held first, so the order of text and events on the wire is what it would be unbatched, and the
 * concatenated deltas are the same text. What is held is bounded by the turn's text budget
 * (`maxTurnTextBytes`), which the agent stage enforces before a delta reaches the turn.
 */
import type { Clock } from '../clock.js';

export class TextDeltaBatcher {
  readonly #intervalMs: number;
  readonly #clock: Clock;
  readonly #send: (delta: string) => void;
  #held = '';
  #timer: unknown;
  #lastSentAt = Number.NEGATIVE_INFINITY;

  /** `intervalMs` 0 sends every delta as it comes. */
  constructor(intervalMs: number, clock: Clock, send: (delta: string) => void) {
    this.#intervalMs = intervalMs;
    this.#clock = clock;
    this.#send = send;
  }

  add(delta: string): void {
    this.#held += delta;
    if (this.#timer !== undefined) return;
    const wait = this.#lastSentAt + this.#intervalMs - this.#clock.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends what is held now (before another event of the turn, or at its end). */
  flush(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#held === '') return;
    const delta = this.#held;
    this.#held = '';
    this.#lastSentAt = this.#clock.now();
    this.#send(delta);
  }
}
