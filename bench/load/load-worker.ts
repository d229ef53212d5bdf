/**
 * One load-generator thread: runs its share of the benchmark's WebSocket sessions, each a
 * listener that talks to the agent turn after turn, and answers the generator over comlink. The
 * sessions live in worker threads so that receiving hundreds of audio streams does not delay
 * the clock that judges them: each thread's event loop only serves its own sockets.
 *
 * A session: response.create, read the reply's events and audio (the {@link BenchClient} follows
 * playback as a real-time listener), wait until that audio would have finished playing, repeat.
 */
import { setMaxListeners } from 'node:events';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { threadCpuSeconds } from '../thread-cpu.js';
import { BenchClient, type ClientCounters, type TurnOutcome, emptyCounters } from '../bench-client.js';

/** Which sessions this thread runs, and against what. */
export interface SessionPlan {
  /** `ws://…/v1/realtime`. */
  url: string;
  /** Global indexes of this thread's sessions, from 0 (they pick the stagger slot and the inputs). */
  sessions: number[];
  /** Sessions over all threads. */
  totalSessions: number;
  /** User inputs; session g's turn t says `inputs[(g + t) % inputs.length]`. */
  inputs: string[];
}

/** When turns begin: session g's first turn at `startAt + g / totalSessions × staggerMs`. */
export interface StartPlan {
  /** Epoch ms (`Date.now()`), the one clock every thread shares. */
  startAt: number;
  staggerMs: number;
}

/** One turn as the session saw it. Times in ms. */
export interface TurnRecord {
  /** `completed`, `cancelled`, `failed`, `refused`, or `closed` (the socket closed mid-turn). */
  status: string;
  /** The generator closed the socket at the end of the run with this turn still going. */
  cut: boolean;
  /** From response.create to the first audio frame. */
  firstAudioMs: number | null;
  /** From the first text delta to the first audio frame. */
  firstAudioAfterTokenMs: number | null;
  audioMs: number;
  sentences: number;
  underruns: number;
  /** See {@link TurnOutcome.margin}. */
  margin: number | null;
  /** From response.create to the end of playback: one cycle of a back-to-back session. */
  periodMs: number;
}

export interface SessionReport {
  turns: TurnRecord[];
  counters: ClientCounters;
  /** Why the session could not connect, or why the server closed it during the run. */
  failure: string | null;
}

/** Running totals over this thread's sessions, for rates over a window. */
export interface LiveCounters extends Pick<ClientCounters, 'turns' | 'frames' | 'sentences' | 'audioMs'> {
  /** CPU seconds of the generator's threads (null off Linux), to tell generators in one process apart. */
  cpuSeconds: number | null;
}

export interface WorkerReport {
  sessions: SessionReport[];
  /** This thread's own event-loop delay while the sessions ran, ms: a late reading here is the generator's fault, not the server's. */
  loopP99Ms: number;
  loopMaxMs: number;
}

/** What the generator calls, through comlink. */
export interface LoadWorkerApi {
  /** Opens every session of the plan; resolves with how many connected. */
  connect(plan: SessionPlan): Promise<number>;
  /** Schedules the sessions' first turns. */
  start(plan: StartPlan): void;
  counters(): LiveCounters;
  /** No new turns; turns in flight get `graceMs` to finish, then every socket closes. */
  stop(graceMs: number): Promise<WorkerReport>;
}

interface Session {
  index: number;
  client: BenchClient | undefined;
  turns: TurnRecord[];
  failure: string | null;
  /** Set when the generator is closing the socket itself: a turn cut then is not the server's doing. */
  closing: boolean;
  inTurn: boolean;
  loop: Promise<void> | undefined;
}

const NS_PER_MS = 1e6;

function record(outcome: TurnOutcome, cut: boolean): TurnRecord {
  const { firstAudioMs, firstTokenMs } = outcome;
  return {
    status: outcome.status,
    cut,
    firstAudioMs,
    firstAudioAfterTokenMs: firstAudioMs === null || firstTokenMs === null ? null : firstAudioMs - firstTokenMs,
    audioMs: outcome.audioMs,
    sentences: outcome.sentences,
    underruns: outcome.underruns,
    margin: outcome.margin,
    periodMs: Math.max(outcome.playbackEndsAt, outcome.startedAt + outcome.totalMs) - outcome.startedAt,
  };
}

class LoadWorker implements LoadWorkerApi {
  #plan: SessionPlan | undefined;
  #sessions: Session[] = [];
  readonly #stop = new AbortController();
  readonly #loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    // Every session's pause listens to the one stop signal.
    setMaxListeners(0, this.#stop.signal);
  }

  async connect(plan: SessionPlan): Promise<number> {
    this.#plan = plan;
    this.#sessions = plan.sessions.map((index) => ({
      index,
      client: undefined,
      turns: [],
      failure: null,
      closing: false,
      inTurn: false,
      loop: undefined,
    }));
    await Promise.all(
      this.#sessions.map(async (session) => {
        try {
          session.client = await BenchClient.connect(plan.url);
        } catch (err) {
          session.failure = `connect: ${err instanceof Error ? err.message : String(err)}`;
        }
      }),
    );
    return this.#sessions.filter((s) => s.client !== undefined).length;
  }

  start(at: StartPlan): void {
    const plan = this.#plan;
    if (plan === undefined) throw new Error('start() before connect()');
    this.#loop.enable();
    for (const session of this.#sessions) {
      const { client } = session;
      if (client === undefined) continue;
      const firstTurnAt = at.startAt + (session.index / plan.totalSessions) * at.staggerMs;
      session.loop = this.#run(session, client, plan.inputs, firstTurnAt - Date.now());
    }
  }

  counters(): LiveCounters {
    const total: LiveCounters = { turns: 0, frames: 0, sentences: 0, audioMs: 0, cpuSeconds: threadCpuSeconds('/proc/thread-self/stat') };
    for (const { client } of this.#sessions) {
      if (client === undefined) continue;
      total.turns += client.counters.turns;
      total.frames += client.counters.frames;
      total.sentences += client.counters.sentences;
      total.audioMs += client.counters.audioMs;
    }
    return total;
  }

  async stop(graceMs: number): Promise<WorkerReport> {
    this.#stop.abort();
    this.#loop.disable();
    const loops = this.#sessions.map((s) => s.loop ?? Promise.resolve());
    // Turns in flight may finish; past the grace they are cut.
    await Promise.race([Promise.all(loops), sleep(graceMs, undefined, { ref: false })]);
    await Promise.all(
      this.#sessions.map(async (session) => {
        if (session.client === undefined) return;
        session.closing = true;
        // A session still mid-turn after the grace is stuck behind a saturated server: drop it
        // rather than wait for a close handshake that server may be too busy to answer.
        if (session.inTurn) session.client.terminate();
        else await session.client.close();
      }),
    );
    await Promise.all(loops);
    const h = this.#loop;
    return {
      sessions: this.#sessions.map((s) => ({
        turns: s.turns,
        counters: s.client?.counters ?? emptyCounters(),
        failure: s.failure,
      })),
      loopP99Ms: h.count === 0 ? 0 : h.percentile(99) / NS_PER_MS,
      loopMaxMs: h.count === 0 ? 0 : h.max / NS_PER_MS,
    };
  }

  async #run(session: Session, client: BenchClient, inputs: string[], delayMs: number): Promise<void> {
    const { signal } = this.#stop;
    if (!(await pause(delayMs, signal))) return;
    for (let t = 0; !signal.aborted; t++) {
      session.inTurn = true;
      const outcome = await client.agentTurn(inputs[(session.index + t) % inputs.length] as string);
      session.inTurn = false;
      const cut = outcome.status === 'closed' && session.closing;
      session.turns.push(record(outcome, cut));
      if (outcome.status === 'closed') {
        if (!cut) session.failure = 'the server closed the connection during a turn';
        return;
      }
      // A refused or failed turn has no audio to wait for; a pause keeps it from becoming a hot loop.
      const resumeAt = outcome.status === 'completed' ? outcome.playbackEndsAt : performance.now() + 1000;
      if (!(await pause(resumeAt - performance.now(), signal))) return;
    }
  }
}

/** Sleeps `ms`; false if the run stopped meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms > 0) await sleep(ms, undefined, { signal }).catch(() => undefined);
  return !signal.aborted;
}

if (parentPort === null) throw new Error('load-worker.js runs in a worker thread');
expose(new LoadWorker(), nodeEndpoint(parentPort));
