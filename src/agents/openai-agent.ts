/**
 * An agent on any OpenAI-compatible streaming Chat Completions endpoint (OpenAI, vLLM, Ollama,
 * llama.cpp server, LM Studio). This file holds the attempts: connecting, and retrying with
 * backoff a failure before the first token; after it, never (the user has already heard part of
 * the reply). Cancelling aborts the HTTP request at once. The request body is built in
 * `openai-chat-request.ts`, the answer read in `openai-chat-stream.ts`, and what a failure means
 * is decided in `openai-failures.ts`.
 */
import { type Clock, delay, systemClock } from '../clock.js';
import { SaywireError } from '../errors.js';
import type { Agent, AgentEvent, AgentRequest } from './agent.js';
import { chatRequestBody } from './openai-chat-request.js';
import { readChatResponse } from './openai-chat-stream.js';
import { MAX_RETRY_AFTER_MS, UpstreamStatus, retryAfterMs, retryable, statusError } from './openai-failures.js';

/** Settings of the OpenAI-compatible agent; see the `openai*` server settings. */
export interface OpenAIAgentOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  systemPrompt: string;
  temperature: number;
  maxOutputTokens: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  retries: number;
  retryBaseMs: number;
  clock?: Clock;
}

export class OpenAIAgent implements Agent {
  readonly name = 'openai';
  readonly #o: OpenAIAgentOptions;

  get model(): string {
    return this.#o.model;
  }
  readonly #clock: Clock;

  constructor(options: OpenAIAgentOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
  }

  async *stream(request: AgentRequest): AsyncIterable<AgentEvent> {
    const body = chatRequestBody(this.#o, request);
    let attempt = 0;
    for (;;) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      request.signal.addEventListener('abort', abort, { once: true });
      let yieldedAny = false;
      try {
        const response = await this.#connect(body, controller);
        for await (const event of readChatResponse(response, { clock: this.#clock, idleTimeoutMs: this.#o.idleTimeoutMs, controller })) {
          yieldedAny = true;
          yield event;
        }
        return;
      } catch (err) {
        if (request.signal.aborted) return;
        const status = err instanceof UpstreamStatus ? err : undefined;
        const error = status?.error ?? (err instanceof SaywireError ? err : new SaywireError('UPSTREAM_STREAM_BROKEN', String(err)));
        if (yieldedAny || attempt >= this.#o.retries || !retryable(error)) throw error;
        // The upstream's own wait wins over the backoff, within reason: past the bound, fail now.
        const asked = status?.retryAfterMs;
        if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) throw error;
        await delay(this.#clock, Math.max(this.#o.retryBaseMs * 2 ** attempt, asked ?? 0), request.signal);
        attempt++;
        if (request.signal.aborted) return;
      } finally {
        request.signal.removeEventListener('abort', abort);
        // Closes the upstream connection whatever happened: the upstream sees it at once.
        controller.abort();
      }
    }
  }

  async #connect(body: string, controller: AbortController): Promise<Response> {
    let timedOut = false;
    const timer = this.#clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#o.connectTimeoutMs);
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
      if (this.#o.apiKey !== '') headers.authorization = `Bearer ${this.#o.apiKey}`;
      const response = await fetch(`${this.#o.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      if (!response.ok) {
        const retryAfter = retryAfterMs(response.headers.get('retry-after'), Date.now());
        throw statusError(response.status, await response.text().catch(() => ''), retryAfter);
      }
      if (response.body === null) throw new SaywireError('UPSTREAM_STREAM_BROKEN', 'The LLM endpoint sent no body.');
      return response;
    } catch (err) {
      if (err instanceof SaywireError || err instanceof UpstreamStatus) throw err;
      const reason = timedOut ? `no answer within ${this.#o.connectTimeoutMs} ms` : (err as Error).message;
      throw new SaywireError('UPSTREAM_UNREACHABLE', `The LLM endpoint could not be reached: ${reason}`, { cause: err });
    } finally {
      this.#clock.clearTimeout(timer);
    }
  }
}
