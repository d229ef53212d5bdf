/**
 * A real HTTP server on loopback that speaks the OpenAI speech API (`POST /v1/audio/speech` with
 * `response_format: "pcm"`), driven by a script per request: an error status, or PCM bytes in
 * chunks followed by an end, a cut connection, silence, or a hold until the test lets it end. It
 * records each request, whether its body has ended, and whether the client closed it first.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TtsReply {
  /** HTTP status; non-200 answers with a JSON error body. */
  status?: number;
  /** Body bytes, each written as its own chunk. */
  chunks?: Uint8Array[];
  /**
   * After the chunks: end the body (default), cut the connection, stay silent (headers and
   * chunks sent, then nothing), or end once the promise settles.
   */
  end?: 'end' | 'cut' | 'stall' | Promise<void>;
}

export interface TtsRequest {
  body: { model: string; input: string; voice: string; response_format: string; speed: number; [k: string]: unknown };
  headers: IncomingMessage['headers'];
  /** True once the whole body was written and ended. */
  ended: boolean;
  /** Resolves when the connection closes: true if that was before the body ended (the client left, or a scripted cut), false after it. */
  closedByClient: Promise<boolean>;
}

/** `seconds` of a 440 Hz tone at 24 kHz, PCM16LE: what an OpenAI-compatible endpoint sends for `pcm`. */
export function tonePcm(seconds: number, sampleRate = 24_000): Uint8Array {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  return new Uint8Array(samples.buffer);
}

export class FakeTts {
  readonly requests: TtsRequest[] = [];
  readonly #server: Server;
  /** Gives the reply to the n-th request (from 0); a test may swap it between turns. */
  script: (request: TtsRequest, index: number) => TtsReply;
  #waiters: Array<() => void> = [];
  url = '';

  constructor(script: (request: TtsRequest, index: number) => TtsReply = () => ({ chunks: [tonePcm(0.3)] })) {
    this.script = script;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
    return this.url;
  }

  /** Resolves once `count` requests have arrived. */
  async whenRequests(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let settle: (closed: boolean) => void = () => {};
    const request: TtsRequest = {
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      headers: req.headers,
      ended: false,
      closedByClient: new Promise<boolean>((resolve) => {
        settle = resolve;
      }),
    };
    res.once('close', () => settle(!request.ended));
    const index = this.requests.push(request) - 1;
    const reply = this.script(request, index);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
    if (reply.status !== undefined && reply.status !== 200) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `scripted ${reply.status}` } }));
      request.ended = true;
      return;
    }
    res.writeHead(200, { 'content-type': 'audio/pcm' });
    // Headers go out at once, as a streaming upstream sends them, before any audio.
    res.flushHeaders();
    const end = reply.end ?? 'end';
    for (const chunk of reply.chunks ?? []) await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    if (end === 'stall') return;
    if (end === 'cut') {
      // After the chunks have left: the client has them, then the connection drops mid-body.
      res.socket?.destroy();
      return;
    }
    if (end !== 'end') await end.catch(() => {});
    if (res.destroyed) return;
    request.ended = true;
    res.end();
  }
}
