/**
 * WebSocket load: N sessions talk to the scripted agent turn after turn, each listening to the
 * reply's audio as a real-time listener would, against a real server in a child process; the
 * pool and the main-thread-only server (`poolMaxThreads: 0`, the single-loop design) side by side
 * at every level. It answers how many concurrent voice sessions a server holds before audio
 * falls behind real time or the event loop stalls (the capacity), what the worker threads buy
 * (pool ÷ main-thread-only), what the server adds to each sentence (server-added latency, from
 * the server's own histogram), and how close the capacity comes to a ceiling from the measured
 * synthesis rate (`ceiling-probe.ts`: the median of readings across the run). The levels are
 * fractions of the ceiling read at the start of the run, extended while a mode passes them all,
 * then refined between the last passing and the first failing level.
 *
 * The sessions run in worker threads of this process (`load/`), so the server's event loop
 * carries none of the generator's work; they still share the machine's cores with the server.
 */
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { scriptedReply } from '../src/agents/scripted-agent.js';
import { LoadGenerator, type LoadReport } from './load/load-generator.js';
import type { LiveCounters, SessionReport, TurnRecord } from './load/load-worker.js';
import { Progress, percentile, round, table } from './report.js';
import { type ServerSample, ServerProcess, bucketQuantile } from './server-process.js';
import { CeilingProbe, type SynthesisTail } from './ceiling-probe.js';

/** `pool`: worker threads (the server's design); `main-thread`: `poolMaxThreads: 0`, everything on the event loop. */
export type Mode = 'pool' | 'main-thread';
const MODES: readonly Mode[] = ['pool', 'main-thread'];

/**
 * What users say. Each makes the scripted agent answer with about 60 words (an echo of the input,
 * then one of its five canned replies, which these cover once each).
 */
const INPUTS = [
  'Hi, can you tell me if the shop on the main road is open on Sunday, and if so, at what time it opens and when it shuts, as I need to pick up a gift.',
  'Did the new update fix the bug where the app crashes when I open my photos, and is it any faster than before on my old phone?',
  'So I am on my way to the big game and I want to know how long it will take to get there by bus, and if it is late, what is the best way to go.',
  'Do you know a good place to eat near the park that is not too loud, has a few seats out in the sun, and can do a nice cup of tea with a slice of cake?',
  'Can you check which train gets me to the airport before eight tomorrow morning, whether I have to change at the central station, and how much a return ticket for two of us would cost?',
];

/**
 * Session g starts its first turn g/N of this into the run: about one turn's cycle (reply audio
 * plus time to first audio), so turns start at the steady rate of N back-to-back sessions from
 * the first second instead of all at once.
 */
const STAGGER_MS = 20_000;
/** A session keeps audio ahead of real time in at least this share of sessions, … */
const AHEAD_MIN = 0.95;
/** … and the server's event-loop delay p99 stays under this: the capacity criteria. */
const LOOP_P99_MAX_MS = 20;

/** The first level: light load, where the server-added latency goal (p99 ≤ 40 ms) applies; its pool run also measures each session's demand. */
const BASE_SESSIONS = 100;
/** The ladder above it, as fractions of the ceiling. */
const FRACTIONS = [0.25, 0.5, 0.7, 0.85, 1.0, 1.2];
const QUICK_FRACTIONS = [0.1];
/**
 * Halvings of the gap between the last passing and the first failing level, per mode, at most:
 * they stop once the gap is within 5% of the ceiling. Two left a gap of 45 sessions when a fast
 * start reading had placed the ladder's steps 180 apart.
 */
const REFINE_STEPS = 4;
/** Levels a mode climbs past the top of the ladder while it passes, each this fraction of the placement higher. */
const EXTEND_STEPS = 3;
const EXTEND_FRACTION = 0.2;
/** Synthesis readings, ms: at the start (the levels are placed on it), and before each level. */
const START_PROBE_MS = 5_000;
const LEVEL_PROBE_MS = 2_000;

/** The server's settings per mode: the pool sized to the cores, or no threads at all. */
function modeSettings(mode: Mode, poolThreads: number): Record<string, number> {
  return mode === 'pool' ? { poolMinThreads: poolThreads, poolMaxThreads: poolThreads } : { poolMaxThreads: 0 };
}

/** Settings that keep the server's own guards from capping the ladder (the bench measures load, not refusals). */
function serverSettings(): Record<string, string | number> {
  return {
    scriptedTokensPerSecond: 50,
    maxConnections: 100_000,
    maxConnectionsPerIp: 100_000,
    admissionMaxLoopDelayMs: 60_000,
    poolMaxQueue: 100_000,
    // Turns still running at the end were already cut by the generator; nothing to wait for.
    shutdownGraceMs: 0,
  };
}

/** Problems that must not pass silently. */
export interface Anomalies {
  /** Playback gaps: frames that came after the listener had run out (see BenchClient). */
  underruns: number;
  /** Frames whose seq skipped ahead. */
  lostFrames: number;
  outOfOrder: number;
  /** Frames after their response's response.done. */
  strayFrames: number;
  errorEvents: number;
  errorCodes: Record<string, number>;
  socketErrors: number;
  /** Turns that did not end `completed` (including those still running after the grace). */
  notCompleted: number;
  /** Sessions that could not connect or that the server closed. */
  failedSessions: number;
}

export interface WsLevelResult {
  mode: Mode;
  sessions: number;
  connected: number;
  /** Sessions whose first turn fell inside the window (the stagger may be longer than a quick window). */
  sessionsWithTurns: number;
  turnsStarted: number;
  turnsCompleted: number;
  /** Turns still running when the grace after the window ran out. */
  turnsCut: number;
  /** Over turns, ms: from response.create, and from the first text delta, to the first audio frame. */
  firstAudioMs: { p50: number; p99: number };
  firstAudioAfterTokenMs: { p50: number; p99: number };
  /** Over sessions, each session's lowest margin (audio received ÷ wall time of playback; below 1 = a gap). */
  margin: { p50: number; p5: number; min: number };
  /** Share of sessions with turns that never ran dry. */
  aheadFraction: number;
  serverLoopP99Ms: number;
  /**
   * Server-added latency over the window, ms, from the server's histogram: per sentence, from
   * the text completing its boundary reaching the turn to its first frame on the socket. Bucket
   * upper bounds (5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000).
   */
  serverAddedMs: { p50: number; p99: number; sentences: number };
  sentencesPerSecond: number;
  /** Seconds of audio the sessions received per second of the window. */
  audioSecondsPerSecond: number;
  /** Server CPU over the window, % of one core. */
  serverCpuPercent: number;
  /** The server's main thread alone over the window, % of one core (null off Linux). */
  mainThreadCpuPercent: number | null;
  serverRssMB: number;
  /** The load generator's threads over the window, % of one core (on Linux; the whole bench process elsewhere). */
  generatorCpuPercent: number;
  generatorLoopP99Ms: number;
  /** Mean reply audio per completed turn, and mean cycle (response.create to end of playback), ms. */
  audioPerTurnMs: number;
  periodMs: number;
  anomalies: Anomalies;
  passed: boolean;
}

export interface Capacity {
  /** Highest passing level below every failing one (after refinement); null if the lowest failed. */
  sessions: number | null;
  /** Lowest failing level; null if every level passed. */
  firstFailing: number | null;
  /** Every level passed: the capacity is at least the top of the ladder. */
  atLeast: boolean;
  /** capacity ÷ ceiling. */
  ofCeiling: number | null;
}

export interface WsBenchResult {
  /** The ladder: the base level, then `fractions` of the ceiling (both modes run each). */
  levels: number[];
  fractions: number[];
  /** Levels added between the last passing and first failing, per mode. */
  refined: Record<Mode, number[]>;
  windowMs: number;
  graceMs: number;
  staggerMs: number;
  cores: number;
  poolThreads: number;
  generatorThreads: number;
  /** Server settings of every run, besides the mode's own (`modeSettings`). */
  settings: Record<string, string | number>;
  replyWords: number;
  /**
   * Single-thread eSpeak synthesis of the sessions' sentences, read at the start and before every
   * level (`readings`, audio s per wall s, in order); the median is the ceiling's rate.
   */
  synthesis: { realTimeFactor: number; audioSecondsPerSecond: number; readings: number[]; tail: SynthesisTail };
  /** The ceiling from the start's reading alone, where the levels were placed. */
  placement: number;
  /** Levels a mode climbed past the top of the ladder because it passed them all. */
  extended: Record<Mode, number[]>;
  /** Audio s a back-to-back session consumes per wall s (lowest level, completed turns). */
  demandPerSession: number;
  /** Sessions the pool's threads could synthesize for if synthesis were the only cost. */
  ceiling: number;
  capacity: Record<Mode, Capacity>;
  /** pool ÷ main-thread-only capacity (null if either is null); a lower bound when pool is "≥ top". */
  capacityRatio: number | null;
  runs: WsLevelResult[];
  anomalies: Anomalies;
  wallSeconds: number;
}

function emptyAnomalies(): Anomalies {
  return {
    underruns: 0,
    lostFrames: 0,
    outOfOrder: 0,
    strayFrames: 0,
    errorEvents: 0,
    errorCodes: {},
    socketErrors: 0,
    notCompleted: 0,
    failedSessions: 0,
  };
}

function addAnomalies(into: Anomalies, a: Anomalies): void {
  into.underruns += a.underruns;
  into.lostFrames += a.lostFrames;
  into.outOfOrder += a.outOfOrder;
  into.strayFrames += a.strayFrames;
  into.errorEvents += a.errorEvents;
  for (const [code, n] of Object.entries(a.errorCodes)) into.errorCodes[code] = (into.errorCodes[code] ?? 0) + n;
  into.socketErrors += a.socketErrors;
  into.notCompleted += a.notCompleted;
  into.failedSessions += a.failedSessions;
}

function anomalyCount(a: Anomalies): number {
  return a.underruns + a.lostFrames + a.outOfOrder + a.strayFrames + a.errorEvents + a.socketErrors + a.notCompleted + a.failedSessions;
}

function anomaliesOf(sessions: SessionReport[]): Anomalies {
  const a = emptyAnomalies();
  for (const s of sessions) {
    const c = s.counters;
    a.lostFrames += c.gaps;
    a.outOfOrder += c.outOfOrder;
    a.strayFrames += c.strayFrames;
    a.errorEvents += c.errors;
    for (const [code, n] of Object.entries(c.errorCodes)) a.errorCodes[code] = (a.errorCodes[code] ?? 0) + n;
    a.socketErrors += c.socketErrors;
    if (s.failure !== null) a.failedSessions++;
    for (const t of s.turns) {
      a.underruns += t.underruns;
      if (t.status !== 'completed') a.notCompleted++;
    }
  }
  return a;
}

/** A session kept ahead of real time: it heard every turn it started, without a gap. */
function stayedAhead(turns: TurnRecord[]): boolean {
  return turns.every((t) => t.underruns === 0 && t.firstAudioMs !== null);
}

const p = (values: number[], q: number): number => round(percentile(values, q), 1);

/**
 * How a level runs: window and grace, generator threads, pool threads, node flags for the server
 * (`--cpu-prof`), and server settings on top of the bench's own (the wire bench varies two).
 */
export interface LevelPlan {
  windowMs: number;
  graceMs: number;
  threads: number;
  poolThreads: number;
  nodeArgs?: string[];
  settings?: Record<string, string | number>;
}

/** One level in one mode: a fresh server, N sessions for the window, then teardown. */
export async function runLevel(mode: Mode, sessions: number, plan: LevelPlan): Promise<WsLevelResult> {
  return (await runSideBySide([{ mode, sessions, settings: plan.settings ?? {} }], plan))[0] as WsLevelResult;
}

/** One of the servers {@link runSideBySide} loads at once. */
export interface SideBySideConfig {
  mode: Mode;
  sessions: number;
  /** Server settings on top of the bench's own. */
  settings: Record<string, string | number>;
}

/** What one server and its load generator did over the window, before it is summed up. */
interface LevelWindow {
  config: SideBySideConfig;
  connected: number;
  before: ServerSample;
  after: ServerSample;
  live: LiveCounters;
  report: LoadReport;
  /** The generator's CPU seconds over the window. */
  generatorCpuSeconds: number;
  windowS: number;
}

/**
 * Several servers, each with its own load generator, loaded over the same window: a comparison
 * of settings whose every side meets the same machine at the same moments (this machine's speed
 * drifts within seconds, and runs one after another compare different machines). Each side's
 * generator CPU is its own threads' (on Linux; the whole process's elsewhere, exact only alone).
 */
export async function runSideBySide(configs: SideBySideConfig[], plan: LevelPlan): Promise<WsLevelResult[]> {
  const servers: ServerProcess[] = [];
  const generators: LoadGenerator[] = [];
  try {
    for (const config of configs) {
      servers.push(await ServerProcess.start({ ...serverSettings(), ...modeSettings(config.mode, plan.poolThreads), ...config.settings }, plan.nodeArgs));
      generators.push(await LoadGenerator.create(Math.min(plan.threads, config.sessions)));
    }
    const connected = await Promise.all(configs.map((c, i) => (generators[i] as LoadGenerator).connect((servers[i] as ServerProcess).wsUrl, c.sessions, INPUTS)));
    // These scrapes open the servers' loop-delay windows; the ones at the deadline close them.
    const before = await Promise.all(servers.map((s) => s.sample()));
    const liveBefore = await Promise.all(generators.map((g) => g.counters()));
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const startAt = Date.now();
    await Promise.all(generators.map((g) => g.start({ startAt, staggerMs: STAGGER_MS })));
    await sleep(plan.windowMs);
    const after = await Promise.all(servers.map((s) => s.sample()));
    const live = await Promise.all(generators.map((g) => g.counters()));
    const cpu = process.cpuUsage(cpuBefore);
    const windowS = (performance.now() - t0) / 1000;
    const reports = await Promise.all(generators.map((g) => g.stop(plan.graceMs)));
    return configs.map((config, i) => {
      const threadCpu = [liveBefore[i]?.cpuSeconds, live[i]?.cpuSeconds];
      const generatorCpuSeconds =
        threadCpu[0] == null || threadCpu[1] == null ? (cpu.user + cpu.system) / 1e6 : threadCpu[1] - threadCpu[0];
      return summarize({
        config,
        connected: connected[i] as number,
        before: before[i] as ServerSample,
        after: after[i] as ServerSample,
        live: live[i] as LiveCounters,
        report: reports[i] as LoadReport,
        generatorCpuSeconds,
        windowS,
      });
    });
  } finally {
    await Promise.all(generators.map((g) => g.close()));
    await Promise.all(servers.map((s) => s.stop()));
  }
}

function summarize(w: LevelWindow): WsLevelResult {
  const { config, connected, before, after, live, report, windowS } = w;
  const { mode, sessions } = config;
  const withTurns = report.sessions.filter((s) => s.turns.length > 0);
  const turns = withTurns.flatMap((s) => s.turns);
  const completed = turns.filter((t) => t.status === 'completed');
  const heard = turns.filter((t) => t.firstAudioMs !== null);
  const margins = withTurns
    .map((s) => Math.min(...s.turns.map((t) => t.margin ?? Number.POSITIVE_INFINITY)))
    .filter((m) => Number.isFinite(m));
  const aheadFraction = withTurns.length === 0 ? 0 : withTurns.filter((s) => stayedAhead(s.turns)).length / withTurns.length;
  const serverLoopP99Ms = round(after.loopP99Ms, 1);
  return {
    mode,
    sessions,
    connected,
    sessionsWithTurns: withTurns.length,
    turnsStarted: turns.length,
    turnsCompleted: completed.length,
    turnsCut: turns.filter((t) => t.cut).length,
    firstAudioMs: { p50: p(heard.map((t) => t.firstAudioMs as number), 50), p99: p(heard.map((t) => t.firstAudioMs as number), 99) },
    firstAudioAfterTokenMs: {
      p50: p(heard.flatMap((t) => (t.firstAudioAfterTokenMs === null ? [] : [t.firstAudioAfterTokenMs])), 50),
      p99: p(heard.flatMap((t) => (t.firstAudioAfterTokenMs === null ? [] : [t.firstAudioAfterTokenMs])), 99),
    },
    margin: { p50: p(margins, 50), p5: p(margins, 5), min: round(Math.min(...margins), 2) },
    aheadFraction: round(aheadFraction, 3),
    serverLoopP99Ms,
    serverAddedMs: serverAdded(before, after),
    sentencesPerSecond: round(live.sentences / windowS, 1),
    audioSecondsPerSecond: round(live.audioMs / 1000 / windowS, 2),
    serverCpuPercent: round(((after.cpuSeconds - before.cpuSeconds) / windowS) * 100, 1),
    mainThreadCpuPercent:
      after.mainThreadCpuSeconds === null || before.mainThreadCpuSeconds === null
        ? null
        : round(((after.mainThreadCpuSeconds - before.mainThreadCpuSeconds) / windowS) * 100, 1),
    serverRssMB: round(after.rssMB, 0),
    generatorCpuPercent: round((w.generatorCpuSeconds / windowS) * 100, 1),
    generatorLoopP99Ms: round(report.loopP99Ms, 1),
    audioPerTurnMs: round(completed.reduce((n, t) => n + t.audioMs, 0) / Math.max(1, completed.length), 0),
    periodMs: round(completed.reduce((n, t) => n + t.periodMs, 0) / Math.max(1, completed.length), 0),
    anomalies: anomaliesOf(report.sessions),
    passed: aheadFraction >= AHEAD_MIN && serverLoopP99Ms < LOOP_P99_MAX_MS,
  };
}

function serverAdded(before: ServerSample, after: ServerSample): WsLevelResult['serverAddedMs'] {
  const count = (after.sentenceLatency.at(-1)?.[1] ?? 0) - (before.sentenceLatency.at(-1)?.[1] ?? 0);
  return {
    p50: bucketQuantile(before.sentenceLatency, after.sentenceLatency, 0.5),
    p99: bucketQuantile(before.sentenceLatency, after.sentenceLatency, 0.99),
    sentences: count,
  };
}

/** The capacity: the highest passing level below every failing one. */
function capacityOf(runs: WsLevelResult[], top: number, ceiling: number): Capacity {
  const levels = [...new Set(runs.map((r) => r.sessions))].sort((a, b) => a - b);
  const passed = (n: number): boolean => runs.some((r) => r.sessions === n && r.passed);
  const firstFailing = levels.find((n) => !passed(n)) ?? null;
  const below = levels.filter((n) => firstFailing === null || n < firstFailing);
  const sessions = below.at(-1) ?? null;
  return {
    sessions,
    firstFailing,
    atLeast: sessions === top && firstFailing === null,
    ofCeiling: sessions === null ? null : round(sessions / ceiling, 3),
  };
}

/**
 * Runs the ladder: the base level (its pool run measures the demand per session, and with it
 * the ceiling), then fractions of the ceiling, both modes at each, alternating which goes first;
 * then, per mode, halves the gap between the last passing and the first failing level.
 * `quick` runs the base level and one small fraction with short windows.
 */
export async function runWsBench(opts: { quick: boolean }): Promise<WsBenchResult> {
  const started = performance.now();
  const fractions = opts.quick ? QUICK_FRACTIONS : FRACTIONS;
  const baseSessions = opts.quick ? 10 : BASE_SESSIONS;
  const windowMs = opts.quick ? 12_000 : 40_000;
  const graceMs = opts.quick ? 5_000 : 10_000;
  const cores = availableParallelism();
  const poolThreads = cores;
  const threads = cores;
  const plan = { windowMs, graceMs, threads, poolThreads };
  const probe = await CeilingProbe.create(INPUTS);
  const readings = [await probe.measure(opts.quick ? 1_000 : START_PROBE_MS)];

  const runs: WsLevelResult[] = [];
  const progress = new Progress('ws', 2 + fractions.length * 2 + (opts.quick ? 0 : (REFINE_STEPS + EXTEND_STEPS) * 2));
  const run = async (mode: Mode, sessions: number): Promise<void> => {
    readings.push(await probe.measure(opts.quick ? 500 : LEVEL_PROBE_MS));
    runs.push(await runLevel(mode, sessions, plan));
    progress.update(runs.length);
  };
  // Alternate which mode goes first, so neither always runs on a machine warmed by the other.
  const both = async (sessions: number, i: number): Promise<void> => {
    for (const mode of i % 2 === 0 ? MODES : [...MODES].reverse()) await run(mode, sessions);
  };

  await both(baseSessions, 0);
  const base = runs.filter((r) => r.sessions === baseSessions && r.mode === 'pool');
  const demandPerSession = round(
    base.reduce((n, r) => n + r.audioPerTurnMs * r.turnsCompleted, 0) / Math.max(1, base.reduce((n, r) => n + r.periodMs * r.turnsCompleted, 0)),
    3,
  );
  const sessionsFor = (audioSecondsPerSecond: number): number => Math.floor((audioSecondsPerSecond * poolThreads) / Math.max(demandPerSession, 0.01));
  const placement = sessionsFor(readings[0] as number);
  const levels = [baseSessions, ...fractions.map((f) => Math.max(1, Math.round(f * placement)))];
  for (const [i, level] of levels.slice(1).entries()) await both(level, i + 1);

  const extended: Record<Mode, number[]> = { pool: [], 'main-thread': [] };
  const refined: Record<Mode, number[]> = { pool: [], 'main-thread': [] };
  if (!opts.quick) {
    for (const mode of MODES) {
      // A mode that passed the top of the ladder (the start's reading was of a slow moment) climbs on.
      for (let step = 0; step < EXTEND_STEPS; step++) {
        const ofMode = runs.filter((r) => r.mode === mode);
        if (capacityOf(ofMode, Math.max(...ofMode.map((r) => r.sessions)), placement).firstFailing !== null) break;
        const next = Math.max(...ofMode.map((r) => r.sessions)) + Math.round(EXTEND_FRACTION * placement);
        extended[mode].push(next);
        await run(mode, next);
      }
      for (let step = 0; step < REFINE_STEPS; step++) {
        const ofMode = runs.filter((r) => r.mode === mode);
        const capacity = capacityOf(ofMode, Math.max(...ofMode.map((r) => r.sessions)), placement);
        if (capacity.firstFailing === null) break;
        const low = capacity.sessions ?? 0;
        const mid = Math.round((low + capacity.firstFailing) / 2);
        // Closer than 5% of the ceiling (or 5 sessions) is within the noise of one run. The
        // readings' median so far, not the placement: one fast or slow start reading moves that.
        if (capacity.firstFailing - low < Math.max(5, sessionsFor(percentile(readings, 50)) * 0.05)) break;
        refined[mode].push(mid);
        await run(mode, mid);
      }
    }
  }
  const tail = probe.tail();
  await probe.close();
  const audioSecondsPerSecond = round(percentile(readings, 50), 0);
  const ceiling = sessionsFor(audioSecondsPerSecond);
  const capacityIn = (mode: Mode): Capacity => {
    const ofMode = runs.filter((r) => r.mode === mode);
    return capacityOf(ofMode, Math.max(...ofMode.map((r) => r.sessions)), ceiling);
  };
  const capacity = { pool: capacityIn('pool'), 'main-thread': capacityIn('main-thread') };
  const anomalies = emptyAnomalies();
  for (const r of runs) addAnomalies(anomalies, r.anomalies);
  if (anomalyCount(anomalies) > 0) process.stderr.write(`\n${'!'.repeat(72)}\n!!! ws bench: ${describeAnomalies(anomalies)}\n${'!'.repeat(72)}\n\n`);

  const main = capacity['main-thread'].sessions;
  return {
    levels,
    fractions,
    refined,
    windowMs,
    graceMs,
    staggerMs: STAGGER_MS,
    cores,
    poolThreads,
    generatorThreads: threads,
    settings: serverSettings(),
    replyWords: round(INPUTS.reduce((n, input) => n + scriptedReply(input).split(/\s+/).length, 0) / INPUTS.length, 0),
    synthesis: {
      audioSecondsPerSecond,
      realTimeFactor: round(1 / audioSecondsPerSecond, 4),
      readings: readings.map((x) => round(x, 0)),
      tail,
    },
    placement,
    extended,
    demandPerSession,
    ceiling,
    capacity,
    capacityRatio: capacity.pool.sessions === null || main === null || main === 0 ? null : round(capacity.pool.sessions / main, 2),
    runs: runs.sort((a, b) => a.sessions - b.sessions || a.mode.localeCompare(b.mode)),
    anomalies,
    wallSeconds: round((performance.now() - started) / 1000, 0),
  };
}

function describeAnomalies(a: Anomalies): string {
  const codes = Object.entries(a.errorCodes).map(([code, n]) => `${code} ${n}`).join(', ');
  return (
    `${a.underruns} playback gaps (underruns), ${a.lostFrames} lost frames (seq skips), ${a.outOfOrder} out-of-order frames, ` +
    `${a.strayFrames} stray frames, ${a.errorEvents} error events${codes === '' ? '' : ` (${codes})`}, ${a.socketErrors} socket errors, ` +
    `${a.notCompleted} turns not completed, ${a.failedSessions} failed sessions`
  );
}

const ratio = (a: number, b: number): string => (!Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? '—' : String(round(a / b, 2)));
/** A latency histogram quantile as the bucket it falls in: `≤ 40`, `> 5000`, or `—` without samples. */
export const ms = (x: number): string => (Number.isNaN(x) ? '—' : x === Number.POSITIVE_INFINITY ? '> 5000' : `≤ ${x}`);

function capacityText(c: Capacity, levels: number[]): string {
  if (c.sessions === null) return `< ${Math.min(...levels)}`;
  return c.atLeast ? `≥ ${c.sessions} (top)` : `${c.sessions} (fails at ${c.firstFailing})`;
}

/** The Markdown summary of a run. */
export function wsMarkdown(r: WsBenchResult): string {
  const lines: string[] = [];
  if (anomalyCount(r.anomalies) > 0) lines.push(`**⚠ Warning: ${describeAnomalies(r.anomalies)}.**`, '');
  const s = r.settings;
  const pool = r.capacity.pool;
  const main = r.capacity['main-thread'];
  lines.push(
    `N sessions, each a WebSocket running scripted-agent turns back to back (${s.scriptedTokensPerSecond} tokens/s, ` +
      `~${r.replyWords}-word replies, ~${round(mean(r.runs.map((x) => x.audioPerTurnMs)) / 1000, 1)} s of audio), listening as a real-time ` +
      `listener: playback starts at a turn's first audio frame, a frame that arrives after everything before it would have ` +
      `played is a gap, and the next turn starts when the audio would have finished. First turns are spread over ` +
      `${r.staggerMs / 1000} s (about one turn cycle) so turns start at a steady rate; each level runs ${r.windowMs / 1000} s ` +
      `(turns in flight then get ${r.graceMs / 1000} s to finish) on a fresh server per mode and level, modes alternating which goes first.`,
    '',
    `Two servers side by side at every level: **pool** (${r.poolThreads} worker threads, the design) and **main-thread** ` +
      `(\`poolMaxThreads: 0\`: the same chunking and synthesis handlers called on the event loop, the single-loop design; not for production).`,
    '',
    `The levels: ${r.levels[0]} sessions, then ${r.fractions.join(', ')} × the ceiling read at the start of this run ` +
      `(${r.placement} sessions): ${r.levels.slice(1).join(', ')}; then, per mode, levels ${EXTEND_FRACTION} × higher while the mode ` +
      `passes them (pool: ${r.extended.pool.join(', ') || 'none'}; main-thread: ${r.extended['main-thread'].join(', ') || 'none'}), ` +
      `and the gap between the last passing and the first failing level halved ` +
      `(pool: ${r.refined.pool.join(', ') || 'none'}; main-thread: ${r.refined['main-thread'].join(', ') || 'none'}).`,
    '',
    `The server's guards are raised so they do not cap the ladder: maxConnections and maxConnectionsPerIp ${s.maxConnections}, ` +
      `admissionMaxLoopDelayMs ${s.admissionMaxLoopDelayMs} (admission off), poolMaxQueue ${s.poolMaxQueue}. ` +
      `**The load generator (${r.generatorThreads} worker threads in the bench process) shares the machine's ${r.cores} cores with the ` +
      `server**: its CPU and its own event-loop delay are in the table; a late generator reads as late audio, so high levels are pessimistic.`,
    '',
    `Ceiling: one thread synthesizes ${r.synthesis.audioSecondsPerSecond} s of the sessions' audio per second (real-time factor ` +
      `${r.synthesis.realTimeFactor}): the median of ${r.synthesis.readings.length} readings on the idle machine, ${START_PROBE_MS / 1000} s at the ` +
      `start and ${LEVEL_PROBE_MS / 1000} s before each level, from ${Math.min(...r.synthesis.readings)} to ${Math.max(...r.synthesis.readings)} ` +
      `(this machine's speed drifts; the start's reading alone was ${r.synthesis.readings[0]}). A back-to-back session consumes ` +
      `${r.demandPerSession} s of audio per second (the ${r.levels[0]}-session pool run); so ${r.poolThreads} pool threads ` +
      `could synthesize for **${r.ceiling} sessions** if synthesis were the only cost.`,
    '',
    `Single syntheses in those readings (${r.synthesis.tail.samples}, the engine alone on the idle machine): 10% took more than ` +
      `${r.synthesis.tail.p90OverMedian} × their sentence's median time, 1% more than ${r.synthesis.tail.p99OverMedian} ×. The longest ` +
      `sentence, a turn's echo of the question (${r.synthesis.tail.longest.chars} characters), took ${r.synthesis.tail.longest.p50Ms} ms ` +
      `at the median, ${r.synthesis.tail.longest.p90Ms} ms at p90 and ${r.synthesis.tail.longest.p99Ms} ms at p99 ` +
      `(${r.synthesis.tail.longest.samples} syntheses); the turn's next sentence, a word or two, waits for its last frame.`,
    '',
    table(
      ['mode', 'capacity (sessions)', 'capacity ÷ ceiling'],
      MODES.map((mode) => {
        const c = r.capacity[mode];
        return [mode, capacityText(c, r.levels), c.ofCeiling === null ? '—' : `${c.atLeast ? '≥ ' : ''}${c.ofCeiling}`];
      }),
    ),
    '',
    `**Pool ÷ main-thread capacity: ${r.capacityRatio === null ? '—' : r.capacityRatio}**` +
      `${pool.atLeast || main.atLeast ? ' (a level past the top of the ladder would tell more)' : ''}.`,
    '',
    'Pool ÷ main-thread at each level (absolute figures in brackets, pool / main-thread), and the server-added latency of each:',
    '',
    table(
      ['N', 'server loop p99', 'first audio p50', 'first audio p99', 'server-added p50 ms (pool / main)', 'server-added p99 ms (pool / main)', 'passes (pool / main)'],
      [...new Set(r.runs.map((x) => x.sessions))].map((level) => {
        const p = r.runs.find((x) => x.sessions === level && x.mode === 'pool');
        const m = r.runs.find((x) => x.sessions === level && x.mode === 'main-thread');
        const pair = (f: (x: WsLevelResult) => string): string => `${p === undefined ? '—' : f(p)} / ${m === undefined ? '—' : f(m)}`;
        const both = (f: (x: WsLevelResult) => number): string =>
          p === undefined || m === undefined ? `— (${pair((x) => String(f(x)))})` : `${ratio(f(p), f(m))} (${f(p)} / ${f(m)} ms)`;
        return [
          level,
          both((x) => x.serverLoopP99Ms),
          both((x) => x.firstAudioMs.p50),
          both((x) => x.firstAudioMs.p99),
          pair((x) => ms(x.serverAddedMs.p50)),
          pair((x) => ms(x.serverAddedMs.p99)),
          pair((x) => (x.passed ? 'yes' : 'no')),
        ];
      }),
    ),
    '',
    `Server-added latency: per sentence, from the moment the agent text that completes its boundary reaches the turn to the ` +
      `sentence's first audio frame on the socket (\`saywire_sentence_server_latency_seconds\`, scraped before and after each window; ` +
      `figures are the upper bound of the histogram bucket the quantile falls in). It leaves out the agent's own pace, which ` +
      `first audio includes.`,
    '',
    table(
      [
        'N',
        'mode',
        'sessions with turns',
        'turns done / cut',
        'first audio p50 / p99 ms',
        'after 1st token p50 / p99 ms',
        'server-added p50 / p99 ms (sentences)',
        'margin p50 / p5 / min',
        'ahead of real time',
        'gaps',
        'server loop p99 ms',
        'sentences/s',
        'server CPU % (main thread)',
        'server RSS MB',
        'generator CPU % / loop p99 ms',
        'passes',
      ],
      r.runs.map((x) => [
        x.sessions,
        x.mode,
        `${x.sessionsWithTurns} / ${x.connected}`,
        `${x.turnsCompleted} / ${x.turnsCut}`,
        `${x.firstAudioMs.p50} / ${x.firstAudioMs.p99}`,
        `${x.firstAudioAfterTokenMs.p50} / ${x.firstAudioAfterTokenMs.p99}`,
        `${ms(x.serverAddedMs.p50)} / ${ms(x.serverAddedMs.p99)} (${x.serverAddedMs.sentences})`,
        `${x.margin.p50} / ${x.margin.p5} / ${x.margin.min}`,
        `${round(x.aheadFraction * 100, 1)}%`,
        x.anomalies.underruns,
        x.serverLoopP99Ms,
        x.sentencesPerSecond,
        `${x.serverCpuPercent} (${x.mainThreadCpuPercent ?? '—'})`,
        x.serverRssMB,
        `${x.generatorCpuPercent} / ${x.generatorLoopP99Ms}`,
        x.passed ? 'yes' : 'no',
      ]),
    ),
    '',
    `Margin: per session, the lowest over its turns and frames of audio received ÷ wall time since playback started (below 1 = a gap). ` +
      `A level passes when ≥ ${AHEAD_MIN * 100}% of sessions never ran dry and the server loop p99 < ${LOOP_P99_MAX_MS} ms; ` +
      `the capacity is the highest passing level below every failing one.`,
    '',
    `Whole run: ${r.wallSeconds} s.`,
  );
  return lines.join('\n');
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
