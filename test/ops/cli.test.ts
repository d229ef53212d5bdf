/**
 * The command line as a new user meets it: the built CLI (`dist/src/cli.js`, what `npm start`
 * runs) spawned for real. A bad setting, including the ones only the start can refute (a port in
 * use, a voice the engine lacks), is one line on stderr naming the value, and exit status 2.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

const CLI = new URL('../../dist/src/cli.js', import.meta.url).pathname;

interface Run {
  status: number | null;
  stderr: string;
  stdout: string;
}

/** Runs the CLI to its exit, without any SAYWIRE_* variable of the test's own environment. */
async function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SAYWIRE_')));
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stderr, stdout };
}

/** One line, naming `value`, no stack trace anywhere. */
function expectOneLine(run: Run, value: string): void {
  expect(run.status).toBe(2);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(value);
  expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
}

describe('the CLI', () => {
  it.each([
    [['--port', 'abc'], {}, '"abc"'],
    [['--port=abc'], {}, '"abc"'],
    [[], { SAYWIRE_PORT: 'abc' }, '"abc"'],
    [[], { SAYWIRE_TEMPERATURE: 'hot' }, '"hot"'],
    [[], { SAYWIRE_PORT: '' }, '""'],
  ])('reports %j %j with the raw value %s, exit 2', async (args, env, shown) => {
    const run = await runCli(args, env);
    expectOneLine(run, shown);
    expect(run.stderr).not.toContain('null');
  });

  it('reports a voice the engine lacks in one line, exit 2', async () => {
    const run = await runCli(['--port', '0', '--pool-min-threads', '1', '--pool-max-threads', '1', '--log-level', 'silent', '--voice', 'nobody']);
    expectOneLine(run, '"nobody"');
    expect(run.stderr).toContain('voice');
  }, 60_000);

  it('reports a port in use in one line naming it, exit 2', async () => {
    const holder: Server = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as { port: number }).port;
    try {
      const run = await runCli(['--port', String(port), '--pool-min-threads', '1', '--pool-max-threads', '1', '--log-level', 'silent']);
      expectOneLine(run, `127.0.0.1:${port}`);
      expect(run.stderr).toContain('already in use');
    } finally {
      holder.close();
    }
  }, 60_000);

  it('starts without compiling: `npm start` only runs the built CLI, `npm install` builds it', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe('node dist/src/cli.js');
    expect(scripts.prepare).toBe('npm run build');
    expect(scripts.dev).toContain('--watch');
  });
});
