/**
 * A lean WebSocket client for benchmarks: it counts what a real client would check (audio
 * frames, sequence gaps, out-of-order frames, errors) without keeping the audio.
 */
import { WebSocket } from 'ws';

export interface TurnOutcome {
  status: string;
  frames: number;
  audioMs: number;
  /** ms from response.create sent to first audio frame / first text delta / response.done. */
  firstAudioMs: number | null;
  firstTokenMs: number | null;
  totalMs: number;
  sentences: number;
}

export interface ClientCounters {
  turns: number;
  frames: number;
  /** A frame whose seq skipped ahead (lost frames). */
  gaps: number;
  /** A frame whose seq went backwards or repeated. */
  outOfOrder: number;
  errors: number;
  errorCodes: Record<string, number>;
}

export class BenchClient {
  readonly counters: ClientCounters = { turns: 0, frames: 0, gaps: 0, outOfOrder: 0, errors: 0, errorCodes: {} };
  readonly #ws: WebSocket;
  #turn:
    | {
        started: number;
        expectedSeq: number;
        frames: number;
        samples: number;
        sampleRate: number;
        firstAudio: number | null;
        firstToken: number | null;
        sentences: number;
        resolve: (o: TurnOutcome) => void;
      }
    | undefined;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data, isBinary) => this.#onMessage(data as Buffer, isBinary));
  }

  static async connect(url: string): Promise<BenchClient> {
    const ws = new WebSocket(url);
    const client = new BenchClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Runs one agent turn and resolves at its response.done. */
  agentTurn(input: string): Promise<TurnOutcome> {
    return this.#start(() => this.#ws.send(JSON.stringify({ type: 'response.create', input })));
  }

  /** Runs one client-text turn. */
  textTurn(text: string): Promise<TurnOutcome> {
    return this.#start(() => {
      this.#ws.send(JSON.stringify({ type: 'text.append', delta: text }));
      this.#ws.send(JSON.stringify({ type: 'text.done' }));
    });
  }

  send(event: unknown): void {
    this.#ws.send(JSON.stringify(event));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#ws.readyState === WebSocket.CLOSED) return resolve();
      this.#ws.once('close', () => resolve());
      this.#ws.close();
    });
  }

  /** Drops the TCP connection without a close handshake (a vanished client). */
  terminate(): void {
    this.#ws.terminate();
  }

  #start(send: () => void): Promise<TurnOutcome> {
    return new Promise((resolve) => {
      this.#turn = {
        started: performance.now(),
        expectedSeq: 0,
        frames: 0,
        samples: 0,
        sampleRate: 1,
        firstAudio: null,
        firstToken: null,
        sentences: 0,
        resolve,
      };
      send();
    });
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    const turn = this.#turn;
    if (isBinary) {
      this.counters.frames++;
      if (turn === undefined) return;
      const seq = data.readUInt32LE(12);
      if (seq > turn.expectedSeq) this.counters.gaps++;
      if (seq < turn.expectedSeq) this.counters.outOfOrder++;
      turn.expectedSeq = seq + 1;
      turn.frames++;
      turn.samples += (data.length - 20) / 2;
      turn.sampleRate = data.readUInt32LE(16);
      turn.firstAudio ??= performance.now();
      return;
    }
    const event = JSON.parse(data.toString('utf8')) as { type: string; error?: { code: string }; response?: { status: string } };
    if (event.type === 'error') {
      this.counters.errors++;
      const code = event.error?.code ?? 'unknown';
      this.counters.errorCodes[code] = (this.counters.errorCodes[code] ?? 0) + 1;
      return;
    }
    if (turn === undefined) return;
    if (event.type === 'response.text.delta') turn.firstToken ??= performance.now();
    if (event.type === 'response.sentence') turn.sentences++;
    if (event.type === 'response.done') {
      this.#turn = undefined;
      this.counters.turns++;
      const now = performance.now();
      turn.resolve({
        status: event.response?.status ?? 'unknown',
        frames: turn.frames,
        audioMs: (turn.samples / turn.sampleRate) * 1000,
        firstAudioMs: turn.firstAudio === null ? null : turn.firstAudio - turn.started,
        firstTokenMs: turn.firstToken === null ? null : turn.firstToken - turn.started,
        totalMs: now - turn.started,
        sentences: turn.sentences,
      });
    }
  }
}
