/**
 * WebSocket load: N sessions talk to the scripted agent turn after turn, each listening to the
 * reply's audio as a real-time listener would, against a real server in a child process; pool
 * and inline chunking side by side at every level of a ladder of N. It answers how many
 * concurrent voice sessions a server holds before audio falls behind real time or the event
 * loop stalls (the capacity), and compares that with a ceiling from the measured synthesis rate.
 *
 * The sessions run in worker threads of this process (`load/`), so the server's event loop
 * carries none of the generator's work; they still share the machine's cores with the server.
 */
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { scriptedReply } from '../src/agents/scripted-agent.js';
import { LoadGenerator } from './load/load-generator.js';
import type { SessionReport, TurnRecord } from './load/load-worker.js';
import { Progress, percentile, round, table } from './report.js';
import { ServerProcess } from './server-process.js';
import { runSynthesisBench } from './synthesis.bench.js';

type Mode = 'pool' | 'inline';

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

/** Settings that keep the server's own guards from capping the ladder (the bench measures load, not refusals). */
function serverSettings(poolThreads: number): Record<string, string | number> {
  return {
    scriptedTokensPerSecond: 50,
    maxConnections: 100_000,
    maxConnectionsPerIp: 100_000,
    admissionMaxLoopDelayMs: 60_000,
    poolMaxQueue: 100_000,
    poolMinThreads: poolThreads,
    poolMaxThreads: poolThreads,
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
  sentencesPerSecond: number;
  /** Server CPU over the window, % of one core. */
  serverCpuPercent: number;
  serverRssMB: number;
  /** This process (the generator's threads) over the window, % of one core. */
  generatorCpuPercent: number;
  generatorLoopP99Ms: number;
  /** Mean reply audio per completed turn, and mean cycle (response.create to end of playback), ms. */
  audioPerTurnMs: number;
  periodMs: number;
  anomalies: Anomalies;
  passed: boolean;
}

export interface Capacity {
  /** Highest level before the first failing one; null if the lowest failed. */
  sessions: number | null;
  /** Every level passed: the capacity is at least the top of the ladder. */
  atLeast: boolean;
  /** capacity ÷ ceiling. */
  ofCeiling: number | null;
}

export interface WsBenchResult {
  levels: number[];
  windowMs: number;
  graceMs: number;
  staggerMs: number;
  cores: number;
  poolThreads: number;
  generatorThreads: number;
  /** Server settings of every run besides `chunking`. */
  settings: Record<string, string | number>;
  replyWords: number;
  /** Single-thread eSpeak synthesis, measured in this run: wall ÷ audio, and audio s per wall s. */
  synthesis: { realTimeFactor: number; audioSecondsPerSecond: number };
  /** Audio s a back-to-back session consumes per wall s (lowest level, completed turns). */
  demandPerSession: number;
  /** Sessions the pool's threads could synthesize for if synthesis were the only cost. */
  ceiling: number;
  capacity: Record<Mode, Capacity>;
  /** pool ÷ inline capacity (null if either is null); a lower bound when pool is "≥ top". */
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

/** One level in one mode: a fresh server, N sessions for the window, then teardown. */
async function runLevel(
  mode: Mode,
  sessions: number,
  plan: { windowMs: number; graceMs: number; threads: number; poolThreads: number },
): Promise<WsLevelResult> {
  const server = await ServerProcess.start({ ...serverSettings(plan.poolThreads), chunking: mode });
  let generator: LoadGenerator | undefined;
  try {
    generator = await LoadGenerator.create(Math.min(plan.threads, sessions));
    const connected = await generator.connect(server.wsUrl, sessions, INPUTS);
    // This scrape opens the server's loop-delay window; the one at the deadline closes it.
    const before = await server.sample();
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    await generator.start({ startAt: Date.now(), staggerMs: STAGGER_MS });
    await sleep(plan.windowMs);
    const after = await server.sample();
    const live = await generator.counters();
    const cpu = process.cpuUsage(cpuBefore);
    const windowS = (performance.now() - t0) / 1000;
    const report = await generator.stop(plan.graceMs);

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
      sentencesPerSecond: round(live.sentences / windowS, 1),
      serverCpuPercent: round(((after.cpuSeconds - before.cpuSeconds) / windowS) * 100, 0),
      serverRssMB: round(after.rssMB, 0),
      generatorCpuPercent: round(((cpu.user + cpu.system) / 1e6 / windowS) * 100, 0),
      generatorLoopP99Ms: round(report.loopP99Ms, 1),
      audioPerTurnMs: round(completed.reduce((n, t) => n + t.audioMs, 0) / Math.max(1, completed.length), 0),
      periodMs: round(completed.reduce((n, t) => n + t.periodMs, 0) / Math.max(1, completed.length), 0),
      anomalies: anomaliesOf(report.sessions),
      passed: aheadFraction >= AHEAD_MIN && serverLoopP99Ms < LOOP_P99_MAX_MS,
    };
  } finally {
    await generator?.close();
    await server.stop();
  }
}

function capacityOf(runs: WsLevelResult[], levels: number[], ceiling: number): Capacity {
  let sessions: number | null = null;
  for (const level of levels) {
    if (!runs.some((r) => r.sessions === level && r.passed)) break;
    sessions = level;
  }
  return {
    sessions,
    atLeast: sessions === levels[levels.length - 1],
    ofCeiling: sessions === null ? null : round(sessions / ceiling, 3),
  };
}

/** Runs the ladder; `quick` runs two short levels. */
export async function runWsBench(opts: { quick: boolean }): Promise<WsBenchResult> {
  const started = performance.now();
  // 800 sessions use about 1.7 of the two cores (generator included); 1600 sits past what two
  // cores carry, so the full ladder finds the capacity instead of reporting "at least the top".
  const levels = opts.quick ? [10, 50] : [10, 100, 400, 800, 1600];
  const windowMs = opts.quick ? 12_000 : 60_000;
  const graceMs = opts.quick ? 5_000 : 15_000;
  const cores = availableParallelism();
  const poolThreads = cores;
  const threads = cores;
  const synthesis = await runSynthesisBench({ quick: true });

  const runs: WsLevelResult[] = [];
  const progress = new Progress('ws', levels.length * 2);
  for (const [i, level] of levels.entries()) {
    // Alternate which mode goes first, so neither always runs on a machine warmed by the other.
    const modes: Mode[] = i % 2 === 0 ? ['pool', 'inline'] : ['inline', 'pool'];
    for (const mode of modes) {
      runs.push(await runLevel(mode, level, { windowMs, graceMs, threads, poolThreads }));
      progress.update(runs.length);
    }
  }

  const base = runs.filter((r) => r.sessions === levels[0]);
  const demandPerSession = round(
    base.reduce((n, r) => n + r.audioPerTurnMs * r.turnsCompleted, 0) / Math.max(1, base.reduce((n, r) => n + r.periodMs * r.turnsCompleted, 0)),
    3,
  );
  const audioSecondsPerSecond = round(1 / synthesis.realTimeFactor, 0);
  const ceiling = Math.floor((audioSecondsPerSecond * poolThreads) / demandPerSession);
  const capacity = {
    pool: capacityOf(runs.filter((r) => r.mode === 'pool'), levels, ceiling),
    inline: capacityOf(runs.filter((r) => r.mode === 'inline'), levels, ceiling),
  };
  const anomalies = emptyAnomalies();
  for (const r of runs) addAnomalies(anomalies, r.anomalies);
  if (anomalyCount(anomalies) > 0) process.stderr.write(`\n${'!'.repeat(72)}\n!!! ws bench: ${describeAnomalies(anomalies)}\n${'!'.repeat(72)}\n\n`);

  return {
    levels,
    windowMs,
    graceMs,
    staggerMs: STAGGER_MS,
    cores,
    poolThreads,
    generatorThreads: threads,
    settings: serverSettings(poolThreads),
    replyWords: round(INPUTS.reduce((n, input) => n + scriptedReply(input).split(/\s+/).length, 0) / INPUTS.length, 0),
    synthesis: { realTimeFactor: synthesis.realTimeFactor, audioSecondsPerSecond },
    demandPerSession,
    ceiling,
    capacity,
    capacityRatio:
      capacity.pool.sessions === null || capacity.inline.sessions === null ? null : round(capacity.pool.sessions / capacity.inline.sessions, 2),
    runs,
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

const ratio = (a: number, b: number): string => (b === 0 ? '—' : String(round(a / b, 2)));

function capacityText(c: Capacity, levels: number[]): string {
  if (c.sessions === null) return `< ${levels[0]}`;
  return c.atLeast ? `≥ ${c.sessions} (top)` : String(c.sessions);
}

/** The Markdown summary of a run. */
export function wsMarkdown(r: WsBenchResult): string {
  const lines: string[] = [];
  if (anomalyCount(r.anomalies) > 0) lines.push(`**⚠ Warning: ${describeAnomalies(r.anomalies)}.**`, '');
  const s = r.settings;
  lines.push(
    `N sessions, each a WebSocket running scripted-agent turns back to back (${s.scriptedTokensPerSecond} tokens/s, ` +
      `~${r.replyWords}-word replies, ~${round(mean(r.runs.map((x) => x.audioPerTurnMs)) / 1000, 1)} s of audio), listening as a real-time ` +
      `listener: playback starts at a turn's first audio frame, a frame that arrives after everything before it would have ` +
      `played is a gap, and the next turn starts when the audio would have finished. First turns are spread over ` +
      `${r.staggerMs / 1000} s (about one turn cycle) so turns start at a steady rate; each level runs ${r.windowMs / 1000} s ` +
      `(turns in flight then get ${r.graceMs / 1000} s to finish) on a fresh server per mode and level, modes alternating which goes first.`,
    '',
    `The server's guards are raised so they do not cap the ladder: maxConnections and maxConnectionsPerIp ${s.maxConnections}, ` +
      `admissionMaxLoopDelayMs ${s.admissionMaxLoopDelayMs} (admission off), poolMaxQueue ${s.poolMaxQueue}; pool threads ${r.poolThreads}. ` +
      `**The load generator (${r.generatorThreads} worker threads in the bench process) shares the machine's ${r.cores} cores with the ` +
      `server**: its CPU and its own event-loop delay are in the table; a late generator reads as late audio, so high levels are pessimistic.`,
    '',
    table(
      [
        'N',
        'mode',
        'sessions with turns',
        'turns done / cut',
        'first audio p50 / p99 ms',
        'after 1st token p50 / p99 ms',
        'margin p50 / p5 / min',
        'ahead of real time',
        'gaps',
        'server loop p99 ms',
        'sentences/s',
        'server CPU %',
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
        `${x.margin.p50} / ${x.margin.p5} / ${x.margin.min}`,
        `${round(x.aheadFraction * 100, 1)}%`,
        x.anomalies.underruns,
        x.serverLoopP99Ms,
        x.sentencesPerSecond,
        x.serverCpuPercent,
        x.serverRssMB,
        `${x.generatorCpuPercent} / ${x.generatorLoopP99Ms}`,
        x.passed ? 'yes' : 'no',
      ]),
    ),
    '',
    `Margin: per session, the lowest over its turns and frames of audio received ÷ wall time since playback started (below 1 = a gap). ` +
      `A level passes when ≥ ${AHEAD_MIN * 100}% of sessions never ran dry and the server loop p99 < ${LOOP_P99_MAX_MS} ms; ` +
      `the capacity is the highest level before the first failing one.`,
    '',
    `Ceiling: one thread synthesizes ${r.synthesis.audioSecondsPerSecond} s of audio per second (real-time factor ${r.synthesis.realTimeFactor}, ` +
      `measured in this run); a back-to-back session consumes ${r.demandPerSession} s of audio per second; so ${r.poolThreads} pool threads ` +
      `could synthesize for ${r.ceiling} sessions if synthesis were the only cost.`,
    '',
    table(
      ['mode', 'capacity (sessions)', 'ceiling', 'capacity ÷ ceiling'],
      (['pool', 'inline'] as const).map((mode) => {
        const c = r.capacity[mode];
        return [mode, capacityText(c, r.levels), r.ceiling, c.ofCeiling === null ? '—' : `${c.atLeast ? '≥ ' : ''}${c.ofCeiling}`];
      }),
    ),
    '',
    `Pool ÷ inline capacity: ${r.capacityRatio === null ? '—' : r.capacityRatio}` +
      `${r.capacity.pool.atLeast || r.capacity.inline.atLeast ? ' (a level past the top of the ladder would tell more)' : ''}.`,
    '',
    table(
      ['N', 'server loop p99 pool ÷ inline', 'first audio p50 pool ÷ inline', 'server CPU pool ÷ inline'],
      r.levels.map((level) => {
        const pool = r.runs.find((x) => x.sessions === level && x.mode === 'pool');
        const inline = r.runs.find((x) => x.sessions === level && x.mode === 'inline');
        if (pool === undefined || inline === undefined) return [level, '—', '—', '—'];
        return [
          level,
          `${ratio(pool.serverLoopP99Ms, inline.serverLoopP99Ms)} (${pool.serverLoopP99Ms} / ${inline.serverLoopP99Ms} ms)`,
          `${ratio(pool.firstAudioMs.p50, inline.firstAudioMs.p50)} (${pool.firstAudioMs.p50} / ${inline.firstAudioMs.p50} ms)`,
          `${ratio(pool.serverCpuPercent, inline.serverCpuPercent)}`,
        ];
      }),
    ),
    '',
    `Whole run: ${r.wallSeconds} s.`,
  );
  return lines.join('\n');
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
