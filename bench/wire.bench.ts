/**
 * Frame size: what larger audio frames (`audioFrameMs`, a wire setting) save. A sentence's audio
 * goes out as one WebSocket message per frame, so the frame size sets how many messages the
 * server sends and a client reads per second of audio. One level of the ws bench (a load the
 * pool keeps up with) runs with each frame size, the sizes alternating over two rounds; the
 * figures are CPU per second of audio delivered, server and load generator apart, as ratios to
 * the default frame, beside the loop delay and the server-added latency.
 * `npm run bench -- --scope frames` writes bench/results/frames.{json,md}.
 */
import { availableParallelism } from 'node:os';
import { Progress, round, table } from './report.js';
import { type WsLevelResult, ms, runLevel } from './ws.bench.js';

/** Frame sizes compared, ms; the first is the default the others are measured against. */
const FRAME_SIZES = [40, 100, 200];
/** Sessions: about 0.6 of the ceiling on 2 cores, where every size keeps up with real time. */
const SESSIONS = 200;
const QUICK_SESSIONS = 40;

export interface FrameRun {
  frameMs: number;
  round: number;
  /** Server and generator CPU per second of audio delivered, ms. */
  serverCpuMsPerAudioSecond: number;
  generatorCpuMsPerAudioSecond: number;
  serverLoopP99Ms: number;
  serverAddedMs: WsLevelResult['serverAddedMs'];
  firstAudioP50Ms: number;
  aheadFraction: number;
}

export interface FrameFigure {
  frameMs: number;
  /** Means over the rounds. */
  serverCpuMsPerAudioSecond: number;
  generatorCpuMsPerAudioSecond: number;
  /** This size ÷ the default, per second of audio. */
  serverCpuRatio: number;
  generatorCpuRatio: number;
}

export interface FramesBenchResult {
  sessions: number;
  windowMs: number;
  rounds: number;
  runs: FrameRun[];
  figures: FrameFigure[];
}

const perAudioSecond = (cpuPercent: number, audioSecondsPerSecond: number): number =>
  audioSecondsPerSecond > 0 ? round((cpuPercent * 10) / audioSecondsPerSecond, 2) : Number.NaN;

export async function runFramesBench(opts: { quick: boolean }): Promise<FramesBenchResult> {
  const sessions = opts.quick ? QUICK_SESSIONS : SESSIONS;
  const windowMs = opts.quick ? 10_000 : 30_000;
  const cores = availableParallelism();
  const plan = { windowMs, graceMs: 5_000, threads: cores, poolThreads: cores };
  const rounds = 2;
  const progress = new Progress('frames', rounds * FRAME_SIZES.length);
  const runs: FrameRun[] = [];
  for (let r = 0; r < rounds; r++) {
    // The second round runs the sizes in reverse, so none always follows the same one.
    for (const frameMs of r % 2 === 0 ? FRAME_SIZES : [...FRAME_SIZES].reverse()) {
      const level = await runLevel('pool', sessions, { ...plan, settings: { audioFrameMs: frameMs } });
      runs.push({
        frameMs,
        round: r + 1,
        serverCpuMsPerAudioSecond: perAudioSecond(level.serverCpuPercent, level.audioSecondsPerSecond),
        generatorCpuMsPerAudioSecond: perAudioSecond(level.generatorCpuPercent, level.audioSecondsPerSecond),
        serverLoopP99Ms: level.serverLoopP99Ms,
        serverAddedMs: level.serverAddedMs,
        firstAudioP50Ms: level.firstAudioMs.p50,
        aheadFraction: level.aheadFraction,
      });
      progress.update(runs.length);
    }
  }
  const mean = (frameMs: number, pick: (r: FrameRun) => number): number => {
    const values = runs.filter((r) => r.frameMs === frameMs).map(pick);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const base = FRAME_SIZES[0] as number;
  const figures = FRAME_SIZES.map((frameMs): FrameFigure => {
    const server = mean(frameMs, (r) => r.serverCpuMsPerAudioSecond);
    const generator = mean(frameMs, (r) => r.generatorCpuMsPerAudioSecond);
    return {
      frameMs,
      serverCpuMsPerAudioSecond: round(server, 2),
      generatorCpuMsPerAudioSecond: round(generator, 2),
      serverCpuRatio: round(server / mean(base, (r) => r.serverCpuMsPerAudioSecond), 3),
      generatorCpuRatio: round(generator / mean(base, (r) => r.generatorCpuMsPerAudioSecond), 3),
    };
  });
  return { sessions, windowMs, rounds, runs, figures };
}

export function framesMarkdown(r: FramesBenchResult): string {
  return [
    `${r.sessions} WebSocket sessions of the ws bench (pool, scripted agent, real-time listeners) for ${r.windowMs / 1000} s per run, ` +
      `once per frame size and round, ${r.rounds} rounds, the sizes alternating. CPU is per second of audio the sessions received; ` +
      `the server's includes its pool threads, whose synthesis is the same at every size, so a ratio shows what the frame count costs.`,
    '',
    table(
      ['audioFrameMs', 'server CPU ms per audio s', 'server ÷ 40 ms', 'generator CPU ms per audio s', 'generator ÷ 40 ms'],
      r.figures.map((f) => [f.frameMs, f.serverCpuMsPerAudioSecond, f.serverCpuRatio, f.generatorCpuMsPerAudioSecond, f.generatorCpuRatio]),
    ),
    '',
    'Each run:',
    '',
    table(
      ['audioFrameMs', 'round', 'server CPU ms / audio s', 'generator CPU ms / audio s', 'server loop p99 ms', 'server-added p50 / p99 ms', 'first audio p50 ms', 'ahead of real time'],
      r.runs.map((x) => [
        x.frameMs,
        x.round,
        x.serverCpuMsPerAudioSecond,
        x.generatorCpuMsPerAudioSecond,
        x.serverLoopP99Ms,
        `${ms(x.serverAddedMs.p50)} / ${ms(x.serverAddedMs.p99)}`,
        x.firstAudioP50Ms,
        `${round(x.aheadFraction * 100, 1)}%`,
      ]),
    ),
  ].join('\n');
}
