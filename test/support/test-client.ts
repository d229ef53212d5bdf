/**
 * The tests' client: the real `SaywireClient` (src/client), which reads the wire, plus a record of
 * everything the server sent, in order, so a test can wait on events instead of sleeping. Tests
 * that attack the server write on the raw `ws` socket underneath (`client.ws`), which the
 * `SaywireClient` would refuse to send.
 */
import { WebSocket } from 'ws';
import { SaywireClient } from '../../src/client/saywire-client.js';
import type { WireSocket } from '../../src/client/socket.js';
import type { AudioFrameHeader } from '../../src/protocol/audio-frame.js';

export type Received =
  | { kind: 'event'; event: { type: string; [key: string]: unknown } }
  | { kind: 'audio'; header: AudioFrameHeader; samples: Int16Array; payload: Uint8Array };

export class TestClient {
  readonly client: SaywireClient;
  readonly received: Received[] = [];
  closed: { code: number; reason: string } | undefined;
  #ws: WebSocket | undefined;
  #waiters: Array<() => void> = [];
  #seen = new Map<string, number>();

  private constructor(url: string, headers: Record<string, string> | undefined) {
    this.client = new SaywireClient(url, {
      socketFactory: async (socketUrl) => {
        this.#ws = new WebSocket(socketUrl, headers === undefined ? {} : { headers });
        // `ws` implements the browser-shaped surface the client drives.
        return this.#ws as unknown as WireSocket;
      },
    });
    this.client.on('event', ({ event }) => {
      this.received.push({ kind: 'event', event: event as unknown as { type: string; [key: string]: unknown } });
      this.#wake();
    });
    this.client.on('frame', ({ chunk }) => {
      this.received.push({ kind: 'audio', header: chunk.header, samples: chunk.samples, payload: chunk.payload });
      this.#wake();
    });
    this.client.on('state', (event) => {
      if (event.state !== 'closed') return;
      this.closed = { code: event.code ?? 0, reason: event.reason ?? '' };
      this.#wake();
    });
  }

  /** Connects and waits for `session.created`. */
  static async connect(baseUrl: string, path = '/v1/realtime', headers?: Record<string, string>): Promise<TestClient> {
    const client = new TestClient(`${baseUrl.replace(/^http/, 'ws')}${path}`, headers);
    await client.client.connect();
    await client.next('session.created');
    return client;
  }

  /** The raw socket, for writing what a well-behaved client never would. */
  get ws(): WebSocket {
    return this.#ws as WebSocket;
  }

  /** Sends an event as JSON, or a string as it is (malformed input included). */
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
    void this.client.close();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
