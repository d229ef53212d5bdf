/**
 * A lean WebSocket client for benchmarks: it counts what a real client would check (audio
 * frames, sequence gaps, out-of-order frames, errors) without keeping the audio, and follows each
 * turn's audio as a real-time listener would hear it, so a load test can tell late audio from
 * merely slow audio.
 */
import { WebSocket } from 'ws';
import type { ClientEvent } from '../src/protocol/client-events.js';
import { AUDIO_FRAME_HEADER_BYTES, readAudioFrameHeader } from '../src/protocol/audio-frame.js';
import type { ServerEvent } from '../src/protocol/server-events.js';

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

interface PendingTurn {
  started: number;
  eventId: string;
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
  resolve: (o: TurnOutcome) => void;
}

export class BenchClient {
  readonly counters: ClientCounters = {
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
  readonly #ws: WebSocket;
  #turn: PendingTurn | undefined;
  #turnNumber = 0;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data, isBinary) => this.#onMessage(data as Buffer, isBinary));
    // A turn the server never ends (the socket went away) must still end for its caller.
    ws.on('close', () => {
      const turn = this.#turn;
      if (turn !== undefined) this.#end(turn, 'closed');
    });
  }

  static async connect(url: string): Promise<BenchClient> {
    const ws = new WebSocket(url);
    const client = new BenchClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed (${code}) before session.created`)));
    });
    ws.on('error', () => client.counters.socketErrors++);
    return client;
  }

  /** True while the socket is open. */
  get open(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  /** Runs one agent turn and resolves at its response.done. */
  agentTurn(input: string): Promise<TurnOutcome> {
    return this.#start((eventId) => this.send({ type: 'response.create', event_id: eventId, input }));
  }

  /** Runs one client-text turn. */
  textTurn(text: string): Promise<TurnOutcome> {
    return this.#start((eventId) => {
      this.send({ type: 'text.append', event_id: eventId, delta: text });
      this.send({ type: 'text.done' });
    });
  }

  send(event: ClientEvent): void {
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

  #start(send: (eventId: string) => void): Promise<TurnOutcome> {
    return new Promise((resolve) => {
      const started = performance.now();
      const eventId = `bench_turn_${++this.#turnNumber}`;
      this.#turn = {
        started,
        eventId,
        expectedSeq: 0,
        frames: 0,
        audioMs: 0,
        firstAudio: null,
        firstToken: null,
        sentences: 0,
        playEnd: started,
        underruns: 0,
        margin: null,
        resolve,
      };
      if (!this.open) return this.#end(this.#turn, 'closed');
      send(eventId);
    });
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    const turn = this.#turn;
    if (isBinary) {
      const now = performance.now();
      this.counters.frames++;
      if (turn === undefined) {
        this.counters.strayFrames++;
        return;
      }
      const { seq, sampleRate } = readAudioFrameHeader(data);
      if (seq > turn.expectedSeq) this.counters.gaps++;
      if (seq < turn.expectedSeq) this.counters.outOfOrder++;
      turn.expectedSeq = seq + 1;
      turn.frames++;
      const frameMs = ((data.length - AUDIO_FRAME_HEADER_BYTES) / 2 / sampleRate) * 1000;
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
      return;
    }
    const event = JSON.parse(data.toString('utf8')) as ServerEvent;
    if (event.type === 'error') {
      this.counters.errors++;
      const { code } = event.error;
      this.counters.errorCodes[code] = (this.counters.errorCodes[code] ?? 0) + 1;
      // The request itself was refused (e.g. OVERLOADED): no response.done will follow.
      if (turn !== undefined && event.error.event_id === turn.eventId) this.#end(turn, 'refused');
      return;
    }
    if (event.type === 'response.sentence') this.counters.sentences++;
    if (turn === undefined) return;
    if (event.type === 'response.text.delta') turn.firstToken ??= performance.now();
    if (event.type === 'response.sentence') turn.sentences++;
    if (event.type === 'response.done') {
      this.counters.turns++;
      this.#end(turn, event.response.status);
    }
  }

  #end(turn: PendingTurn, status: string): void {
    this.#turn = undefined;
    const since = (t: number | null): number | null => (t === null ? null : t - turn.started);
    turn.resolve({
      status,
      frames: turn.frames,
      audioMs: turn.audioMs,
      firstAudioMs: since(turn.firstAudio),
      firstTokenMs: since(turn.firstToken),
      totalMs: performance.now() - turn.started,
      sentences: turn.sentences,
      underruns: turn.underruns,
      margin: turn.margin,
      startedAt: turn.started,
      playbackEndsAt: turn.playEnd,
    });
  }
}
