/**
 * Prometheus metrics (`GET /metrics`), through prom-client. Counters and histograms are fed by
 * the connections as things happen; gauges of state (connections, turns, pool) are read at
 * scrape time, so nothing on the hot path does more than an increment.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ThreadGroup } from '../pool/contract.js';
import type { ResponseSummary } from '../protocol/server-events.js';
import type { GroupMemory, PoolStats, WorkerPool } from '../pool/worker-pool.js';
import type { SpeechObserver } from '../turn/turn-workers.js';
import type { EventLoopMonitor, LoopDelayTotals } from './event-loop-monitor.js';
import { registerProcessMetrics } from './process-metrics.js';

/** What metrics read from the server at scrape time. */
export interface MetricsSources {
  pool: WorkerPool;
  loop: EventLoopMonitor;
  /** Open connections, and per connection whether a turn runs and how many it retains. */
  connections: () => Iterable<{ activeTurn: boolean; retainedTurns: number }>;
}

const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];
/** Server-added latency is tens of ms when the server keeps up: finer buckets at the low end. */
const SENTENCE_LATENCY_BUCKETS = [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5];
const LOOP_HISTOGRAM = 'saywire_event_loop_delay_seconds';

const POOL_TASK_QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.99', 'p99'],
] as const;

/**
 * The pool's task run and queue-wait times as Prometheus summaries, from Piscina's own histograms
 * (which it keeps per task since start; prom-client's Summary would need every sample again).
 * Piscina reports quantiles and the mean but no count: the count is the tasks completed, the sum
 * their mean times that count.
 */
export function poolTaskExposition(groups: ReadonlyArray<readonly [ThreadGroup, Pick<PoolStats, 'runTime' | 'waitTime' | 'completed'>]>): string {
  const lines: string[] = [];
  const seconds = (ms: number): number => (Number.isFinite(ms) ? ms / 1000 : 0);
  for (const kind of ['run', 'wait'] as const) {
    const name = `saywire_pool_task_${kind}_seconds`;
    lines.push(`# HELP ${name} Pool task ${kind === 'run' ? 'run' : 'queue-wait'} time since start (Piscina's record: sum is mean times count).`);
    lines.push(`# TYPE ${name} summary`);
    for (const [pool, stats] of groups) {
      const summary = kind === 'run' ? stats.runTime : stats.waitTime;
      for (const [quantile, field] of POOL_TASK_QUANTILES) lines.push(`${name}{pool="${pool}",quantile="${quantile}"} ${seconds(summary[field])}`);
      const count = stats.completed;
      lines.push(`${name}_sum{pool="${pool}"} ${count === 0 ? 0 : seconds(summary.mean) * count}`);
      lines.push(`${name}_count{pool="${pool}"} ${count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The loop-delay histogram in Prometheus text, from the monitor's bucket counts. prom-client's
 * Histogram takes samples only one `observe()` at a time, which for a 1 ms monitor meant
 * replaying every sample of the scrape interval (an hour unscraped blocked the loop 1.3 s).
 */
export function loopDelayExposition(totals: LoopDelayTotals): string {
  const lines = [
    `# HELP ${LOOP_HISTOGRAM} Main-thread event-loop delay (monitorEventLoopDelay, 1 ms resolution), one sample per ms.`,
    `# TYPE ${LOOP_HISTOGRAM} histogram`,
  ];
  totals.boundsMs.forEach((boundMs, i) => lines.push(`${LOOP_HISTOGRAM}_bucket{le="${boundMs / 1000}"} ${totals.atOrBelow[i]}`));
  lines.push(`${LOOP_HISTOGRAM}_bucket{le="+Inf"} ${totals.count}`);
  lines.push(`${LOOP_HISTOGRAM}_sum ${totals.sumMs / 1000}`);
  lines.push(`${LOOP_HISTOGRAM}_count ${totals.count}`);
  return `${lines.join('\n')}\n`;
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly #turns: Counter<'outcome'>;
  readonly #firstToken: Histogram;
  readonly #firstSentence: Histogram;
  readonly #firstAudio: Histogram;
  readonly #sentenceLatency: Histogram;
  readonly #audioBytes: Counter;
  readonly #audioFrames: Counter;
  readonly #errors: Counter<'code'>;
  readonly #speechFirstByte: Histogram<'engine'>;
  readonly #speechBytes: Counter<'engine'>;
  readonly #speechFailures: Counter<'engine' | 'code'>;
  readonly #loop: EventLoopMonitor;
  readonly #pool: WorkerPool;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    registerProcessMetrics(this.registry);
    this.#turns = new Counter({ name: 'saywire_turns_total', help: 'Turns ended, by outcome.', labelNames: ['outcome'], registers });
    const latency = (name: string, help: string) => new Histogram({ name, help, buckets: LATENCY_BUCKETS, registers });
    this.#firstToken = latency('saywire_time_to_first_token_seconds', 'From turn start to the first agent token.');
    this.#firstSentence = latency('saywire_time_to_first_sentence_seconds', 'From turn start to the first sentence sent.');
    this.#firstAudio = latency('saywire_time_to_first_audio_seconds', 'From turn start to the first audio frame sent.');
    this.#sentenceLatency = new Histogram({
      name: 'saywire_sentence_server_latency_seconds',
      help: 'Per sentence, from the moment the text completing its boundary reached the turn to its first audio frame on the socket: what the server added (scan, queue, synthesis, send).',
      buckets: SENTENCE_LATENCY_BUCKETS,
      registers,
    });
    this.#audioBytes = new Counter({ name: 'saywire_audio_bytes_total', help: 'PCM bytes of audio sent.', registers });
    this.#audioFrames = new Counter({ name: 'saywire_audio_frames_total', help: 'Audio frames sent.', registers });
    this.#errors = new Counter({ name: 'saywire_errors_total', help: 'Errors reported to clients, by code.', labelNames: ['code'], registers });
    this.#speechFirstByte = new Histogram({
      name: 'saywire_speech_first_byte_seconds',
      help: "From asking the speech engine for a sentence to its first audio (eSpeak: the whole pool task; an upstream: its body's first byte).",
      labelNames: ['engine'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#speechBytes = new Counter({ name: 'saywire_speech_bytes_total', help: 'PCM bytes the speech engine produced, before resampling.', labelNames: ['engine'], registers });
    this.#speechFailures = new Counter({
      name: 'saywire_speech_failures_total',
      help: 'Sentence syntheses that failed, by engine and code (cancelled ones do not count).',
      labelNames: ['engine', 'code'],
      registers,
    });

    new Gauge({
      name: 'saywire_connections',
      help: 'Open WebSocket connections.',
      registers,
      collect() {
        let n = 0;
        for (const _ of sources.connections()) n++;
        this.set(n);
      },
    });
    new Gauge({
      name: 'saywire_turns_active',
      help: 'Turns running now.',
      registers,
      collect() {
        let n = 0;
        for (const c of sources.connections()) if (c.activeTurn) n++;
        this.set(n);
      },
    });
    new Gauge({
      name: 'saywire_turns_retained',
      help: 'Turns held in memory (running and finished, not yet evicted).',
      registers,
      collect() {
        let n = 0;
        for (const c of sources.connections()) n += c.retainedTurns;
        this.set(n);
      },
    });
    new Gauge({
      name: 'saywire_pool_utilization',
      help: 'Share of pool thread time spent running tasks (0-1).',
      labelNames: ['pool'],
      registers,
      collect() {
        for (const [pool, stats] of sources.pool.groupStats()) this.set({ pool }, stats.utilization);
      },
    });
    new Gauge({
      name: 'saywire_pool_queue_size',
      help: 'Pool tasks waiting for a thread.',
      labelNames: ['pool'],
      registers,
      collect() {
        for (const [pool, stats] of sources.pool.groupStats()) this.set({ pool }, stats.queueSize);
      },
    });
    new Counter({
      name: 'saywire_pool_tasks_skipped_total',
      help: 'Queued speech tasks skipped in a worker because their turn or request had given up.',
      labelNames: ['pool'],
      registers,
      collect() {
        this.reset();
        this.inc({ pool: 'pipeline' }, sources.pool.skipped);
      },
    });
    new Gauge({
      name: 'saywire_pool_threads',
      help: 'Pool threads running.',
      labelNames: ['pool'],
      registers,
      collect() {
        for (const [pool, stats] of sources.pool.groupStats()) this.set({ pool }, stats.threads);
      },
    });
    const workerGauge = (name: string, help: string, read: (m: GroupMemory) => number): void => {
      new Gauge({
        name,
        help: `${help} Reported by each thread with a task reply, at most once a second; a thread that has run no task yet is absent.`,
        labelNames: ['pool', 'thread'],
        registers,
        collect() {
          // Threads come and go (a crashed one is replaced): only live ones are shown.
          this.reset();
          for (const m of sources.pool.threadMemory()) this.set({ pool: m.group, thread: String(m.threadId) }, read(m));
        },
      });
    };
    workerGauge('saywire_worker_heap_used_bytes', 'V8 heap in use in each pool thread, bytes.', (m) => m.heapUsedBytes);
    workerGauge('saywire_worker_heap_total_bytes', 'V8 heap reserved by each pool thread, bytes.', (m) => m.heapTotalBytes);
    workerGauge('saywire_worker_external_bytes', "Memory outside the V8 heap held by each pool thread's objects (the engine's heap included), bytes.", (m) => m.externalBytes);
    workerGauge('saywire_worker_engine_heap_bytes', "The speech engine's own heap in each pool thread (eSpeak's Emscripten memory), bytes.", (m) => m.engineHeapBytes);
    const loopWindow = sources.loop.reader();
    new Gauge({
      name: 'saywire_event_loop_delay_p99_seconds',
      help: 'p99 event-loop delay since the previous scrape (2% resolution).',
      registers,
      collect() {
        this.set(loopWindow.takeWindow().p99Ms / 1000);
      },
    });
    this.#loop = sources.loop;
    this.#pool = sources.pool;
  }

  /** The exposition text for a scrape. */
  async scrape(): Promise<string> {
    // The loop histogram and the pool summaries are written beside the registry's text: see
    // loopDelayExposition and poolTaskExposition.
    return `${await this.registry.metrics()}\n${loopDelayExposition(this.#loop.totals())}${poolTaskExposition(this.#pool.groupStats())}`;
  }

  turnDone(summary: ResponseSummary): void {
    this.#turns.inc({ outcome: summary.status });
    const t = summary.timings;
    if (t.first_token_ms !== null) this.#firstToken.observe(t.first_token_ms / 1000);
    if (t.first_sentence_ms !== null) this.#firstSentence.observe(t.first_sentence_ms / 1000);
    if (t.first_audio_ms !== null) this.#firstAudio.observe(t.first_audio_ms / 1000);
  }

  sentenceLatency(ms: number): void {
    this.#sentenceLatency.observe(ms / 1000);
  }

  audioSent(bytes: number): void {
    this.#audioFrames.inc();
    this.#audioBytes.inc(bytes);
  }

  error(code: string): void {
    this.#errors.inc({ code });
  }

  /** What the turns and the speech route report about `engine`'s syntheses. */
  speechObserver(engine: string): SpeechObserver {
    return {
      firstByte: (ms) => this.#speechFirstByte.observe({ engine }, ms / 1000),
      bytes: (count) => this.#speechBytes.inc({ engine }, count),
      failed: (code) => this.#speechFailures.inc({ engine, code }),
    };
  }
}
