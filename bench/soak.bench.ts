/**
 * Soak: many turns on one connection, then many connect/disconnect cycles with turns in flight,
 * sampling heap and RSS (after a forced GC) along the way. A leak shows as a slope.
 * The server runs in this process, so the figures are the server's plus a lean client's.
 */
import { createServer } from '../src/server/server.js';
import { BenchClient } from './bench-client.js';
import { Progress, round, table } from './report.js';

export interface SoakSample {
  phase: 'turns' | 'connections';
  step: number;
  heapUsedMB: number;
  rssMB: number;
}

export interface SoakResult {
  turns: number;
  cycles: number;
  samples: SoakSample[];
  heapStartMB: number;
  heapAfterTurnsMB: number;
  heapEndMB: number;
  retainedTurnsAtEnd: number;
  failedTurns: number;
  svg: string;
}

function sample(phase: SoakSample['phase'], step: number): SoakSample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { phase, step, heapUsedMB: round(m.heapUsed / 2 ** 20), rssMB: round(m.rss / 2 ** 20) };
}

/** A small line chart of heap and RSS over the run, as SVG. */
export function soakChart(samples: SoakSample[]): string {
  const w = 640;
  const h = 260;
  const pad = 40;
  const maxY = Math.max(...samples.map((s) => s.rssMB)) * 1.1;
  const x = (i: number) => pad + (i / Math.max(1, samples.length - 1)) * (w - 2 * pad);
  const y = (v: number) => h - pad - (v / maxY) * (h - 2 * pad);
  const line = (key: 'heapUsedMB' | 'rssMB') => samples.map((s, i) => `${round(x(i), 1)},${round(y(s[key]), 1)}`).join(' ');
  const split = samples.findIndex((s) => s.phase === 'connections');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#999"/>`,
    `<text x="${pad}" y="${pad - 8}">MB (max ${round(maxY, 0)})</text>`,
    split > 0 ? `<line x1="${x(split)}" y1="${pad}" x2="${x(split)}" y2="${h - pad}" stroke="#ccc" stroke-dasharray="4"/>` : '',
    `<text x="${pad + 4}" y="${h - pad + 16}">turns on one connection</text>`,
    split > 0 ? `<text x="${x(split) + 4}" y="${h - pad + 16}">connect/disconnect cycles</text>` : '',
    `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line('rssMB')}"/>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line('heapUsedMB')}"/>`,
    `<text x="${w - pad - 120}" y="${pad}" fill="#d62728">RSS</text>`,
    `<text x="${w - pad - 120}" y="${pad + 14}" fill="#1f77b4">heap used</text>`,
    '</svg>',
  ].join('\n');
}

export async function runSoakBench(opts: { quick: boolean }): Promise<SoakResult> {
  const turns = opts.quick ? 2_000 : 100_000;
  const cycles = opts.quick ? 100 : 1_000;
  // Back-to-back turns on one connection send far more events per second than a person would:
  // the rate limit is lifted so the soak measures the turn machinery, not the limiter.
  const server = createServer({
    port: 0,
    logLevel: 'silent',
    scriptedTokensPerSecond: 0,
    scriptedFirstTokenMs: 0,
    eventsPerSecond: 100_000,
    eventBurst: 100_000,
  });
  await server.listen();
  const url = `${server.url.replace('http', 'ws')}/v1/realtime`;
  const samples: SoakSample[] = [sample('turns', 0)];
  let failedTurns = 0;
  try {
    const client = await BenchClient.connect(url);
    const progress = new Progress('soak turns', turns);
    const every = Math.max(1, Math.floor(turns / 20));
    // Short client-text turns: the turn machinery (queues, tasks, eviction, history) is what
    // leaks if anything does; one short sentence keeps synthesis from dominating the run time.
    for (let i = 1; i <= turns; i++) {
      const outcome = await client.textTurn('Okay.');
      if (outcome.status !== 'completed') failedTurns++;
      if (i % every === 0) {
        samples.push(sample('turns', i));
        progress.update(i);
      }
    }
    const retainedTurnsAtEnd = [...server.connections][0]?.stats().retainedTurns ?? -1;
    await client.close();
    const heapAfterTurnsMB = sample('turns', turns).heapUsedMB;

    const cycleProgress = new Progress('soak connections', cycles);
    const cycleEvery = Math.max(1, Math.floor(cycles / 10));
    for (let i = 1; i <= cycles; i++) {
      const c = await BenchClient.connect(url);
      c.send({ type: 'response.create', input: 'hello' });
      // Leave mid-turn, half politely and half by vanishing.
      if (i % 2 === 0) await c.close();
      else c.terminate();
      if (i % cycleEvery === 0) {
        samples.push(sample('connections', i));
        cycleProgress.update(i);
      }
    }
    // Let the last closes land before the final sample.
    while (server.connections.size > 0) await new Promise((r) => setTimeout(r, 10));
    const end = sample('connections', cycles);
    samples.push(end);
    return {
      turns,
      cycles,
      samples,
      heapStartMB: (samples[0] as SoakSample).heapUsedMB,
      heapAfterTurnsMB,
      heapEndMB: end.heapUsedMB,
      retainedTurnsAtEnd,
      failedTurns,
      svg: soakChart(samples),
    };
  } finally {
    await server.close();
  }
}

export function soakMarkdown(r: SoakResult): string {
  return [
    `Turns on one connection: ${r.turns} (failed: ${r.failedTurns}); retained turns at the end: ${r.retainedTurnsAtEnd}.`,
    `Connect/disconnect cycles with a turn in flight: ${r.cycles}.`,
    '',
    table(
      ['point', 'heap used MB', 'RSS MB'],
      [r.samples[0], r.samples.find((x) => x.phase === 'turns' && x.step === r.turns), r.samples.at(-1)]
        .filter((x): x is SoakSample => x !== undefined)
        .map((x) => [x.phase === 'turns' && x.step === 0 ? 'start' : `after ${x.step} ${x.phase === 'turns' ? 'turns' : 'cycles'}`, x.heapUsedMB, x.rssMB]),
    ),
    '',
    '![heap and RSS over the soak](soak.svg)',
  ].join('\n');
}
