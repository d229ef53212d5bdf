/**
 * Soak: many turns on one connection, then many connect/disconnect cycles with turns in flight,
 * sampling the server's memory along the way. A leak shows as a slope.
 *
 * The server is a child process started as an operator starts it (`node dist/src/cli.js`, with
 * the CLI's own memory settings), so its RSS is the server's alone: main thread, pool threads,
 * their heaps and the eSpeak heaps, malloc's arenas. Every figure comes from `/metrics`, the view
 * an operator has: RSS, the main heap, and each pool thread's heap as the thread last reported it.
 */
import { BenchClient } from './bench-client.js';
import { Progress, round, table } from './report.js';
import { ServerProcess } from './server-process.js';

/** One pool thread's memory at a sample, MB. */
export interface ThreadSample {
  thread: string;
  /** `pipeline` (a speaking thread) or `scan` (the scan thread). */
  pool: string;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  engineHeapMB: number;
}

export interface SoakSample {
  phase: 'turns' | 'connections';
  step: number;
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  threads: ThreadSample[];
}

export interface SoakResult {
  turns: number;
  cycles: number;
  samples: SoakSample[];
  /** RSS after the first half of the turns and after all of them, and the difference: the plateau check. */
  rssHalfwayMB: number;
  rssAfterTurnsMB: number;
  rssSecondHalfGrowthMB: number;
  retainedTurnsAtEnd: number;
  failedTurns: number;
  svg: string;
}

const MB = 2 ** 20;

/** Scrapes the server's memory figures. */
async function sample(server: ServerProcess, phase: SoakSample['phase'], step: number): Promise<SoakSample> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const value = (name: string): number => {
    const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
    if (match === null) throw new Error(`metric ${name} missing from /metrics`);
    return Number(match[1]);
  };
  const perThread = new Map<string, ThreadSample>();
  const fields = {
    saywire_worker_heap_used_bytes: 'heapUsedMB',
    saywire_worker_heap_total_bytes: 'heapTotalMB',
    saywire_worker_external_bytes: 'externalMB',
    saywire_worker_engine_heap_bytes: 'engineHeapMB',
  } as const;
  for (const match of text.matchAll(/^(saywire_worker_\w+)\{pool="(\w+)",thread="(\d+)"\} ([0-9.e+-]+)$/gm)) {
    const field = fields[match[1] as keyof typeof fields];
    if (field === undefined) continue;
    const thread = match[3] as string;
    const entry = perThread.get(thread) ?? { thread, pool: match[2] as string, heapUsedMB: 0, heapTotalMB: 0, externalMB: 0, engineHeapMB: 0 };
    entry[field] = round(Number(match[4]) / MB);
    perThread.set(thread, entry);
  }
  return {
    phase,
    step,
    rssMB: round(value('process_resident_memory_bytes') / MB),
    heapUsedMB: round(value('nodejs_heap_size_used_bytes') / MB),
    heapTotalMB: round(value('nodejs_heap_size_total_bytes') / MB),
    threads: [...perThread.values()].sort((a, b) => Number(a.thread) - Number(b.thread)),
  };
}

/** A small line chart of RSS, main heap and each thread's heap over the run, as SVG. */
export function soakChart(samples: SoakSample[]): string {
  const w = 640;
  const h = 280;
  const pad = 40;
  const maxY = Math.max(...samples.map((s) => s.rssMB)) * 1.1;
  const x = (i: number) => pad + (i / Math.max(1, samples.length - 1)) * (w - 2 * pad);
  const y = (v: number) => h - pad - (v / maxY) * (h - 2 * pad);
  const line = (read: (s: SoakSample) => number | undefined) =>
    samples
      .map((s, i) => [i, read(s)] as const)
      .filter((p): p is readonly [number, number] => p[1] !== undefined)
      .map(([i, v]) => `${round(x(i), 1)},${round(y(v), 1)}`)
      .join(' ');
  const split = samples.findIndex((s) => s.phase === 'connections');
  const threads = [...new Set(samples.flatMap((s) => s.threads.map((t) => t.thread)))];
  const threadColors = ['#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#999"/>`,
    `<text x="${pad}" y="${pad - 8}">MB (max ${round(maxY, 0)})</text>`,
    split > 0 ? `<line x1="${x(split)}" y1="${pad}" x2="${x(split)}" y2="${h - pad}" stroke="#ccc" stroke-dasharray="4"/>` : '',
    `<text x="${pad + 4}" y="${h - pad + 16}">turns on one connection</text>`,
    split > 0 ? `<text x="${x(split) + 4}" y="${h - pad + 16}">connect/disconnect cycles</text>` : '',
    `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line((s) => s.rssMB)}"/>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((s) => s.heapTotalMB)}"/>`,
    ...threads.map(
      (t, i) =>
        `<polyline fill="none" stroke="${threadColors[i % threadColors.length]}" stroke-width="1.5" points="${line((s) => s.threads.find((x) => x.thread === t)?.heapTotalMB)}"/>`,
    ),
    `<text x="${w - pad - 170}" y="${pad}" fill="#d62728">RSS (whole process)</text>`,
    `<text x="${w - pad - 170}" y="${pad + 14}" fill="#1f77b4">main heap (total)</text>`,
    ...threads.map(
      (t, i) => `<text x="${w - pad - 170}" y="${pad + 28 + i * 14}" fill="${threadColors[i % threadColors.length]}">pool thread ${t} heap (total)</text>`,
    ),
    '</svg>',
  ].join('\n');
}

export async function runSoakBench(opts: { quick: boolean }): Promise<SoakResult> {
  const turns = opts.quick ? 2_000 : 200_000;
  const cycles = opts.quick ? 100 : 1_000;
  // Back-to-back turns on one connection send far more events per second than a person would:
  // the rate limit is lifted so the soak measures the turn machinery, not the limiter. So is the
  // loop-delay admission limit: on shared cores one stall of another process's making refuses a
  // turn, a few in a row close the socket, and the rest of the soak would measure nothing.
  const server = await ServerProcess.start({
    scriptedTokensPerSecond: 0,
    scriptedFirstTokenMs: 0,
    eventsPerSecond: 100_000,
    eventBurst: 100_000,
    admissionMaxLoopDelayMs: 60_000,
  });
  const samples: SoakSample[] = [await sample(server, 'turns', 0)];
  let failedTurns = 0;
  try {
    const client = await BenchClient.connect(server.wsUrl);
    const progress = new Progress('soak turns', turns);
    const every = Math.max(1, Math.floor(turns / 40));
    let rssHalfwayMB = 0;
    // Short client-text turns: the turn machinery (queues, tasks, eviction, history) is what
    // leaks if anything does; one short sentence keeps synthesis from dominating the run time.
    for (let i = 1; i <= turns; i++) {
      const outcome = await client.textTurn('Okay.');
      if (outcome.status !== 'completed') failedTurns++;
      if (i % every === 0) {
        const s = await sample(server, 'turns', i);
        samples.push(s);
        if (i === turns / 2) rssHalfwayMB = s.rssMB;
        progress.update(i);
      }
    }
    const retained = await (await fetch(`${server.url}/metrics`)).text();
    const retainedTurnsAtEnd = Number(/^saywire_turns_retained ([0-9.e+-]+)$/m.exec(retained)?.[1] ?? -1);
    await client.close();
    const rssAfterTurnsMB = (samples.at(-1) as SoakSample).rssMB;

    const cycleProgress = new Progress('soak connections', cycles);
    const cycleEvery = Math.max(1, Math.floor(cycles / 10));
    for (let i = 1; i <= cycles; i++) {
      const c = await BenchClient.connect(server.wsUrl);
      c.send({ type: 'response.create', input: 'hello' });
      // Leave mid-turn, half politely and half by vanishing.
      if (i % 2 === 0) await c.close();
      else c.terminate();
      if (i % cycleEvery === 0) {
        samples.push(await sample(server, 'connections', i));
        cycleProgress.update(i);
      }
    }
    // Let the last closes land before the final sample.
    while (/^saywire_connections ([0-9]+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] !== '0') {
      await new Promise((r) => setTimeout(r, 10));
    }
    samples.push(await sample(server, 'connections', cycles));
    return {
      turns,
      cycles,
      samples,
      rssHalfwayMB,
      rssAfterTurnsMB,
      rssSecondHalfGrowthMB: round(rssAfterTurnsMB - rssHalfwayMB),
      retainedTurnsAtEnd,
      failedTurns,
      svg: soakChart(samples),
    };
  } finally {
    await server.stop();
  }
}

export function soakMarkdown(r: SoakResult): string {
  const points = [r.samples[0], r.samples.find((x) => x.phase === 'turns' && x.step === r.turns / 2), r.samples.find((x) => x.phase === 'turns' && x.step === r.turns), r.samples.at(-1)].filter(
    (x): x is SoakSample => x !== undefined,
  );
  const label = (x: SoakSample): string => (x.phase === 'turns' && x.step === 0 ? 'start' : `after ${x.step} ${x.phase === 'turns' ? 'turns' : 'cycles'}`);
  const threads = [...new Set(points.flatMap((p) => p.threads.map((t) => t.thread)))];
  return [
    `Turns on one connection: ${r.turns} (failed: ${r.failedTurns}); retained turns at the end: ${r.retainedTurnsAtEnd}.`,
    `Connect/disconnect cycles with a turn in flight: ${r.cycles}.`,
    '',
    `**RSS growth over the second half of the turns: ${r.rssSecondHalfGrowthMB} MB** (${r.rssHalfwayMB} MB after ${r.turns / 2} turns, ${r.rssAfterTurnsMB} MB after ${r.turns}).`,
    '',
    'Whole process (the server alone, in its own process, as `/metrics` reports it):',
    '',
    table(
      ['point', 'RSS MB', 'main heap used MB', 'main heap total MB'],
      points.map((x) => [label(x), x.rssMB, x.heapUsedMB, x.heapTotalMB]),
    ),
    '',
    "Per pool thread (each thread's own report, at most a second old; a thread that has run no task yet has none):",
    '',
    table(
      ['point', 'thread (pool)', 'heap used MB', 'heap total MB', 'external MB', 'eSpeak heap MB'],
      points.flatMap((x) =>
        threads.map((t) => {
          const s = x.threads.find((y) => y.thread === t);
          return s === undefined ? [label(x), t, '–', '–', '–', '–'] : [label(x), `${t} (${s.pool})`, s.heapUsedMB, s.heapTotalMB, s.externalMB, s.engineHeapMB];
        }),
      ),
    ),
    '',
    '![RSS, main heap and pool thread heaps over the soak](soak.svg)',
  ].join('\n');
}
