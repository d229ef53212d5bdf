/**
 * Synthesis: engine load and first-sentence (cold) time, then warm throughput on one thread over
 * typical voice-agent sentences (sentences per second, real-time factor), plus what resampling
 * costs. Then the throughput side by side, in one run: speech tasks through the real pool with 1
 * and 2 threads, and the raw engine in 1 and 2 bare `worker_threads` (no pool, no messages, no
 * normalization: the most these threads can do). Each configuration runs for a fixed time cut
 * into short windows, the four taking turns window by window, and the whole repeats three times;
 * figures are the median with the spread.
 * `twoOverOneThreads` (pool 2 ÷ pool 1) says what the second thread buys, `poolOverRawEngine`
 * (pool 2 ÷ raw 2) what the pool costs. `node dist/bench/synthesis.bench.js [--quick]` prints
 * the JSON; `npm run bench -- --scope synthesis [--quick] [--json]` writes bench/results/.
 */
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { createEspeakEngine, espeakEngine } from '../src/speech/espeak-engine.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { WorkerPool } from '../src/pool/worker-pool.js';
import type { RawSynthesisData, RawSynthesisReport } from './raw-synthesis.worker.js';
import { Progress, percentile, round, table } from './report.js';

const ESPEAK = espeakEngine.description;
const DEFAULTS = { voice: ESPEAK.defaultVoice, rate: ESPEAK.rate.default, pitch: ESPEAK.pitch.default };

/** Already speakable text, as the normalizer hands it to the engine (the encoder bench speaks it too). */
export const SENTENCES = [
  'Sure, I can help you with that.',
  'Let me check the schedule for tomorrow morning.',
  'Your table for two is booked at seven thirty tonight.',
  'The weather in Paris will be sunny, with a high of twenty four degrees.',
  'I found three flights that leave before noon.',
  'Would you like me to send the confirmation to your email address?',
  'Okay.',
  'Your order has shipped and should arrive on Thursday.',
  'I am sorry, I did not catch that. Could you say it again?',
  'The total comes to forty two dollars and fifty cents.',
  'Turn left at the next intersection, then continue for two hundred meters.',
  'Your appointment with doctor Smith is on the fourteenth of March at three in the afternoon.',
  'Here is a quick summary of your messages.',
  'The meeting has been moved to the large conference room on the second floor.',
  'Thanks for waiting!',
  'Do you want the vegetarian option or the chicken?',
  'I have set a timer for ten minutes.',
  'Your balance is one thousand two hundred and five dollars.',
  'That song is by a band from Manchester, formed in the early nineties.',
  'Is there anything else I can help you with today?',
];

const RESAMPLE_RATES = [16_000, 24_000, 48_000];

/** Single-thread figures: the engine alone on this thread. Times in ms unless named otherwise. */
export interface SingleThreadFigures {
  /** `createEspeakEngine()` from cold: reading the 24 MB data file and initializing the module. */
  loadMs: number;
  /** The first sentence on a fresh engine (cold JIT). */
  firstSentenceMs: number;
  /** Distinct sentences in the set. */
  sentences: number;
  /** Sentences synthesized in the warm measurement. */
  synthesized: number;
  /** Mean characters per sentence. */
  meanChars: number;
  /** Mean audio per sentence. */
  meanAudioMs: number;
  /** Warm sentences per second on one thread. */
  sentencesPerSecond: number;
  /** Synthesis wall time / audio duration (lower is better). */
  realTimeFactor: number;
  /** Per-sentence synthesis time, warm. */
  perSentenceMs: { p50: number; p95: number; max: number };
  /** Cost of resampling the engine's output, ms per second of audio, by target rate in Hz. */
  resampleMsPerAudioSecond: Record<string, number>;
  /** The engine's native rate, Hz. */
  sampleRate: number;
}

/** One way of running synthesis on threads. */
export type ThreadConfig = 'pool-1' | 'pool-2' | 'raw-1' | 'raw-2';

/** One configuration's throughput over the repetitions. */
export interface ThreadFigure {
  config: ThreadConfig;
  /** `pool`: speech tasks (normalize + synthesize, PCM back in shared memory) through WorkerPool; `raw`: the engine in bare worker_threads. */
  kind: 'pool' | 'raw';
  threads: number;
  /** Sentences per second of each repetition, in run order. */
  runs: number[];
  /** Median over the repetitions. */
  sentencesPerSecond: number;
  /** (max − min) ÷ median over the repetitions. */
  spread: number;
  /** Wall time ÷ audio produced, from the median run (below 1/threads means the threads overlap well). */
  realTimeFactor: number;
}

export interface SynthesisBenchResult extends SingleThreadFigures {
  /** Seconds each configuration runs per repetition. */
  secondsPerRun: number;
  /** One timed window, ms: the configurations take turns window by window. */
  windowMs: number;
  repetitions: number;
  /** The order the configurations ran in, per repetition. */
  orders: ThreadConfig[][];
  threads: ThreadFigure[];
  /** Pool with 2 threads ÷ pool with 1, sentences per second (medians). */
  twoOverOneThreads: number;
  /** Pool with 2 threads ÷ the raw engine in 2 bare threads, sentences per second (medians). */
  poolOverRawEngine: number;
  /** Raw engine, 2 threads ÷ 1: what the machine gives a second thread at all. */
  rawTwoOverOne: number;
}

const REPETITIONS = 3;
/**
 * Length of one timed window, ms. The machines this runs on change speed within seconds (one
 * thread of the raw engine, timed in consecutive 5 s windows, went from one speed to nearly twice
 * it), so a configuration's time is cut into short windows and the four take turns window by
 * window: each sees the same machine, and a ratio compares like with like.
 */
const WINDOW_MS = 500;
/** Each repetition starts the rotation from a different order, so none always follows the same one. */
const ORDERS: ThreadConfig[][] = [
  ['raw-1', 'pool-1', 'raw-2', 'pool-2'],
  ['pool-2', 'raw-2', 'pool-1', 'raw-1'],
  ['pool-1', 'raw-2', 'raw-1', 'pool-2'],
];

const speechTask = (i: number) => ({ text: SENTENCES[i % SENTENCES.length] as string, ...DEFAULTS, sampleRate: null });

/** A configuration, started and warm, that can run a timed window. */
interface Runner {
  /** Sentences and audio samples in a window of `durationMs`, and its wall time. */
  run(durationMs: number): Promise<{ sentences: number; audioSamples: number; wallMs: number }>;
  close(): Promise<void>;
}

/**
 * Speech tasks through the real pool, two per thread in flight so a thread never idles waiting
 * for the main thread to hand it the next one.
 */
async function poolRunner(threads: number): Promise<Runner> {
  const pool = new WorkerPool({ minThreads: threads, maxThreads: threads, maxQueue: 64 });
  await pool.warmUp();
  // Every thread sees every sentence once before timing starts.
  await Promise.all(Array.from({ length: SENTENCES.length * threads }, (_, i) => pool.speak(speechTask(i))));
  return {
    async run(durationMs) {
      let next = 0;
      let audioSamples = 0;
      const started = performance.now();
      const deadline = started + durationMs;
      const lane = async (): Promise<void> => {
        while (performance.now() < deadline) {
          const reply = await pool.speak(speechTask(next++));
          audioSamples += reply.pcm.length;
        }
      };
      await Promise.all(Array.from({ length: threads * 2 }, lane));
      return { sentences: next, audioSamples, wallMs: performance.now() - started };
    },
    close: () => pool.close(),
  };
}

/** The raw engine in `threads` bare worker threads, started together for each window. */
async function rawRunner(threads: number): Promise<Runner> {
  const data: RawSynthesisData = { sentences: SENTENCES, options: DEFAULTS };
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./raw-synthesis.worker.js', import.meta.url), { workerData: data }));
  await Promise.all(workers.map(async (w) => await once(w, 'message')));
  return {
    async run(durationMs) {
      const started = performance.now();
      const reports = await Promise.all(
        workers.map(async (w) => {
          const reply = once(w, 'message');
          w.postMessage(durationMs);
          return (await reply)[0] as RawSynthesisReport;
        }),
      );
      return {
        sentences: reports.reduce((n, r) => n + r.sentences, 0),
        audioSamples: reports.reduce((n, r) => n + r.audioSamples, 0),
        wallMs: performance.now() - started,
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The engine alone on this thread: load, cold first sentence, warm throughput, resampling. */
export async function measureSingleThread(passes: number): Promise<SingleThreadFigures> {
  const options = DEFAULTS;
  let started = performance.now();
  const engine = await createEspeakEngine();
  const loadMs = performance.now() - started;

  started = performance.now();
  engine.synthesize(SENTENCES[0] as string, options);
  const firstSentenceMs = performance.now() - started;

  // A short warm-up so the JIT has seen every sentence before timing starts.
  for (const text of SENTENCES) engine.synthesize(text, options);

  const times: number[] = [];
  const outputs: Int16Array[] = [];
  let audioSamples = 0;
  let wall = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const text of SENTENCES) {
      const t0 = performance.now();
      const result = engine.synthesize(text, options);
      const elapsed = performance.now() - t0;
      times.push(elapsed);
      wall += elapsed;
      audioSamples += result.pcm.length;
      if (pass === 0) outputs.push(result.pcm);
    }
  }
  const audioMs = (audioSamples * 1000) / ESPEAK.sampleRate;

  const resampleMsPerAudioSecond: Record<string, number> = {};
  const firstPassSamples = outputs.reduce((n, pcm) => n + pcm.length, 0);
  for (const rate of RESAMPLE_RATES) {
    const t0 = performance.now();
    for (let pass = 0; pass < passes; pass++) {
      for (const pcm of outputs) resamplePcm16(pcm, ESPEAK.sampleRate, rate);
    }
    const seconds = (passes * firstPassSamples) / ESPEAK.sampleRate;
    resampleMsPerAudioSecond[String(rate)] = round((performance.now() - t0) / seconds, 3);
  }

  return {
    loadMs: round(loadMs, 1),
    firstSentenceMs: round(firstSentenceMs, 1),
    sentences: SENTENCES.length,
    synthesized: times.length,
    meanChars: round(SENTENCES.reduce((n, s) => n + s.length, 0) / SENTENCES.length, 1),
    meanAudioMs: round(audioMs / times.length, 0),
    sentencesPerSecond: round((times.length * 1000) / wall, 0),
    realTimeFactor: round(wall / audioMs, 4),
    perSentenceMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) },
    resampleMsPerAudioSecond,
    sampleRate: ESPEAK.sampleRate,
  };
}

/**
 * Runs the benchmark. `quick`: 10 s per configuration and repetition (about 2.5 minutes in all),
 * 3 single-thread passes; otherwise 20 s (about 4.5 minutes) and 25 passes.
 */
export async function runSynthesisBench(opts: { quick: boolean; secondsPerRun?: number }): Promise<SynthesisBenchResult> {
  const single = await measureSingleThread(opts.quick ? 3 : 25);
  const secondsPerRun = opts.secondsPerRun ?? (opts.quick ? 10 : 20);
  const runners = new Map<ThreadConfig, Runner>();
  const samples = new Map<ThreadConfig, Array<{ sentencesPerSecond: number; realTimeFactor: number }>>();
  const progress = new Progress('synthesis', REPETITIONS * 4);
  try {
    // Every configuration is started and warm before the first window; idle threads wait on a
    // message and take no CPU from the one being timed.
    runners.set('pool-1', await poolRunner(1));
    runners.set('pool-2', await poolRunner(2));
    runners.set('raw-1', await rawRunner(1));
    runners.set('raw-2', await rawRunner(2));
    const orders = ORDERS.slice(0, REPETITIONS);
    const rounds = Math.max(1, Math.round((secondsPerRun * 1000) / WINDOW_MS));
    for (const order of orders) {
      const totals = new Map<ThreadConfig, { sentences: number; audioSamples: number; wallMs: number }>();
      for (let round = 0; round < rounds; round++) {
        // Rotate the order every round, so no configuration always runs right after another.
        for (let k = 0; k < order.length; k++) {
          const config = order[(k + round) % order.length] as ThreadConfig;
          const r = await (runners.get(config) as Runner).run(WINDOW_MS);
          const sum = totals.get(config) ?? { sentences: 0, audioSamples: 0, wallMs: 0 };
          totals.set(config, { sentences: sum.sentences + r.sentences, audioSamples: sum.audioSamples + r.audioSamples, wallMs: sum.wallMs + r.wallMs });
        }
      }
      for (const [config, r] of totals) {
        const audioMs = (r.audioSamples * 1000) / ESPEAK.sampleRate;
        const list = samples.get(config) ?? [];
        list.push({ sentencesPerSecond: (r.sentences * 1000) / r.wallMs, realTimeFactor: r.wallMs / audioMs });
        samples.set(config, list);
      }
      progress.update([...samples.values()].reduce((n, l) => n + l.length, 0));
    }
    const figure = (config: ThreadConfig): ThreadFigure => {
      const runs = samples.get(config) ?? [];
      const rates = runs.map((x) => x.sentencesPerSecond);
      const median = percentile(rates, 50);
      const medianRun = runs.find((x) => x.sentencesPerSecond === median);
      return {
        config,
        kind: config.startsWith('pool') ? 'pool' : 'raw',
        threads: Number(config.slice(-1)),
        runs: rates.map((x) => round(x, 1)),
        sentencesPerSecond: round(median, 1),
        spread: round((Math.max(...rates) - Math.min(...rates)) / median, 3),
        realTimeFactor: round(medianRun?.realTimeFactor ?? Number.NaN, 4),
      };
    };
    const threads = (['pool-1', 'pool-2', 'raw-1', 'raw-2'] as const).map(figure);
    const rate = (config: ThreadConfig): number => (threads.find((t) => t.config === config) as ThreadFigure).sentencesPerSecond;
    return {
      ...single,
      secondsPerRun,
      windowMs: WINDOW_MS,
      repetitions: orders.length,
      orders,
      threads,
      twoOverOneThreads: round(rate('pool-2') / rate('pool-1')),
      poolOverRawEngine: round(rate('pool-2') / rate('raw-2')),
      rawTwoOverOne: round(rate('raw-2') / rate('raw-1')),
    };
  } finally {
    for (const runner of runners.values()) await runner.close();
  }
}

/** The Markdown summary of a run. */
export function synthesisMarkdown(r: SynthesisBenchResult): string {
  return [
    `One thread, eSpeak-NG (wasm2js) at ${r.sampleRate} Hz, ${r.synthesized} warm syntheses of ${r.sentences} sentences ` +
      `(mean ${r.meanChars} chars, ${r.meanAudioMs} ms of audio).`,
    '',
    table(
      ['measure', 'value'],
      [
        ['engine load (cold)', `${r.loadMs} ms`],
        ['first sentence (cold)', `${r.firstSentenceMs} ms`],
        ['sentences / s (warm)', r.sentencesPerSecond],
        ['real-time factor', r.realTimeFactor],
        ['per sentence p50 / p95 / max', `${r.perSentenceMs.p50} / ${r.perSentenceMs.p95} / ${r.perSentenceMs.max} ms`],
        ...Object.entries(r.resampleMsPerAudioSecond).map(([rate, ms]): [string, string] => [
          `resample to ${rate} Hz`,
          `${ms} ms per s of audio`,
        ]),
      ],
    ),
    '',
    `Throughput on threads, side by side in one run: each configuration runs ${r.secondsPerRun} s per repetition, in ` +
      `${r.windowMs} ms windows, the four taking turns window by window (each repetition rotates from one of: ` +
      `${r.orders.map((o) => o.join(' → ')).join('; ')}), ${r.repetitions} repetitions; median and spread ` +
      `((max − min) ÷ median). *pool*: speech tasks (normalize + synthesize, PCM back in shared memory) through the real WorkerPool, two ` +
      `tasks per thread in flight; *raw*: the engine alone in bare worker_threads, no messages, no normalization.`,
    '',
    table(
      ['configuration', 'sentences / s (median)', 'runs', 'spread', 'real-time factor'],
      r.threads.map((t) => [t.config, t.sentencesPerSecond, t.runs.join(', '), t.spread, t.realTimeFactor]),
    ),
    '',
    table(
      ['ratio', 'value', 'goal (quiet 2-core machine)'],
      [
        ['pool 2 threads ÷ pool 1 thread (`twoOverOneThreads`)', r.twoOverOneThreads, '≥ 1.5'],
        ['pool 2 threads ÷ raw engine 2 threads (`poolOverRawEngine`)', r.poolOverRawEngine, '≥ 0.85'],
        ['raw engine 2 threads ÷ 1 (what a second thread gives at all)', r.rawTwoOverOne, ''],
      ],
    ),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = process.argv.find((a) => a.startsWith('--seconds='));
  const result = await runSynthesisBench({
    quick: process.argv.includes('--quick'),
    ...(seconds === undefined ? {} : { secondsPerRun: Number(seconds.slice('--seconds='.length)) }),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
