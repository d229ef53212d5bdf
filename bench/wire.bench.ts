/**
 * Wire settings: what fewer, larger messages save. A sentence's audio goes out as one WebSocket
 * message per frame (`audioFrameMs`), and the agent's text as one `response.text.delta` per token
 * unless deltas are coalesced (`textDeltaMs`); both set how many messages the server encodes and
 * writes and a client parses per second of audio. Each variant runs side by side with the wire
 * before coalescing (40 ms frames, a delta per token): two servers, each with its own load
 * generator and half the sessions, over the same window, so both meet the machine at the same
 * moments (its speed drifts within seconds; runs one after another compared different machines).
 * The figures are CPU per second of audio delivered (the server, its main thread alone, and its
 * load generator) as ratios to the other side of the same window, over two rounds.
 * `npm run bench -- --scope wire` writes bench/results/wire.{json,md}.
 */
import { availableParallelism } from 'node:os';
import { Progress, round, table } from './report.js';
import { type WsLevelResult, ms, runSideBySide } from './ws.bench.js';

/** The wire settings of one side. */
export interface WireSettings {
  audioFrameMs: number;
  textDeltaMs: number;
}

/** The wire before coalescing: what every variant runs beside. */
const BASE: WireSettings = { audioFrameMs: 40, textDeltaMs: 0 };
const VARIANTS: readonly WireSettings[] = [
  { audioFrameMs: 40, textDeltaMs: 50 },
  { audioFrameMs: 40, textDeltaMs: 100 },
  { audioFrameMs: 40, textDeltaMs: 200 },
  { audioFrameMs: 100, textDeltaMs: 100 },
  { audioFrameMs: 200, textDeltaMs: 100 },
];
/** Sessions over both sides: about 0.6 of the ceiling on 2 cores, where every variant keeps up with real time. */
const SESSIONS = 200;
const QUICK_SESSIONS = 40;

/** CPU per second of audio delivered, ms (the main thread's null off Linux). */
interface CpuPerAudioSecond {
  server: number;
  mainThread: number | null;
  generator: number;
}

/** One side of a window. */
export interface WireSide extends WireSettings {
  cpu: CpuPerAudioSecond;
  serverLoopP99Ms: number;
  serverAddedMs: WsLevelResult['serverAddedMs'];
  firstAudioP50Ms: number;
  aheadFraction: number;
}

/** A variant and the base over one window. */
export interface WirePair {
  round: number;
  variant: WireSide;
  base: WireSide;
  /** variant ÷ base, per second of audio. */
  ratio: CpuPerAudioSecond;
}

export interface WireFigure extends WireSettings {
  /** Means over the rounds of variant ÷ base. */
  ratio: CpuPerAudioSecond;
}

export interface WireBenchResult {
  sessions: number;
  windowMs: number;
  rounds: number;
  base: WireSettings;
  pairs: WirePair[];
  figures: WireFigure[];
}

const perAudioSecond = (cpuPercent: number, audioSecondsPerSecond: number): number =>
  audioSecondsPerSecond > 0 ? round((cpuPercent * 10) / audioSecondsPerSecond, 3) : Number.NaN;

function side(settings: WireSettings, level: WsLevelResult): WireSide {
  const rate = level.audioSecondsPerSecond;
  return {
    ...settings,
    cpu: {
      server: perAudioSecond(level.serverCpuPercent, rate),
      mainThread: level.mainThreadCpuPercent === null ? null : perAudioSecond(level.mainThreadCpuPercent, rate),
      generator: perAudioSecond(level.generatorCpuPercent, rate),
    },
    serverLoopP99Ms: level.serverLoopP99Ms,
    serverAddedMs: level.serverAddedMs,
    firstAudioP50Ms: level.firstAudioMs.p50,
    aheadFraction: level.aheadFraction,
  };
}

function ratioOf(a: CpuPerAudioSecond, b: CpuPerAudioSecond): CpuPerAudioSecond {
  return {
    server: round(a.server / b.server, 3),
    mainThread: a.mainThread === null || b.mainThread === null ? null : round(a.mainThread / b.mainThread, 3),
    generator: round(a.generator / b.generator, 3),
  };
}

export async function runWireBench(opts: { quick: boolean }): Promise<WireBenchResult> {
  const sessions = opts.quick ? QUICK_SESSIONS : SESSIONS;
  const windowMs = opts.quick ? 10_000 : 30_000;
  const cores = availableParallelism();
  const plan = { windowMs, graceMs: 5_000, threads: cores, poolThreads: cores };
  const rounds = 2;
  const progress = new Progress('wire', rounds * VARIANTS.length);
  const pairs: WirePair[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const variant of VARIANTS) {
      // Which side starts first alternates by round.
      const sides = r % 2 === 0 ? [variant, BASE] : [BASE, variant];
      const levels = await runSideBySide(
        sides.map((settings) => ({ mode: 'pool', sessions: sessions / 2, settings: { ...settings } })),
        plan,
      );
      const [v, b] = r % 2 === 0 ? [levels[0], levels[1]] : [levels[1], levels[0]];
      const pair = { round: r + 1, variant: side(variant, v as WsLevelResult), base: side(BASE, b as WsLevelResult) };
      pairs.push({ ...pair, ratio: ratioOf(pair.variant.cpu, pair.base.cpu) });
      progress.update(pairs.length);
    }
  }
  const figures = VARIANTS.map((variant): WireFigure => {
    const of = pairs.filter((p) => p.variant.audioFrameMs === variant.audioFrameMs && p.variant.textDeltaMs === variant.textDeltaMs);
    const mean = (pick: (c: CpuPerAudioSecond) => number | null): number | null => {
      const values = of.map((p) => pick(p.ratio));
      return values.some((v) => v === null) ? null : round((values as number[]).reduce((a, b) => a + b, 0) / values.length, 3);
    };
    return { ...variant, ratio: { server: mean((c) => c.server) as number, mainThread: mean((c) => c.mainThread), generator: mean((c) => c.generator) as number } };
  });
  return { sessions, windowMs, rounds, base: BASE, pairs, figures };
}

const dash = (value: number | null): number | string => value ?? '—';

export function wireMarkdown(r: WireBenchResult): string {
  const cpu = (c: CpuPerAudioSecond): string => `${c.server} / ${dash(c.mainThread)} / ${c.generator}`;
  return [
    `Each variant beside the wire before coalescing (audioFrameMs ${r.base.audioFrameMs}, textDeltaMs ${r.base.textDeltaMs}): two servers (pool, ` +
      `scripted agent at 50 tokens/s), each with its own load generator and ${r.sessions / 2} of ${r.sessions} real-time sessions, over the same ` +
      `${r.windowMs / 1000} s window; ${r.rounds} rounds. CPU is per second of audio each side's sessions received: the server's includes its ` +
      `pool threads (synthesis, the same on both sides), its main thread's (read from /proc) is where messages are encoded and written, and ` +
      `the generator's is its own threads'. A ratio is the variant ÷ the base of the same window (mean over the rounds).`,
    '',
    table(
      ['audioFrameMs', 'textDeltaMs', 'server CPU ÷ base', 'main thread ÷ base', 'generator ÷ base'],
      r.figures.map((f) => [f.audioFrameMs, f.textDeltaMs, f.ratio.server, dash(f.ratio.mainThread), f.ratio.generator]),
    ),
    '',
    'Each window:',
    '',
    table(
      [
        'audioFrameMs',
        'textDeltaMs',
        'round',
        'CPU ms per audio s, server / main thread / generator: variant',
        'base',
        'server loop p99 ms (variant / base)',
        'server-added p50 / p99 ms (variant; base)',
        'first audio p50 ms (variant / base)',
        'ahead of real time (variant / base)',
      ],
      r.pairs.map((x) => [
        x.variant.audioFrameMs,
        x.variant.textDeltaMs,
        x.round,
        cpu(x.variant.cpu),
        cpu(x.base.cpu),
        `${x.variant.serverLoopP99Ms} / ${x.base.serverLoopP99Ms}`,
        `${ms(x.variant.serverAddedMs.p50)} / ${ms(x.variant.serverAddedMs.p99)}; ${ms(x.base.serverAddedMs.p50)} / ${ms(x.base.serverAddedMs.p99)}`,
        `${x.variant.firstAudioP50Ms} / ${x.base.firstAudioP50Ms}`,
        `${round(x.variant.aheadFraction * 100, 1)}% / ${round(x.base.aheadFraction * 100, 1)}%`,
      ]),
    ),
  ].join('\n');
}
