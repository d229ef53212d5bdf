/**
 * A CPU profile of the server under WebSocket load: one level of the ws bench with the server
 * started under `node --cpu-prof`, then the profiles (one per thread) summarized as the top
 * functions by self time, written to `bench/results/ws-profile.md` (and `.json`). Profile at the
 * capacity level to see what the main thread spends its time on there.
 *
 *   npm run build && node dist/bench/ws-profile.js [--sessions N] [--seconds S] [--mode pool|main-thread]
 *
 * Without `--sessions` it takes the pool capacity from `bench/results/ws.json`.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, round, table, writeResult } from './report.js';
import { type Mode, runLevel } from './ws.bench.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of a thread's samples. */
export interface HotFunction {
  function: string;
  /** Source file (under the repository or node:internal) and line. */
  where: string;
  selfMs: number;
  selfPercent: number;
}

export interface ThreadProfile {
  /** `main` for the event loop's thread, `worker <tid>` for pool threads. */
  thread: string;
  profiledMs: number;
  /** Share of samples not idle (V8's "(idle)" node). */
  busyPercent: number;
  top: HotFunction[];
}

const TOP = 25;

/** Self time per function: each sample charges its time delta to the node it landed in. */
export function summarizeProfile(profile: CpuProfile, thread: string): ThreadProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += us;
    const where = url === '' ? '' : `${url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  const top = [...self.values()]
    .filter((e) => e.fn !== '(idle)')
    .sort((a, b) => b.us - a.us)
    .slice(0, TOP)
    .map((e) => ({ function: e.fn, where: e.where, selfMs: round(e.us / 1000, 0), selfPercent: round((e.us / Math.max(1, total)) * 100, 1) }));
  return { thread, profiledMs: round(total / 1000, 0), busyPercent: round(((total - idle) / Math.max(1, total)) * 100, 1), top };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sessions: { type: 'string' }, seconds: { type: 'string', default: '30' }, mode: { type: 'string', default: 'pool' } },
  });
  const results = new URL('../../bench/results/', import.meta.url);
  let sessions = values.sessions === undefined ? undefined : Number(values.sessions);
  if (sessions === undefined) {
    const ws = new URL('ws.json', results);
    const capacity = existsSync(ws) ? (JSON.parse(readFileSync(ws, 'utf8')) as { result?: { capacity?: { pool?: { sessions?: number } } } }).result?.capacity?.pool?.sessions : undefined;
    if (capacity === undefined || capacity === null) throw new Error('No --sessions given and no pool capacity in bench/results/ws.json.');
    sessions = capacity;
  }
  const mode = values.mode as Mode;
  const dir = mkdtempSync(join(tmpdir(), 'saywire-prof-'));
  const cores = availableParallelism();
  const started = new Date();
  try {
    const level = await runLevel(mode, sessions, {
      windowMs: Number(values.seconds) * 1000,
      graceMs: 10_000,
      threads: cores,
      poolThreads: cores,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    // Files are CPU.<date>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
    const threads = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => {
        const tid = f.split('.').at(-3) ?? '?';
        return summarizeProfile(JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile, tid === '0' ? 'main' : `worker ${tid}`);
      })
      .sort((a, b) => (a.thread === 'main' ? -1 : b.thread === 'main' ? 1 : a.thread.localeCompare(b.thread)));
    const command = `node dist/bench/ws-profile.js --sessions ${sessions} --seconds ${values.seconds} --mode ${mode}`;
    const record = { scope: 'ws-profile', date: started.toISOString(), command, machine: machine(), sessions, mode, level, threads };
    const m = record.machine;
    const lines = [
      `# ws profile`,
      '',
      `${started.toISOString().slice(0, 10)} · \`${command}\` · ${m.cpu}, ${m.cores} cores, Node ${m.node}`,
      '',
      `The server under ${sessions} WebSocket sessions (${mode}) for ${values.seconds} s, profiled with \`node --cpu-prof\` ` +
        `(every thread writes its own profile); self time per function, top ${TOP} per thread. The level ` +
        `${level.passed ? 'passed' : 'failed'}: loop p99 ${level.serverLoopP99Ms} ms, ${round(level.aheadFraction * 100, 1)}% of sessions ahead ` +
        `of real time, first audio p50 ${level.firstAudioMs.p50} ms, server CPU ${level.serverCpuPercent}% of a core.`,
      '',
    ];
    for (const t of threads) {
      lines.push(`## ${t.thread}: ${t.profiledMs} ms profiled, ${t.busyPercent}% busy`, '');
      lines.push(table(['function', 'where', 'self ms', 'self %'], t.top.map((f) => [`\`${f.function}\``, f.where, f.selfMs, f.selfPercent])), '');
    }
    writeResult(results, 'ws-profile', record, lines.join('\n'));
    process.stderr.write('wrote bench/results/ws-profile.json and .md\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
