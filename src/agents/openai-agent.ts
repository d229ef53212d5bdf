/**
 * An agent on any OpenAI-compatible streaming Chat Completions endpoint (OpenAI, vLLM, Ollama,
 * llama.cpp server, LM Studio). Server-sent events are parsed by `eventsource-parser` (bounded
 * buffer, spec-exact line handling) rather than by hand. Tool-call deltas are assembled into
 * whole calls. Failures before the first token are retried with backoff; after it, never (the
 * user has already heard part of the reply). Cancelling aborts the HTTP request at once.
 */
import { type EventSourceMessage, createParser } from 'eventsource-parser';
import type { ReadableStreamDefaultReader } from 'node:stream/web';
import { type Clock, delay, systemClock } from '../clock.js';
import { type ErrorCode, SaywireError } from '../errors.js';
import type { Agent, AgentEvent, AgentRequest, HistoryItem, ToolDefinition } from './agent.js';

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

/** Upstream SSE buffer bound: a single event larger than this is a malformed stream. */
const MAX_SSE_EVENT_BYTES = 1 << 20;

type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCallOut[] }
  | { role: 'tool'; tool_call_id: string; content: string };

interface ToolCallOut {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** What the upstream reads for a call whose output is missing from the history. */
const MISSING_OUTPUT = 'No result: the function did not return.';

/**
 * The history in Chat Completions form; consecutive calls of one assistant message merge. The
 * result is always valid for OpenAI's rule that an assistant message with `tool_calls` is
 * followed by exactly one tool message per call id: each call's output is placed right after
 * its message (wherever it stands in the history), a missing one is filled in, and an output
 * whose call is not in the history (trimmed away) is left out.
 */
export function toChatMessages(systemPrompt: string, history: readonly HistoryItem[]): ChatMessage[] {
  const outputs = new Map<string, string>();
  for (const item of history) {
    if (item.role === 'function_call_output' && !outputs.has(item.callId)) outputs.set(item.callId, item.output);
  }
  const messages: ChatMessage[] = [];
  if (systemPrompt !== '') messages.push({ role: 'system', content: systemPrompt });
  let calls: ToolCallOut[] = [];
  const answerCalls = (): void => {
    for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: outputs.get(call.id) ?? MISSING_OUTPUT });
    calls = [];
  };
  for (const item of history) {
    if (item.role !== 'function_call') answerCalls();
    switch (item.role) {
      case 'user':
        messages.push({ role: 'user', content: item.text });
        break;
      case 'assistant':
        messages.push({ role: 'assistant', content: item.text });
        break;
      case 'function_call': {
        const call: ToolCallOut = { id: item.callId, type: 'function', function: { name: item.name, arguments: item.arguments } };
        const last = messages.at(-1);
        if (last?.role === 'assistant' && last.tool_calls !== undefined) last.tool_calls.push(call);
        else if (last?.role === 'assistant' && typeof last.content === 'string') last.tool_calls = [call];
        else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
        calls.push(call);
        break;
      }
      case 'function_call_output':
        break;
    }
  }
  answerCalls();
  return messages;
}

/** Longest `Retry-After` honoured, ms: a voice user will not wait longer for a reply to begin. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * What an upstream's error body may tell the client: OpenAI-style `error.code` / `error.type`
 * tokens only. The message itself is never passed on: OpenAI's 401 message quotes the (masked)
 * API key, and other servers echo request details.
 */
function errorTokens(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  const error = (parsed as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const tokens = [error?.code, error?.type].filter((t): t is string => typeof t === 'string' && /^[\w.-]{1,64}$/.test(t));
  return [...new Set(tokens)].join(', ');
}

/** `Retry-After` (seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** An upstream's HTTP error status, with how long it asked to be left alone. */
class UpstreamStatus {
  constructor(
    readonly error: SaywireError,
    readonly retryAfterMs: number | undefined,
  ) {}
}

function statusError(status: number, body: string, retryAfter: number | undefined): UpstreamStatus {
  const code: ErrorCode =
    status === 401 || status === 403 ? 'UPSTREAM_UNAUTHORIZED' : status === 429 ? 'UPSTREAM_RATE_LIMITED' : 'UPSTREAM_HTTP_ERROR';
  const tokens = errorTokens(body);
  const error = new SaywireError(code, `The LLM endpoint answered HTTP ${status}${tokens === '' ? '' : ` (${tokens})`}.`, { upstreamStatus: status });
  return new UpstreamStatus(error, retryAfter);
}

const retryable = (err: SaywireError): boolean =>
  err.code === 'UPSTREAM_UNREACHABLE' ||
  err.code === 'UPSTREAM_RATE_LIMITED' ||
  (err.code === 'UPSTREAM_HTTP_ERROR' && (err.upstreamStatus ?? 0) >= 500);

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** Shape of one streamed chunk, as far as saywire reads it. */
interface ChunkShape {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string; code?: unknown; type?: unknown };
}

/** Shape of a whole (non-streamed) completion, as far as saywire reads it. */
interface CompletionShape {
  choices?: Array<{
    message?: {
      content?: string | null;
      tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
    } | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
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
    const body = JSON.stringify({
      model: this.#o.model,
      messages: toChatMessages(this.#o.systemPrompt, request.history),
      stream: true,
      stream_options: { include_usage: true },
      temperature: this.#o.temperature,
      max_tokens: this.#o.maxOutputTokens,
      ...(request.tools === undefined || request.tools.length === 0
        ? {}
        : {
            tools: request.tools.map((t) => ({
              type: 'function',
              function: { name: t.name, description: t.description, parameters: t.parameters },
            })),
          }),
    });
    let attempt = 0;
    for (;;) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      request.signal.addEventListener('abort', abort, { once: true });
      let yieldedAny = false;
      try {
        const response = await this.#connect(body, controller);
        // Some servers ignore `stream: true` and answer one JSON completion: speak it all the same.
        const whole = /^application\/json/i.test(response.headers.get('content-type') ?? '');
        for await (const event of whole ? this.#completion(response, controller) : this.#events(response, controller)) {
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

  async *#events(response: Response, controller: AbortController): AsyncIterable<AgentEvent> {
    const pending: AgentEvent[] = [];
    const calls = new Map<number, PendingCall>();
    let finished = false;
    // Some servers end with finish_reason and close, without the [DONE] line.
    let sawFinishReason = false;
    let failure: SaywireError | undefined;
    const parser = createParser({
      maxBufferSize: MAX_SSE_EVENT_BYTES,
      onEvent: (message: EventSourceMessage) => {
        if (failure !== undefined || finished) return;
        if (message.data === '[DONE]') {
          finished = true;
          return;
        }
        let chunk: ChunkShape;
        try {
          chunk = JSON.parse(message.data) as ChunkShape;
        } catch {
          failure = new SaywireError('UPSTREAM_BAD_CHUNK', 'The LLM stream sent a chunk that is not JSON.');
          return;
        }
        if (typeof chunk !== 'object' || chunk === null || (chunk.choices !== undefined && !Array.isArray(chunk.choices))) {
          failure = new SaywireError('UPSTREAM_BAD_CHUNK', 'The LLM stream sent a chunk of an unexpected shape.');
          return;
        }
        if (chunk.error !== undefined) {
          const tokens = errorTokens(JSON.stringify({ error: chunk.error }));
          failure = new SaywireError('UPSTREAM_STREAM_BROKEN', `The LLM stream reported an error${tokens === '' ? '' : ` (${tokens})`}.`);
          return;
        }
        for (const choice of chunk.choices ?? []) {
          if (typeof choice.finish_reason === 'string') sawFinishReason = true;
          const content = choice.delta?.content;
          if (typeof content === 'string' && content !== '') pending.push({ type: 'text', delta: content });
          for (const part of choice.delta?.tool_calls ?? []) {
            const index = part.index ?? 0;
            const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
            if (part.id !== undefined) call.id = part.id;
            if (part.function?.name !== undefined) call.name += part.function.name;
            if (part.function?.arguments !== undefined) call.arguments += part.function.arguments;
            calls.set(index, call);
          }
        }
        if (chunk.usage !== undefined && chunk.usage !== null) {
          pending.push({
            type: 'usage',
            inputTokens: chunk.usage.prompt_tokens ?? 0,
            outputTokens: chunk.usage.completion_tokens ?? 0,
          });
        }
      },
      onError: (err) => {
        failure = new SaywireError('UPSTREAM_BAD_CHUNK', `The LLM stream is malformed: ${err.message}`);
      },
    });

    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const read = await this.#readWithIdleTimeout(reader, controller);
        if (read.done) break;
        parser.feed(decoder.decode(read.value, { stream: true }));
        if (failure !== undefined) throw failure;
        yield* pending.splice(0);
        if (finished) break;
      }
    } finally {
      reader.releaseLock();
    }
    if (!finished && !sawFinishReason) throw new SaywireError('UPSTREAM_STREAM_BROKEN', 'The LLM stream closed before it finished.');
    for (const call of [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c)) {
      yield { type: 'function_call', callId: call.id, name: call.name, arguments: call.arguments };
    }
  }

  /**
   * A whole, non-streamed completion (`chat.completion`): its text as one delta, then its tool
   * calls and usage, as the stream would have given them. The body is bounded like an SSE event.
   */
  async *#completion(response: Response, controller: AbortController): AsyncIterable<AgentEvent> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const read = await this.#readWithIdleTimeout(reader, controller);
        if (read.done) break;
        size += read.value.length;
        if (size > MAX_SSE_EVENT_BYTES) throw new SaywireError('UPSTREAM_BAD_CHUNK', `The LLM completion is larger than ${MAX_SSE_EVENT_BYTES} bytes.`);
        parts.push(read.value);
      }
    } finally {
      reader.releaseLock();
    }
    let completion: CompletionShape;
    try {
      completion = JSON.parse(Buffer.concat(parts).toString('utf8')) as CompletionShape;
    } catch {
      throw new SaywireError('UPSTREAM_BAD_CHUNK', 'The LLM endpoint answered JSON that does not parse.');
    }
    const message = Array.isArray(completion?.choices) ? completion.choices[0]?.message : undefined;
    if (message === undefined || typeof message !== 'object' || message === null) {
      throw new SaywireError('UPSTREAM_BAD_CHUNK', 'The LLM endpoint answered JSON that is not a chat completion.');
    }
    if (typeof message.content === 'string' && message.content !== '') yield { type: 'text', delta: message.content };
    if (completion.usage !== undefined && completion.usage !== null) {
      yield { type: 'usage', inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 };
    }
    for (const call of message.tool_calls ?? []) {
      yield { type: 'function_call', callId: call.id ?? '', name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' };
    }
  }

  async #readWithIdleTimeout(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    controller: AbortController,
  ): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
    let timedOut = false;
    const timer = this.#clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#o.idleTimeoutMs);
    try {
      return await reader.read();
    } catch (err) {
      if (timedOut) {
        throw new SaywireError('UPSTREAM_TIMEOUT', `The LLM stream was silent for more than ${this.#o.idleTimeoutMs} ms.`);
      }
      throw new SaywireError('UPSTREAM_STREAM_BROKEN', `The LLM stream broke: ${(err as Error).message}`, { cause: err });
    } finally {
      this.#clock.clearTimeout(timer);
    }
  }
}

