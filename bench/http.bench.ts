/**
 * The HTTP endpoints under load from outside: autocannon in this process against the real server
 * in a child process (ServerProcess), so the load generator's own work never counts as the
 * server's event-loop delay.
 *
 * Part 1, on a server with the default `pool` chunking: `GET /healthz`, `POST /v1/chunk` with a
 * short text and `POST /v1/audio/speech` with one sentence; requests per second, latency, failures,
 * and the server's event-loop delay p99 and CPU during each run.
 *
 * Part 2 answers "does a big chunking job stall other clients?": `POST /v1/chunk` with ≈100 KB of
 * LLM-like text against a `pool` server and an `inline` server, alternated, each while a second,
 * light (one connection, rate-capped) autocannon probes `/healthz` on the same server. If chunking
 * runs on the main thread, the probe waits behind it; in the pool it should not.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { DEFAULT_OPTIONS } from '../src/config/options.js';
import { llmText } from './fixtures/llm-text.js';
import { Progress, percentile, round, table } from './report.js';
import { ServerProcess } from './server-process.js';

type Chunking = 'pool' | 'inline';

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** JSON body, for POST. */
  body?: string;
}

/** What one autocannon run measured. Latencies are of 2xx responses, on the client's clock. */
export interface LoadFigures {
  /** 2xx responses per second. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses of any status. */
  responses: number;
  non2xx: number;
  /** Non-2xx responses by status code. */
  statusCodes: Record<string, number>;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
}

/** One part-1 run: one request shape against the pool server. */
export interface EndpointRun extends LoadFigures, ProcessFigures {
  name: string;
}

/** One part-2 run: the long chunk load and the /healthz probe, at the same time, on one server. */
export interface SideBySideRun extends ProcessFigures {
  chunking: Chunking;
  round: number;
  chunk: LoadFigures;
  healthz: LoadFigures;
}

/** Part-2 figures per chunking mode, as means over its rounds. */
export interface ModeMeans {
  requestsPerSecond: number;
  serverLoopP99Ms: number;
  healthzP50Ms: number;
  healthzP99Ms: number;
}

export interface HttpBenchResult {
  secondsPerRun: number;
  warmupSeconds: number;
  connections: number;
  probeConnections: number;
  /** The probe's request-rate cap, per second. */
  probeRate: number;
  /** Part-2 rounds per chunking mode. */
  rounds: number;
  longBodyBytes: number;
  /** The server's `maxHttpBodyBytes` for the run, and whether it had to be raised for the long body. */
  bodyLimitBytes: number;
  bodyLimitRaised: boolean;
  endpoints: EndpointRun[];
  sideBySide: SideBySideRun[];
  means: Record<Chunking, ModeMeans>;
  /** pool ÷ inline; null where inline measured 0. */
  ratios: Record<keyof ModeMeans, number | null>;
  /** One line per run that had non-2xx responses or errors. */
  failures: string[];
}

/** Sized for 2 cores: enough to keep the server busy without the client starving it of CPU. */
const CONNECTIONS = 16;
/**
 * The /healthz probe: one connection, at most PROBE_RATE requests per second. It must stay light:
 * an unthrottled probe shares this process with the load generator and, answered in microseconds
 * whenever the server idles, takes the load generator's CPU, thins the load and then measures
 * mostly the idle gaps it made (seen: 5000 probes/s at 0.06 ms against a busy inline server).
 */
const PROBE_CONNECTIONS = 1;
const PROBE_RATE = 50;

const HEALTHZ: Target = { name: 'GET /healthz', method: 'GET', path: '/healthz' };

/** Runs autocannon against `target` for `seconds`, at most `rate` requests per second if given. */
async function load(server: ServerProcess, target: Target, connections: number, seconds: number, rate?: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.url}${target.path}`,
        method: target.method,
        body: target.body,
        headers: target.body === undefined ? {} : { 'content-type': 'application/json' },
        connections,
        duration: seconds,
        overallRate: rate,
      },
      (err: unknown, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    // autocannon's own histogram counts whole milliseconds; /healthz answers in well under one.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith('2')) statusCodes[code] = stat.count ?? 0;
  }
  return {
    requestsPerSecond: round(latencies.length / result.duration, 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    responses: result.requests.total,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * What the server and this (load-generating) process did during a run: event-loop delay p99 and
 * CPU as % of one core. Both share the same cores, so the bench figures say how much of a latency
 * could be the client's own delay, and whether a throughput is the client's limit.
 */
export interface ProcessFigures {
  serverLoopP99Ms: number;
  serverCpuPercent: number;
  benchLoopP99Ms: number;
  benchCpuPercent: number;
}

/** Runs `work` between two /metrics scrapes, so the figures cover just the run. */
async function measured<T>(server: ServerProcess, work: () => Promise<T>): Promise<[T, ProcessFigures]> {
  const before = await server.sample();
  const benchLoop = monitorEventLoopDelay({ resolution: 1 });
  benchLoop.enable();
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(benchCpu);
  benchLoop.disable();
  const after = await server.sample();
  return [
    value,
    {
      serverLoopP99Ms: round(after.loopP99Ms),
      serverCpuPercent: round((100 * (after.cpuSeconds - before.cpuSeconds)) / seconds, 0),
      benchLoopP99Ms: round(benchLoop.percentile(99) / 1e6),
      benchCpuPercent: round((user + system) / 1e4 / seconds, 0),
    },
  ];
}

/** One request before the load: a wrong body shape would otherwise be benchmarked as 400s. */
async function check(server: ServerProcess, target: Target): Promise<void> {
  const res = await fetch(`${server.url}${target.path}`, {
    method: target.method,
    body: target.body,
    headers: target.body === undefined ? {} : { 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${target.name}: HTTP ${res.status} ${text.slice(0, 200)}`);
}

/** A failure line for a run with non-2xx responses or errors (also printed at once), else none. */
function failuresOf(label: string, f: LoadFigures): string[] {
  if (f.non2xx === 0 && f.errors === 0) return [];
  const codes = Object.entries(f.statusCodes)
    .map(([code, n]) => `${n}× ${code}`)
    .join(', ');
  const line = `${label}: ${f.non2xx} non-2xx${codes === '' ? '' : ` (${codes})`}, ${f.errors} errors (${f.timeouts} timeouts) of ${f.responses} responses`;
  process.stderr.write(`!! ${line}\n`);
  return [line];
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const ratio = (pool: number, inline: number): number | null => (inline === 0 ? null : round(pool / inline));

/** Runs both parts; `quick` runs 2 s per run and one round per mode instead of 10 s and two. */
export async function runHttpBench(opts: { quick: boolean }): Promise<HttpBenchResult> {
  const seconds = opts.quick ? 2 : 10;
  const warmupSeconds = opts.quick ? 1 : 2;
  const rounds = opts.quick ? 1 : 2;

  const short: Target = {
    name: 'POST /v1/chunk, short text',
    method: 'POST',
    path: '/v1/chunk',
    body: JSON.stringify({ text: 'Sure, I can help with that. Your table for two is booked at 7:30 p.m. tonight!' }),
  };
  const speech: Target = {
    name: 'POST /v1/audio/speech, one sentence',
    method: 'POST',
    path: '/v1/audio/speech',
    // WAV, as this target has always measured (the route's default became mp3, which adds encoding).
    body: JSON.stringify({ input: 'Let me check the schedule for tomorrow morning.', response_format: 'wav' }),
  };
  const longBody = JSON.stringify({ text: llmText(100_000) });
  const long: Target = { name: 'POST /v1/chunk, ≈100 KB text', method: 'POST', path: '/v1/chunk', body: longBody };
  const longBodyBytes = Buffer.byteLength(longBody);
  const bodyLimitBytes = Math.max(DEFAULT_OPTIONS.maxHttpBodyBytes, longBodyBytes);

  const progress = new Progress('http runs', 3 + 2 * rounds);
  let done = 0;
  const failures: string[] = [];
  const started: ServerProcess[] = [];
  try {
    const servers = {} as Record<Chunking, ServerProcess>;
    for (const chunking of ['pool', 'inline'] as const) {
      const server = await ServerProcess.start({ chunking, maxHttpBodyBytes: bodyLimitBytes });
      started.push(server);
      servers[chunking] = server;
    }

    const endpoints: EndpointRun[] = [];
    for (const target of [HEALTHZ, short, speech]) {
      await check(servers.pool, target);
      await load(servers.pool, target, CONNECTIONS, warmupSeconds);
      const [figures, processes] = await measured(servers.pool, () => load(servers.pool, target, CONNECTIONS, seconds));
      failures.push(...failuresOf(target.name, figures));
      endpoints.push({ name: target.name, ...figures, ...processes });
      progress.update(++done);
    }

    for (const chunking of ['pool', 'inline'] as const) {
      await check(servers[chunking], long);
      await load(servers[chunking], long, CONNECTIONS, warmupSeconds);
    }
    const sideBySide: SideBySideRun[] = [];
    for (let r = 0; r < rounds; r++) {
      // ABBA order, so a drift over the run (thermal, a neighbour's load) falls on both modes.
      const order: Chunking[] = r % 2 === 0 ? ['pool', 'inline'] : ['inline', 'pool'];
      for (const chunking of order) {
        const server = servers[chunking];
        const [[chunk, healthz], processes] = await measured(server, () =>
          Promise.all([load(server, long, CONNECTIONS, seconds), load(server, HEALTHZ, PROBE_CONNECTIONS, seconds, PROBE_RATE)]),
        );
        failures.push(...failuresOf(`${long.name} (${chunking}, round ${r + 1})`, chunk));
        failures.push(...failuresOf(`GET /healthz probe (${chunking}, round ${r + 1})`, healthz));
        sideBySide.push({ chunking, round: r + 1, chunk, healthz, ...processes });
        progress.update(++done);
      }
    }

    const meansOf = (chunking: Chunking): ModeMeans => {
      const runs = sideBySide.filter((s) => s.chunking === chunking);
      return {
        requestsPerSecond: round(mean(runs.map((s) => s.chunk.requestsPerSecond)), 1),
        serverLoopP99Ms: round(mean(runs.map((s) => s.serverLoopP99Ms))),
        healthzP50Ms: round(mean(runs.map((s) => s.healthz.p50Ms))),
        healthzP99Ms: round(mean(runs.map((s) => s.healthz.p99Ms))),
      };
    };
    const pool = meansOf('pool');
    const inline = meansOf('inline');
    return {
      secondsPerRun: seconds,
      warmupSeconds,
      connections: CONNECTIONS,
      probeConnections: PROBE_CONNECTIONS,
      probeRate: PROBE_RATE,
      rounds,
      longBodyBytes,
      bodyLimitBytes,
      bodyLimitRaised: bodyLimitBytes > DEFAULT_OPTIONS.maxHttpBodyBytes,
      endpoints,
      sideBySide,
      means: { pool, inline },
      ratios: {
        requestsPerSecond: ratio(pool.requestsPerSecond, inline.requestsPerSecond),
        serverLoopP99Ms: ratio(pool.serverLoopP99Ms, inline.serverLoopP99Ms),
        healthzP50Ms: ratio(pool.healthzP50Ms, inline.healthzP50Ms),
        healthzP99Ms: ratio(pool.healthzP99Ms, inline.healthzP99Ms),
      },
      failures,
    };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

/** The Markdown summary of a run. */
export function httpMarkdown(r: HttpBenchResult): string {
  const kb = (bytes: number): string => `${round(bytes / 1024, 1)} KiB`;
  const limit = r.bodyLimitRaised
    ? `the server's \`maxHttpBodyBytes\` was raised from its default ${kb(DEFAULT_OPTIONS.maxHttpBodyBytes)} to ${kb(r.bodyLimitBytes)} for the run`
    : `it fits the server's default \`maxHttpBodyBytes\` (${kb(r.bodyLimitBytes)}), which was not raised`;
  const show = (n: number | null): string | number => n ?? '–';
  return [
    `Server in a child process; autocannon in the bench process, ${r.connections} connections, ${r.secondsPerRun} s per run ` +
      `after a ${r.warmupSeconds} s warm-up. Latencies are of 2xx responses, on the client's clock. CPU % is of one core, ` +
      `for the server process (main thread and pool workers) and for this bench process, which share the machine's cores. ` +
      `The long body is ${kb(r.longBodyBytes)}; ${limit}.`,
    '',
    '## Endpoints (pool chunking)',
    '',
    table(
      ['request', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'server loop p99 ms', 'server CPU %', 'bench CPU %'],
      r.endpoints.map((e) => [e.name, e.requestsPerSecond, e.p50Ms, e.p99Ms, e.non2xx, e.errors, e.serverLoopP99Ms, e.serverCpuPercent, e.benchCpuPercent]),
    ),
    '',
    `## Long chunking job vs other clients (${r.rounds} round${r.rounds === 1 ? '' : 's'} per mode)`,
    '',
    `Each run: the ≈100 KB \`/v1/chunk\` load with ${r.connections} connections, and at the same time a light probe on ` +
      `\`/healthz\` of the same server: a second autocannon, ${r.probeConnections} connection, at most ${r.probeRate} requests/s ` +
      "(autocannon sends each second's quota back to back, one in flight). A /healthz req/s below the cap means the probe " +
      "could not get its quota through. Each stall delays one probe request, however long it lasts, so the probe's " +
      "percentiles understate long stalls; the server loop p99 is the server's own view.",
    '',
    table(
      ['chunking', 'round', 'chunk req/s', 'chunk p50 ms', 'chunk p99 ms', '/healthz p50 ms', '/healthz p99 ms', '/healthz req/s', 'server loop p99 ms', 'server CPU %', 'bench loop p99 ms', 'bench CPU %', 'non-2xx', 'errors'],
      r.sideBySide.map((s) => [
        s.chunking,
        s.round,
        s.chunk.requestsPerSecond,
        s.chunk.p50Ms,
        s.chunk.p99Ms,
        s.healthz.p50Ms,
        s.healthz.p99Ms,
        s.healthz.requestsPerSecond,
        s.serverLoopP99Ms,
        s.serverCpuPercent,
        s.benchLoopP99Ms,
        s.benchCpuPercent,
        s.chunk.non2xx + s.healthz.non2xx,
        s.chunk.errors + s.healthz.errors,
      ]),
    ),
    '',
    table(
      ['mean over rounds', 'pool', 'inline', 'pool ÷ inline'],
      [
        ['chunk req/s', r.means.pool.requestsPerSecond, r.means.inline.requestsPerSecond, show(r.ratios.requestsPerSecond)],
        ['server loop p99 ms', r.means.pool.serverLoopP99Ms, r.means.inline.serverLoopP99Ms, show(r.ratios.serverLoopP99Ms)],
        ['/healthz p50 ms', r.means.pool.healthzP50Ms, r.means.inline.healthzP50Ms, show(r.ratios.healthzP50Ms)],
        ['/healthz p99 ms', r.means.pool.healthzP99Ms, r.means.inline.healthzP99Ms, show(r.ratios.healthzP99Ms)],
      ],
    ),
    '',
    'Ratios are pool ÷ inline. On chunk req/s, above 1 means the pool serves more long chunk requests per second ' +
      '(it scans on other cores), below 1 that handing the text to a worker costs more than the scan it saves. On the ' +
      "server's loop p99 and the /healthz latency, below 1 means a big chunking job stalls other clients less in pool " +
      'mode: that is the question this table answers. In both modes the main thread still reads and parses the JSON body ' +
      'and builds and serializes the sentences; only the boundary scan moves, and in pool mode the workers compete with the ' +
      "main thread for the same cores. The bench loop p99 bounds how much of a latency is the client's own delay, and a " +
      "bench CPU near 100 % means a req/s is the load generator's limit, not the server's.",
    '',
    r.failures.length === 0 ? 'Failures: none (every response was a 2xx, no connection errors).' : ['**Failures:**', '', ...r.failures.map((f) => `- ${f}`)].join('\n'),
  ].join('\n');
}
