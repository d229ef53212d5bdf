/**
 * The operator's HTTP surface on a real server: metrics, probes, and /v1/chunk.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer({ scriptedTokensPerSecond: 40 });
});
afterAll(async () => {
  await server.close();
});

/** Reads one sample value from Prometheus text. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`) && !l.startsWith('#'));
  if (line === undefined) throw new Error(`no sample ${name}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('probes', () => {
  it('/readyz is 503 until the pool is warm, /healthz answers at once', async () => {
    const cold = createServer({ port: 0, logLevel: 'silent', poolMinThreads: 1, poolMaxThreads: 1 });
    const listening = cold.listen();
    await once(cold.http, 'listening');
    const { port } = cold.http.address() as { port: number };
    const early = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(early.status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await listening;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await cold.close();
  });

  it('/readyz is 503 while draining', async () => {
    const draining = await startServer({ scriptedTokensPerSecond: 5 });
    const client = await TestClient.connect(draining.url);
    client.send({ type: 'response.create', input: 'slow' });
    await client.next('response.text.delta');
    const stopped = draining.shutdown(30_000);
    expect((await fetch(`${draining.url}/readyz`)).status).toBe(503);
    client.send({ type: 'response.cancel' });
    await stopped;
  });

  it('unknown routes are 404, wrong methods 405', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('/metrics', () => {
  it('shows the turn in flight, then its outcome, timings and the event-loop histogram', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'response.create', input: 'metrics please' });
    await client.next('response.audio.done');
    const during = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(during, 'saywire_turns_active')).toBe(1);
    expect(sample(during, 'saywire_connections')).toBeGreaterThanOrEqual(1);
    await client.next('response.done');
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(after, 'saywire_turns_total{outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'saywire_turns_active')).toBe(0);
    expect(sample(after, 'saywire_turns_retained')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'saywire_time_to_first_audio_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'saywire_time_to_first_token_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'saywire_time_to_first_sentence_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'saywire_event_loop_delay_seconds_count')).toBeGreaterThan(0);
    expect(sample(after, 'saywire_audio_frames_total')).toBe(client.audio().length);
    expect(sample(after, 'saywire_audio_bytes_total')).toBe(client.audio().reduce((n, f) => n + f.samples.byteLength, 0));
    expect(sample(after, 'saywire_pool_threads{pool="pipeline"}')).toBeGreaterThanOrEqual(1);
    // Pool chunking (the default) scans on a thread of its own, which loads no engine.
    expect(sample(after, 'saywire_pool_threads{pool="scan"}')).toBe(1);
    expect(sample(after, 'saywire_pool_task_run_seconds_count{pool="scan"}')).toBeGreaterThanOrEqual(1);
    const scanThread = /^saywire_worker_engine_heap_bytes\{pool="scan",thread="\d+"\} (\d+)$/m.exec(after);
    expect(Number(scanThread?.[1])).toBe(0);
    expect(after).toContain('process_cpu_user_seconds_total');
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // One loop monitor in the process: prom-client's default metrics (and their monitor) are not registered.
    expect(after).not.toContain('nodejs_eventloop_lag');
    // The thread that spoke the turn has reported its heap and its eSpeak heap.
    const threads = [...after.matchAll(/^saywire_worker_heap_used_bytes\{pool="pipeline",thread="(\d+)"\} (\d+)$/gm)];
    expect(threads.length).toBeGreaterThanOrEqual(1);
    const thread = (threads[0] as RegExpMatchArray)[1];
    expect(Number((threads[0] as RegExpMatchArray)[2])).toBeGreaterThan(1_000_000);
    expect(sample(after, `saywire_worker_heap_total_bytes{pool="pipeline",thread="${thread}"}`)).toBeGreaterThan(1_000_000);
    expect(sample(after, `saywire_worker_engine_heap_bytes{pool="pipeline",thread="${thread}"}`)).toBeGreaterThan(1_000_000);
    expect(sample(after, `saywire_worker_external_bytes{pool="pipeline",thread="${thread}"}`)).toBeGreaterThan(0);
    // The pool's task times are Prometheus summaries: quantiles, sum and count, nothing else.
    for (const kind of ['run', 'wait']) {
      const name = `saywire_pool_task_${kind}_seconds`;
      expect(after).toContain(`# TYPE ${name} summary`);
      expect(sample(after, `${name}_count{pool="pipeline"}`)).toBeGreaterThanOrEqual(1);
      expect(sample(after, `${name}_sum{pool="pipeline"}`)).toBeGreaterThanOrEqual(0);
      expect(sample(after, `${name}{pool="pipeline",quantile="0.99"}`)).toBeGreaterThanOrEqual(sample(after, `${name}{pool="pipeline",quantile="0.5"}`));
    }
    expect(sample(after, 'saywire_pool_task_run_seconds{pool="pipeline",quantile="0.5"}')).toBeGreaterThan(0);
    client.send({ type: 'response.cancel', event_id: 'x' });
    await client.next('error');
    const errors = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(errors, 'saywire_errors_total{code="NO_ACTIVE_RESPONSE"}')).toBeGreaterThanOrEqual(1);
    client.close();
  });
});

/** Prometheus's own checker (Debian's `prometheus` package), when installed. */
const hasPromtool = spawnSync('promtool', ['--version']).error === undefined;

describe('/metrics and promtool', () => {
  it.skipIf(!hasPromtool)('passes `promtool check metrics` on a live scrape', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'response.create', input: 'lint my metrics' });
    await client.next('response.done');
    client.close();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('POST /v1/chunk', () => {
  const chunk = (body: unknown) =>
    fetch(`${server.url}/v1/chunk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('gives the same sentences as the socket path', async () => {
    const text = 'Dr. Who paid $4.20 at 3 p.m. on Jan. 5th. Is it ok? Yes!\n- one item\n- two items\nThe end';
    const res = await chunk({ text });
    expect(res.status).toBe(200);
    const { sentences } = (await res.json()) as { sentences: string[] };
    const client = await TestClient.connect(server.url);
    for (let i = 0; i < text.length; i += 4) client.send({ type: 'text.append', delta: text.slice(i, i + 4) });
    client.send({ type: 'text.done' });
    await client.next('response.done');
    expect(client.events('response.sentence').map((e) => e.text)).toEqual(sentences);
    expect(sentences.length).toBeGreaterThan(4);
    client.close();
  });

  it('takes chunking options', async () => {
    const res = await chunk({ text: 'word '.repeat(40), max_sentence_chars: 50 });
    const { sentences } = (await res.json()) as { sentences: string[] };
    expect(sentences.every((s) => s.length <= 50)).toBe(true);
  });

  it.each([
    ['{"text": ', 400, 'INVALID_JSON'],
    [[1, 2], 400, 'INVALID_REQUEST'],
    [{ text: 5 }, 400, 'INVALID_REQUEST'],
    [{ text: 'a', max_sentence_chars: 5 }, 400, 'INVALID_REQUEST'],
    [{ text: 'a', colour: 'red' }, 400, 'INVALID_REQUEST'],
    [{ text: 'z'.repeat(300_000) }, 413, 'BODY_TOO_LARGE'],
  ])('rejects %j with %i %s', async (body, status, code) => {
    const res = await chunk(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });
});
