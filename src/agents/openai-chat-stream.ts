/**
 * Reading an LLM endpoint's answer as agent events: a stream of server-sent events (parsed by
 * `eventsource-parser`: bounded buffer, spec-exact line handling, rather than by hand), or one
 * whole JSON completion from a server that ignores `stream: true`. Every read has an idle
 * timeout, so a silent upstream fails instead of holding the turn.
 */
import { type EventSourceMessage, createParser } from 'eventsource-parser';
import type { ReadableStreamDefaultReader } from 'node:stream/web';
import type { Clock } from '../clock.js';
import { SaywireError } from '../errors.js';
import type { AgentEvent } from './agent.js';
import { errorTokens } from './openai-failures.js';
import { type ToolCallDelta, ToolCallAssembler } from './openai-tool-calls.js';

/** Upstream SSE buffer bound: a single event larger than this is a malformed stream. */
const MAX_SSE_EVENT_BYTES = 1 << 20;

/** Shape of one streamed chunk, as far as saywire reads it. */
interface ChunkShape {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: ToolCallDelta[];
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

/** What bounds the reading of one answer: how long a read may wait, and what to abort when it has waited too long. */
export interface ReadWatch {
  clock: Clock;
  idleTimeoutMs: number;
  /** The request's controller: aborting it closes the connection. */
  controller: AbortController;
}

/** The events of `response`, a 2xx answer with a body. */
export function readChatResponse(response: Response, watch: ReadWatch): AsyncIterable<AgentEvent> {
  // Some servers ignore `stream: true` and answer one JSON completion: speak it all the same.
  const whole = /^application\/json/i.test(response.headers.get('content-type') ?? '');
  return whole ? readCompletion(response, watch) : readEvents(response, watch);
}

/** A stream of server-sent events: text and usage as they come, the tool calls once it has finished. */
async function* readEvents(response: Response, watch: ReadWatch): AsyncIterable<AgentEvent> {
  const pending: AgentEvent[] = [];
  const calls = new ToolCallAssembler();
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
        for (const part of choice.delta?.tool_calls ?? []) calls.add(part);
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
      const read = await readWithIdleTimeout(reader, watch);
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
  yield* calls.calls();
}

/**
 * A whole, non-streamed completion (`chat.completion`): its text as one delta, then its tool
 * calls and usage, as the stream would have given them. The body is bounded like an SSE event.
 */
async function* readCompletion(response: Response, watch: ReadWatch): AsyncIterable<AgentEvent> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = await readWithIdleTimeout(reader, watch);
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

async function readWithIdleTimeout(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  watch: ReadWatch,
): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
  let timedOut = false;
  const timer = watch.clock.setTimeout(() => {
    timedOut = true;
    watch.controller.abort();
  }, watch.idleTimeoutMs);
  try {
    return await reader.read();
  } catch (err) {
    if (timedOut) {
      throw new SaywireError('UPSTREAM_TIMEOUT', `The LLM stream was silent for more than ${watch.idleTimeoutMs} ms.`);
    }
    throw new SaywireError('UPSTREAM_STREAM_BROKEN', `The LLM stream broke: ${(err as Error).message}`, { cause: err });
  } finally {
    watch.clock.clearTimeout(timer);
  }
}
