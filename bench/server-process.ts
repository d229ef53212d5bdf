/**
 * A saywire server in a child process, for benchmarks that load it from outside: the load
 * generator must not share the server's event loop, or its own work would show up as the
 * server's delay. Settings go in as `SAYWIRE_*` environment variables, exactly as an operator
 * would set them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { threadCpuSeconds } from './thread-cpu.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

/** What one scrape of `/metrics` says about the server process. */
export interface ServerSample {
  /** p99 event-loop delay since the previous scrape, ms. */
  loopP99Ms: number;
  /** Total CPU seconds (user + system) the process has used. */
  cpuSeconds: number;
  /**
   * CPU seconds of the main thread alone (sockets, turns, the agent), apart from the pool
   * threads' synthesis; null where `/proc` cannot tell (not Linux).
   */
  mainThreadCpuSeconds: number | null;
  rssMB: number;
  /** The server-added latency histogram so far: cumulative counts at each bucket's upper bound, ms. */
  sentenceLatency: LatencyBuckets;
}

/** A Prometheus histogram's cumulative buckets: `[upper bound ms, count at or below]`, ascending, `+Inf` last. */
export type LatencyBuckets = Array<[number, number]>;

/**
 * A quantile of what a histogram recorded between two scrapes, as the upper bound of the bucket
 * it falls in (ms; Infinity past the last bound, NaN with nothing recorded). Bucket resolution:
 * "≤ 40" means somewhere in the bucket that ends at 40.
 */
export function bucketQuantile(before: LatencyBuckets, after: LatencyBuckets, q: number): number {
  const counts = after.map(([le, n], i) => [le, n - (before[i]?.[1] ?? 0)] as const);
  const total = counts.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = Math.ceil(q * total);
  return (counts.find(([, n]) => n >= rank) ?? [Number.POSITIVE_INFINITY])[0];
}

export class ServerProcess {
  readonly url: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
  }

  /** `ws://…/v1/realtime` of this server. */
  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/v1/realtime`;
  }

  /**
   * Starts `node dist/src/cli.js` on a free loopback port with `settings` (setting name →
   * value, e.g. `{ poolMaxThreads: 0 }`), and resolves once it is listening and ready.
   * `nodeArgs` go to node before the script (`--cpu-prof` for a profile written at exit).
   */
  static async start(settings: Record<string, string | number> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env, SAYWIRE_HOST: '127.0.0.1', SAYWIRE_PORT: '0', SAYWIRE_LOG_LEVEL: 'info' };
    for (const [name, value] of Object.entries(settings)) env[`SAYWIRE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = String(value);
    const child = spawn(process.execPath, [...nodeArgs, CLI], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer): void => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          try {
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg === 'listening' && entry.url !== undefined) {
              child.stdout?.off('data', onData);
              // Keep draining the log so a busy server never blocks on a full pipe.
              child.stdout?.resume();
              resolve(entry.url);
              return;
            }
          } catch {
            // Not a log line: ignore.
          }
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited with code ${code} before listening`)));
    });
    const server = new ServerProcess(child, url);
    await server.waitReady();
    return server;
  }

  async waitReady(): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const res = await fetch(`${this.url}/readyz`).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('server did not become ready within 30 s');
  }

  /** Scrapes `/metrics`; the loop p99 covers the time since the previous scrape. */
  async sample(): Promise<ServerSample> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const value = (name: string): number => {
      const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
      if (match === null) throw new Error(`metric ${name} missing from /metrics`);
      return Number(match[1]);
    };
    const sentenceLatency: LatencyBuckets = [...text.matchAll(/^saywire_sentence_server_latency_seconds_bucket\{le="([^"]+)"\} ([0-9.e+-]+)$/gm)].map(
      (m) => [m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]) * 1000, Number(m[2])],
    );
    return {
      sentenceLatency,
      loopP99Ms: value('saywire_event_loop_delay_p99_seconds') * 1000,
      cpuSeconds: value('process_cpu_seconds_total'),
      // The main thread's task has the process id.
      mainThreadCpuSeconds: threadCpuSeconds(`/proc/${this.#child.pid}/task/${this.#child.pid}/stat`),
      rssMB: value('process_resident_memory_bytes') / 2 ** 20,
    };
  }

  /** SIGTERM, then waits for the exit. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = once(this.#child, 'exit');
    this.#child.kill('SIGTERM');
    await exited;
  }
}
