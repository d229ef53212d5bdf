/**
 * A saywire server in a child process, for benchmarks that load it from outside: the load
 * generator must not share the server's event loop, or its own work would show up as the
 * server's delay. Settings go in as `SAYWIRE_*` environment variables, exactly as an operator
 * would set them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

/** What one scrape of `/metrics` says about the server process. */
export interface ServerSample {
  /** p99 event-loop delay since the previous scrape, ms. */
  loopP99Ms: number;
  /** Total CPU seconds (user + system) the process has used. */
  cpuSeconds: number;
  rssMB: number;
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
   * value, e.g. `{ chunking: 'inline' }`), and resolves once it is listening and ready.
   */
  static async start(settings: Record<string, string | number> = {}): Promise<ServerProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env, SAYWIRE_HOST: '127.0.0.1', SAYWIRE_PORT: '0', SAYWIRE_LOG_LEVEL: 'info' };
    for (const [name, value] of Object.entries(settings)) env[`SAYWIRE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = String(value);
    const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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
    return {
      loopP99Ms: value('saywire_event_loop_delay_p99_seconds') * 1000,
      cpuSeconds: value('process_cpu_seconds_total'),
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
