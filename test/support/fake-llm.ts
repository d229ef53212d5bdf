/**
 * A real HTTP server on loopback that speaks the OpenAI Chat Completions streaming protocol
 * (server-sent events), driven by a script per request. It records each request and whether the
 * client closed it before the reply ended.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  /** HTTP status; non-200 answers with a JSON error body. */
  status?: number;
  /** The error body of a non-200 answer (default: a short message). */
  errorBody?: object;
  /** Extra headers of a non-200 answer, such as `retry-after`. */
  headers?: Record<string, string>;
  /** Answer 200 with this one JSON completion instead of a stream, as servers that ignore `stream` do. */
  completion?: object;
  /** SSE `data:` payloads, in order (objects are JSON-encoded). */
  events?: Array<string | object>;
  /** How the stream ends: `[DONE]` (default), a dropped connection, or silence. */
  end?: 'done' | 'close' | 'stall';
}

export interface RecordedRequest {
  body: { model: string; messages: Array<Record<string, unknown>>; tools?: unknown[]; stream: boolean; [k: string]: unknown };
  headers: IncomingMessage['headers'];
  /** Resolves when the client closed the request (true) or the reply ended normally (false). */
  closedByClient: Promise<boolean>;
}

/** A chunk with text content. */
export const text = (content: string) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
/** A chunk with part of a tool call. */
export const toolCallPart = (index: number, part: { id?: string; name?: string; arguments?: string }) => ({
  choices: [
    {
      index: 0,
      delta: {
        tool_calls: [
          {
            index,
            ...(part.id === undefined ? {} : { id: part.id, type: 'function' }),
            function: { ...(part.name === undefined ? {} : { name: part.name }), ...(part.arguments === undefined ? {} : { arguments: part.arguments }) },
          },
        ],
      },
      finish_reason: null,
    },
  ],
});
export const finish = (reason: string) => ({ choices: [{ index: 0, delta: {}, finish_reason: reason }] });
export const usage = (prompt: number, completion: number) => ({ choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion } });

/** Splits text into the given token pieces as text chunks. */
export const textChunks = (pieces: string[]) => pieces.map(text);

/**
 * OpenAI's rule for tool messages, as strict servers enforce it: an assistant message with
 * `tool_calls` is followed by exactly one tool message per call id before any other message, and
 * a tool message answers a call of that assistant message. Returns what is wrong, or undefined.
 */
export function toolMessageViolation(messages: ReadonlyArray<Record<string, unknown>>): string | undefined {
  let open: Set<string> | undefined;
  for (const [i, m] of messages.entries()) {
    if (m.role === 'tool') {
      const id = String(m.tool_call_id);
      if (open === undefined || !open.delete(id)) return `messages[${i}]: tool message for "${id}" answers no open tool call`;
      continue;
    }
    if (open !== undefined && open.size > 0) return `messages[${i}]: tool calls ${[...open].join(', ')} have no tool message`;
    const calls = m.role === 'assistant' ? (m.tool_calls as Array<{ id: string }> | undefined) : undefined;
    open = calls === undefined ? undefined : new Set(calls.map((c) => c.id));
  }
  return open !== undefined && open.size > 0 ? `tool calls ${[...open].join(', ')} have no tool message` : undefined;
}

export class FakeLlm {
  readonly requests: RecordedRequest[] = [];
  /** Answer 400, as OpenAI does, to a request whose messages break the tool-message rule. */
  enforceToolMessages = false;
  readonly #server: Server;
  #scripts: ScriptedReply[] = [];
  #fallback: ScriptedReply = { events: [text('Fallback reply.'), finish('stop')] };
  #waiters: Array<() => void> = [];
  #open = new Set<ServerResponse>();

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Queues replies for the next requests, in order; after them, the fallback. */
  script(...replies: ScriptedReply[]): void {
    this.#scripts.push(...replies);
  }

  /** Resolves when at least `n` requests have arrived. */
  async requestCount(n: number): Promise<RecordedRequest> {
    while (this.requests.length < n) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.requests[n - 1] as RecordedRequest;
  }

  async close(): Promise<void> {
    for (const res of this.#open) res.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let finished = false;
    const closedByClient = new Promise<boolean>((resolve) => {
      res.on('close', () => resolve(!finished));
    });
    this.requests.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, closedByClient });
    for (const wake of this.#waiters.splice(0)) wake();
    const violation = this.enforceToolMessages ? toolMessageViolation(this.requests.at(-1)?.body.messages ?? []) : undefined;
    if (violation !== undefined) {
      finished = true;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: violation, type: 'invalid_request_error' } }));
      return;
    }
    const reply = this.#scripts.shift() ?? this.#fallback;
    if ((reply.status ?? 200) !== 200) {
      finished = true;
      res.writeHead(reply.status ?? 500, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.errorBody ?? { error: { message: `scripted status ${reply.status}` } }));
      return;
    }
    if (reply.completion !== undefined) {
      finished = true;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.completion));
      return;
    }
    this.#open.add(res);
    res.on('close', () => this.#open.delete(res));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of reply.events ?? []) {
      res.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
    }
    switch (reply.end ?? 'done') {
      case 'done':
        finished = true;
        res.end('data: [DONE]\n\n');
        return;
      case 'close':
        finished = true;
        // Drop the connection once what was written has left, as a crashing server would.
        res.write(': bye\n\n', () => setImmediate(() => res.socket?.destroy()));
        return;
      case 'stall':
        return;
    }
  }
}
