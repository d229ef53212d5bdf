/**
 * A WebSocket test client that records everything the server sends, in order, and lets a test
 * wait on events instead of sleeping.
 */
import { WebSocket } from 'ws';
import { type AudioFrameHeader, decodeAudioFrame } from '../../src/protocol/audio-frame.js';

export type Received =
  | { kind: 'event'; event: { type: string; [key: string]: unknown } }
  | { kind: 'audio'; header: AudioFrameHeader; samples: Int16Array; payload: Uint8Array };

export class TestClient {
  readonly ws: WebSocket;
  readonly received: Received[] = [];
  #waiters: Array<() => void> = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      const buf = data as Buffer;
      if (isBinary) {
        const { header, samples, payload } = decodeAudioFrame(buf);
        this.received.push({ kind: 'audio', header, samples, payload });
      } else {
        this.received.push({ kind: 'event', event: JSON.parse(buf.toString('utf8')) });
      }
      this.#wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#wake();
    });
  }

  static async connect(baseUrl: string, path = '/v1/realtime', headers?: Record<string, string>): Promise<TestClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, headers === undefined ? {} : { headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.next('session.created');
    return client;
  }

  send(event: unknown): void {
    this.ws.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  /** Events (not audio) received so far, optionally of one type. */
  events(type?: string): Array<{ type: string; [key: string]: unknown }> {
    const out = [];
    for (const r of this.received) if (r.kind === 'event' && (type === undefined || r.event.type === type)) out.push(r.event);
    return out;
  }

  /** Binary frames: the header, the samples as PCM16 (G.711 decoded), and the payload bytes as sent. */
  audio(): Array<{ header: AudioFrameHeader; samples: Int16Array; payload: Uint8Array }> {
    const out = [];
    for (const r of this.received) if (r.kind === 'audio') out.push(r);
    return out;
  }

  /** Resolves when `predicate` holds over what was received; rejects if the socket closes first. */
  async until(predicate: () => boolean, what = 'condition'): Promise<void> {
    while (!predicate()) {
      if (this.closed !== undefined) throw new Error(`socket closed (${this.closed.code}) while waiting for ${what}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #seen = new Map<string, number>();

  /** The next not-yet-returned event of `type`. */
  async next(type: string): Promise<{ type: string; [key: string]: unknown }> {
    const skip = this.#seen.get(type) ?? 0;
    await this.until(() => this.events(type).length > skip, type);
    this.#seen.set(type, skip + 1);
    return this.events(type)[skip] as { type: string; [key: string]: unknown };
  }

  /** Waits for the socket to close. */
  async whenClosed(): Promise<{ code: number; reason: string }> {
    while (this.closed === undefined) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
