/**
 * Synthesis on one thread: engine load and first-sentence (cold) time, then warm throughput over
 * typical voice-agent sentences, as sentences per second and real-time factor (wall time / audio
 * time), plus what resampling the result costs. Then the same sentences as speech tasks through
 * the real pool with 1 and with 2 threads, in the same run, reported as a ratio: what the second
 * thread buys. `node dist/bench/synthesis.bench.js [--quick]`
 * prints the JSON; `npm run bench -- --scope synthesis` writes it to bench/results/.
 */
import { pathToFileURL } from 'node:url';
import { createEspeakEngine, espeakEngine } from '../src/speech/espeak-engine.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { WorkerPool } from '../src/pool/worker-pool.js';
import { percentile, round, table } from './report.js';

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

/** What one run measured. Times in ms unless named otherwise. */
export interface SynthesisBenchResult {
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
  /** Speech tasks (normalize + synthesize) through the pool, by thread count. */
  pool: PoolFigure[];
  /** Sentences per second with 2 threads ÷ with 1. */
  twoOverOneThreads: number;
}

/** Speech tasks through the real pool with a fixed thread count. */
export interface PoolFigure {
  threads: number;
  tasks: number;
  sentencesPerSecond: number;
  /** Wall time / audio produced (lower is better; below 1/threads means threads overlap well). */
  realTimeFactor: number;
}

/**
 * Runs `tasks` speech tasks through a pool of `threads`, keeping two per thread in flight so a
 * thread never idles waiting for the main thread to hand it the next one.
 */
async function poolFigure(threads: number, tasks: number): Promise<PoolFigure> {
  const pool = new WorkerPool({ minThreads: threads, maxThreads: threads, maxQueue: 64 });
  const task = (i: number) => ({
    text: SENTENCES[i % SENTENCES.length] as string,
    ...DEFAULTS,
    sampleRate: null,
  });
  try {
    // Every thread loads its engine and sees every sentence once before timing starts.
    await Promise.all(Array.from({ length: SENTENCES.length * threads }, (_, i) => pool.speak(task(i))));
    let next = 0;
    let audioMs = 0;
    const started = performance.now();
    const lane = async (): Promise<void> => {
      while (next < tasks) {
        const reply = await pool.speak(task(next++));
        audioMs += (reply.pcm.length * 1000) / reply.sampleRate;
      }
    };
    await Promise.all(Array.from({ length: threads * 2 }, lane));
    const wall = performance.now() - started;
    return { threads, tasks, sentencesPerSecond: round((tasks * 1000) / wall, 0), realTimeFactor: round(wall / audioMs, 4) };
  } finally {
    await pool.close();
  }
}

/** Runs the single-thread synthesis benchmark; `quick` runs 3 passes over the set instead of 25. */
export async function runSynthesisBench(opts: { quick: boolean }): Promise<SynthesisBenchResult> {
  const options = DEFAULTS;
  let started = performance.now();
  const engine = await createEspeakEngine();
  const loadMs = performance.now() - started;

  started = performance.now();
  engine.synthesize(SENTENCES[0] as string, options);
  const firstSentenceMs = performance.now() - started;

  // A short warm-up so the JIT has seen every sentence before timing starts.
  for (const text of SENTENCES) engine.synthesize(text, options);

  const passes = opts.quick ? 3 : 25;
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

  const poolTasks = passes * SENTENCES.length;
  const pool = [await poolFigure(1, poolTasks), await poolFigure(2, poolTasks)];
  const [one, two] = pool as [PoolFigure, PoolFigure];

  return {
    pool,
    twoOverOneThreads: round(two.sentencesPerSecond / one.sentencesPerSecond),
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
    `Speech tasks (normalize + synthesize, PCM moved back) through the real pool, ${r.pool[0]?.tasks ?? 0} tasks per thread count, same run:`,
    '',
    table(
      ['pool threads', 'sentences / s', 'real-time factor'],
      r.pool.map((p) => [p.threads, p.sentencesPerSecond, p.realTimeFactor]),
    ),
    '',
    `2 threads ÷ 1 thread: ${r.twoOverOneThreads}× the sentences per second.`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSynthesisBench({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
