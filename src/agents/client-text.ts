/**
 * Client-streamed text as an agent source: the client runs its own LLM and sends `text.append`
 * deltas; saywire only chunks and speaks them. The turn reads them like any agent's tokens. A
 * `text.flush` travels in order with the deltas, so it speaks exactly the text sent before it.
 */
import { SaywireError } from '../errors.js';
import type { Agent, AgentEvent, AgentRequest } from './agent.js';

/** A one-turn agent fed by `text.append` / `text.done`. */
export class ClientTextSource implements Agent {
  readonly name = 'client';
  readonly #maxBytes: number;
  #bytes = 0;
  /**
   * Deltas and flush requests in arrival order. A run of flushes is one entry with a count, so
   * the list holds at most one entry per delta plus one (the byte budget bounds the deltas).
   */
  #items: Array<string | { flushes: number }> = [];
  #done = false;
  #wake: (() => void) | undefined;

  /** @param maxBytes most UTF-8 bytes the turn may carry (`maxTurnTextBytes`). */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Adds a delta. Throws TEXT_TOO_LONG past the turn's byte budget, keeping what came before. */
  append(delta: string): void {
    if (this.#done) throw new SaywireError('NO_ACTIVE_RESPONSE', 'text.done was already sent for this response.');
    const bytes = Buffer.byteLength(delta, 'utf8');
    if (this.#bytes + bytes > this.#maxBytes) {
      throw new SaywireError('TEXT_TOO_LONG', `This response's text would exceed ${this.#maxBytes} bytes.`);
    }
    this.#bytes += bytes;
    this.#items.push(delta);
    this.#notify();
  }

  /** Asks for the text so far to be spoken now; each call is acknowledged once, in order. */
  flush(): void {
    if (this.#done) throw new SaywireError('NO_ACTIVE_RESPONSE', 'text.done was already sent for this response.');
    const last = this.#items.at(-1);
    if (typeof last === 'object') last.flushes++;
    else this.#items.push({ flushes: 1 });
    this.#notify();
  }

  /** The client has sent all its text. */
  end(): void {
    this.#done = true;
    this.#notify();
  }

  async *stream(request: AgentRequest): AsyncIterable<AgentEvent> {
    const { signal } = request;
    const onAbort = (): void => this.#notify();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal.aborted) return;
        if (this.#items.length > 0) {
          const items = this.#items;
          this.#items = [];
          for (const item of items) {
            if (typeof item === 'string') yield { type: 'text', delta: item };
            else for (let i = 0; i < item.flushes; i++) yield { type: 'flush' };
          }
          continue;
        }
        if (this.#done) return;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
