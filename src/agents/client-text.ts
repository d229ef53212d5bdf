/**
 * Client-streamed text as an agent source: the client runs its own LLM and sends `text.append`
 * deltas; saywire only chunks and speaks them. The turn reads them like any agent's tokens.
 */
import { SaywireError } from '../errors.js';
import type { Agent, AgentEvent, AgentRequest } from './agent.js';

/** A one-turn agent fed by `text.append` / `text.done`. */
export class ClientTextSource implements Agent {
  readonly name = 'client';
  readonly #maxBytes: number;
  #bytes = 0;
  #deltas: string[] = [];
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
    this.#deltas.push(delta);
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
        if (this.#deltas.length > 0) {
          const deltas = this.#deltas;
          this.#deltas = [];
          for (const delta of deltas) yield { type: 'text', delta };
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
