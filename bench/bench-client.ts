/**
 * The benchmarks' client: the real `SaywireClient` (src/client) runs the turns, and this counts
 * what a real client would check (audio frames, sequence gaps, out-of-order frames, errors)
 * without keeping the audio, and follows each turn's audio as a real-time listener would hear it,
 * so a load test can tell late audio from merely slow audio.
 *
 * The lean measurement path: frames are read as they arrive, through the client's `frame` events
 * (header fields and a view of the samples, no copy), and nothing else is held. Each arrival is
 * stamped with `performance.now()` inside the socket's message callback, as before the client
 * existed, so the figures in `bench/results/` stay comparable.
 */
import { WebSocket } from 'ws';
import { type AudioChunk, type ResponseHandle, SaywireClient, SaywireClientError, type WireSocket } from '../src/client/index.js';
import type { ClientEvent } from '../src/protocol/client-events.js';

export interface TurnOutcome {
  /** `response.done` status; `refused` when an `error` answered the request instead; `closed` when the socket closed first. */
  status: string;
  frames: number;
  audioMs: number;
  /** ms from response.create sent to first audio frame / first text delta / response.done. */
  firstAudioMs: number | null;
  firstTokenMs: number | null;
  totalMs: number;
  sentences: number;
  /**
   * Frames that arrived after the listener had played everything before them. Playback starts at
   * the first frame; a late frame stalls it, so one hole counts once.
   */
  underruns: number;
  /**
   * The lowest, over the turn's frames, of (audio received before the frame) ÷ (wall time from
   * the first frame to its arrival): below 1 exactly when the listener ran dry. `null` when no
   * frame came after the first in a later tick (the whole turn arrived at once).
   */
  margin: number | null;
  /** `performance.now()` when response.create was sent. */
  startedAt: number;
  /** `performance.now()` when the listener finishes playing the turn (its start if no audio came). */
  playbackEndsAt: number;
}

export interface ClientCounters {
  turns: number;
  frames: number;
  /** A frame whose seq skipped ahead (lost frames). */
  gaps: number;
  /** A frame whose seq went backwards or repeated. */
  outOfOrder: number;
  /** A frame with no turn waiting for it (after its response.done). */
  strayFrames: number;
  /** `error` events. */
  errors: number;
  errorCodes: Record<string, number>;
  /** Socket-level errors after the connection opened. */
  socketErrors: number;
  /** `response.sentence` events and audio received, over all turns (for rates over a window). */
  sentences: number;
  audioMs: number;
}

/** Counters before anything happened. */
export function emptyCounters(): ClientCounters {
  return {
    turns: 0,
    frames: 0,
    gaps: 0,
    outOfOrder: 0,
    strayFrames: 0,
    errors: 0,
    errorCodes: {},
    socketErrors: 0,
    sentences: 0,
    audioMs: 0,
  };
}

interface PendingTurn {
  started: number;
  expectedSeq: number;
  frames: number;
  audioMs: number;
  firstAudio: number | null;
  firstToken: number | null;
  sentences: number;
  /** When the listener runs out of what has arrived. */
  playEnd: number;
  underruns: number;
  margin: number | null;
}

export class BenchClient {
  readonly counters: ClientCounters;
  readonly #client: SaywireClient;
  #turn: PendingTurn | undefined;

  private constructor(client: SaywireClient, counters: ClientCounters) {
    this.#client = client;
    this.counters = counters;
    client.on('frame', ({ chunk }) => this.#onFrame(chunk));
    client.on('event', ({ event }) => {
      if (event.type === 'response.sentence') this.counters.sentences++;
      if (event.type !== 'error') return;
      this.counters.errors++;
      const { code } = event.error;
      this.counters.errorCodes[code] = (this.counters.errorCodes[code] ?? 0) + 1;
    });
  }

  static async connect(url: string): Promise<BenchClient> {
    let opened = false;
    const counters = emptyCounters();
    const client = await SaywireClient.connect(url, {
      // `ws` directly, to count socket-level errors after the connection opened.
      socketFactory: async (socketUrl) => {
        const ws = new WebSocket(socketUrl);
        ws.once('open', () => (opened = true));
        ws.on('error', () => {
          if (opened) counters.socketErrors++;
        });
        return ws as unknown as WireSocket;
      },
    });
    return new BenchClient(client, counters);
  }

  /** True while the socket is open. */
  get open(): boolean {
    return this.#client.state === 'open';
  }

  /** Runs one agent turn and resolves at its response.done. */
  agentTurn(input: string): Promise<TurnOutcome> {
    return this.#run(() => this.#client.createResponse({ input }));
  }

  /** Runs one client-text turn. */
  textTurn(text: string): Promise<TurnOutcome> {
    return this.#run(() => this.#client.createTextResponse({ text: [text] }));
  }

  send(event: ClientEvent): void {
    this.#client.send(event);
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  /** Drops the TCP connection without a close handshake (a vanished client). */
  terminate(): void {
    this.#client.terminate();
  }

  async #run(start: () => ResponseHandle): Promise<TurnOutcome> {
    const started = performance.now();
    const turn: PendingTurn = {
      started,
      expectedSeq: 0,
      frames: 0,
      audioMs: 0,
      firstAudio: null,
      firstToken: null,
      sentences: 0,
      playEnd: started,
      underruns: 0,
      margin: null,
    };
    let status: string;
    try {
      const response = start();
      this.#turn = turn;
      response.on('response.text.delta', () => (turn.firstToken ??= performance.now()));
      response.on('response.sentence', () => turn.sentences++);
      status = (await response.done).status;
      this.counters.turns++;
    } catch (err) {
      // Refused by the server (e.g. OVERLOADED: no response.done follows), or the socket closed first.
      const code = err instanceof SaywireClientError ? err.code : '';
      status = code === 'CONNECTION_CLOSED' || code === 'NOT_CONNECTED' ? 'closed' : 'refused';
    }
    if (this.#turn === turn) this.#turn = undefined;
    const since = (t: number | null): number | null => (t === null ? null : t - started);
    return {
      status,
      frames: turn.frames,
      audioMs: turn.audioMs,
      firstAudioMs: since(turn.firstAudio),
      firstTokenMs: since(turn.firstToken),
      totalMs: performance.now() - started,
      sentences: turn.sentences,
      underruns: turn.underruns,
      margin: turn.margin,
      startedAt: started,
      playbackEndsAt: turn.playEnd,
    };
  }

  #onFrame(chunk: AudioChunk): void {
    const now = performance.now();
    const turn = this.#turn;
    this.counters.frames++;
    if (turn === undefined) {
      this.counters.strayFrames++;
      return;
    }
    const { seq, sampleRate } = chunk.header;
    if (seq > turn.expectedSeq) this.counters.gaps++;
    if (seq < turn.expectedSeq) this.counters.outOfOrder++;
    turn.expectedSeq = seq + 1;
    turn.frames++;
    const frameMs = (chunk.samples.length / sampleRate) * 1000;
    if (turn.firstAudio === null) {
      turn.firstAudio = now;
      turn.playEnd = now;
    } else {
      if (now > turn.playEnd) turn.underruns++;
      if (now > turn.firstAudio) {
        const ratio = turn.audioMs / (now - turn.firstAudio);
        turn.margin = turn.margin === null ? ratio : Math.min(turn.margin, ratio);
      }
    }
    turn.playEnd = Math.max(turn.playEnd, now) + frameMs;
    turn.audioMs += frameMs;
    this.counters.audioMs += frameMs;
  }
}
