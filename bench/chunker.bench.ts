/**
 * Chunker throughput on one thread. A few MB of LLM-like text is streamed in 1–20 character
 * deltas through one `createSentenceChunker`; side by side in the same run, the peer splitters
 * `sbd` and `sentence-splitter` split the same text. They split whole text only (neither has a
 * streaming mode), which is the easier job: the figures compare our streaming against their
 * whole-text splitting, as ratios. Also measured: our chunker fed the whole text at once, and
 * how many scans the server's gate lets through per sentence (each one a pool task in `pool`
 * chunking mode), and what one such task costs as a pool round trip against the same scan done
 * inline: the price `pool` mode pays per scan to keep the event loop free.
 *
 * `node dist/bench/chunker.bench.js [--quick]` prints the result as JSON.
 */
import { pathToFileURL } from 'node:url';
import sbd from 'sbd';
import { split as splitSentences } from 'sentence-splitter';
import { WorkerPool } from '../src/pool/worker-pool.js';
import { fillChunkerOptions } from '../src/text/chunker-options.js';
import { type ScanState, scanSentenceEnds } from '../src/text/sentence-boundaries.js';
import { SentenceCarry } from '../src/text/sentence-carry.js';
import { createSentenceChunker } from '../src/text/sentence-chunker.js';
import { llmText, toDeltas } from './fixtures/llm-text.js';
import { percentile, round, table } from './report.js';

/** One splitter's figures. */
export interface SplitterFigure {
  name: string;
  mode: 'streaming, 1–20 char deltas' | 'whole text' | 'whole text, per paragraph';
  /** Text throughput, MiB of UTF-8 per second (median of the measured passes). */
  mbPerSecond: number;
  sentencesPerSecond: number;
  sentences: number;
  /** saywire streaming MB/s divided by this splitter's. */
  saywireStreamingOverThis: number;
}

/** What `runChunkerBench` measured. */
export interface ChunkerBenchResult {
  textBytes: number;
  deltas: number;
  passes: number;
  note: string;
  splitters: SplitterFigure[];
  /** The server's gated path: scans (pool tasks) per released sentence, and per delta. */
  gate: { scans: number; sentences: number; scansPerSentence: number; scansPerDelta: number };
  /**
   * One chunk task, µs: a pool round trip (one task in flight, as the gate sends them) and the
   * same scan inline on the main thread, over the windows the gate actually sent.
   */
  poolRoundTrip: { tasks: number; meanWindowChars: number; poolP50Us: number; poolP99Us: number; inlineP50Us: number; inlineP99Us: number };
  /** The goal for saywire streaming, MiB/s, and whether this run met it. */
  goalMbPerSecond: number;
  goalMet: boolean;
}

const GOAL_MB_PER_SECOND = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs `fn` once to warm up, then `passes` times; returns the median time (ms) and its count. */
function measure(fn: () => number, passes: number): { ms: number; count: number } {
  const count = fn();
  const times: number[] = [];
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return { ms: median(times), count };
}

interface ScanWindow {
  text: string;
  state: ScanState;
  final: boolean;
}

/**
 * Counts the scans the server's gate (SentenceCarry.append, one scan in flight) would run, and
 * keeps the first `keep` windows it would send.
 */
function gatedScans(deltas: readonly string[], keep: number): { scans: number; sentences: number; windows: ScanWindow[] } {
  const options = fillChunkerOptions();
  const carry = new SentenceCarry(options);
  let scans = 0;
  let sentences = 0;
  const windows: ScanWindow[] = [];
  const scan = (final: boolean): void => {
    const window = carry.text;
    if (windows.length < keep) windows.push({ text: window, state: carry.state, final });
    scans++;
    sentences += carry.apply(scanSentenceEnds(window, carry.state, options, final), window.length).length;
  };
  for (const delta of deltas) if (carry.append(delta)) scan(false);
  scan(true);
  return { scans, sentences, windows };
}

/** Per-task cost of `windows` through a one-thread pool (awaited one by one) and inline, µs. */
async function roundTrip(windows: readonly ScanWindow[]): Promise<ChunkerBenchResult['poolRoundTrip']> {
  const options = fillChunkerOptions();
  const pool = new WorkerPool({ minThreads: 1, maxThreads: 1, maxQueue: 16 });
  const poolUs: number[] = [];
  const inlineUs: number[] = [];
  try {
    await pool.warmUp();
    // Warm both paths before measuring.
    for (const w of windows.slice(0, 200)) {
      await pool.chunk({ ...w, options });
      scanSentenceEnds(w.text, w.state, options, w.final);
    }
    for (const w of windows) {
      let started = performance.now();
      await pool.chunk({ ...w, options });
      poolUs.push((performance.now() - started) * 1000);
      started = performance.now();
      scanSentenceEnds(w.text, w.state, options, w.final);
      inlineUs.push((performance.now() - started) * 1000);
    }
  } finally {
    await pool.close();
  }
  return {
    tasks: windows.length,
    meanWindowChars: Math.round(windows.reduce((n, w) => n + w.text.length, 0) / windows.length),
    poolP50Us: round(percentile(poolUs, 50), 1),
    poolP99Us: round(percentile(poolUs, 99), 1),
    inlineP50Us: round(percentile(inlineUs, 50), 1),
    inlineP99Us: round(percentile(inlineUs, 99), 1),
  };
}

/** Measures the chunker against its peers; `quick` streams about 1 MB, otherwise about 4 MB. */
export async function runChunkerBench(opts: { quick: boolean }): Promise<ChunkerBenchResult> {
  const text = llmText(opts.quick ? 1_000_000 : 4_000_000);
  const bytes = Buffer.byteLength(text);
  const deltas = toDeltas(text);
  const passes = opts.quick ? 3 : 5;
  const runs: Array<{ name: string; mode: SplitterFigure['mode']; fn: () => number }> = [
    {
      name: 'saywire',
      mode: 'streaming, 1–20 char deltas',
      fn: () => {
        const chunker = createSentenceChunker();
        let n = 0;
        for (const delta of deltas) n += chunker.push(delta).length;
        return n + chunker.flush().length;
      },
    },
    {
      name: 'saywire',
      mode: 'whole text',
      fn: () => {
        const chunker = createSentenceChunker();
        return chunker.push(text).length + chunker.flush().length;
      },
    },
    { name: 'sbd', mode: 'whole text', fn: () => sbd.sentences(text, { newline_boundaries: true }).length },
    {
      // Its time grows faster than linearly with input length (a whole MB takes tens of
      // seconds), so it gets the text one paragraph at a time, as anyone would use it.
      name: 'sentence-splitter',
      mode: 'whole text, per paragraph',
      fn: () => {
        let n = 0;
        for (const paragraph of text.split('\n\n')) n += splitSentences(paragraph).filter((node) => node.type === 'Sentence').length;
        return n;
      },
    },
  ];
  const measured = runs.map((run) => ({ ...run, ...measure(run.fn, passes) }));
  const mbps = (ms: number): number => bytes / 2 ** 20 / (ms / 1000);
  const ours = mbps((measured[0] as (typeof measured)[number]).ms);
  const splitters = measured.map((m) => ({
    name: m.name,
    mode: m.mode,
    mbPerSecond: round(mbps(m.ms)),
    sentencesPerSecond: Math.round(m.count / (m.ms / 1000)),
    sentences: m.count,
    saywireStreamingOverThis: round(ours / mbps(m.ms)),
  }));
  const { windows, ...gate } = gatedScans(deltas, opts.quick ? 2_000 : 10_000);
  const poolRoundTrip = await roundTrip(windows);
  return {
    textBytes: bytes,
    deltas: deltas.length,
    passes,
    note:
      'sbd and sentence-splitter split whole text only (they have no streaming mode); saywire streams the same text in deltas. sentence-splitter gets it paragraph by paragraph (it is superlinear in input length). Sentence counts differ because the rules differ.',
    splitters,
    gate: {
      ...gate,
      scansPerSentence: round(gate.scans / gate.sentences),
      scansPerDelta: round(gate.scans / deltas.length, 3),
    },
    poolRoundTrip,
    goalMbPerSecond: GOAL_MB_PER_SECOND,
    goalMet: ours >= GOAL_MB_PER_SECOND,
  };
}

/** A Markdown summary of a result. */
export function chunkerMarkdown(r: ChunkerBenchResult): string {
  return [
    `${(r.textBytes / 2 ** 20).toFixed(1)} MiB of LLM-like text in ${r.deltas} deltas, median of ${r.passes} passes on one thread. ${r.note}`,
    '',
    table(
      ['splitter', 'mode', 'MiB/s', 'sentences/s', 'sentences', 'saywire streaming ÷ this'],
      r.splitters.map((s) => [s.name, s.mode, s.mbPerSecond, s.sentencesPerSecond, s.sentences, s.saywireStreamingOverThis]),
    ),
    '',
    `Gate: ${r.gate.scans} scans for ${r.gate.sentences} sentences (${r.gate.scansPerSentence} per sentence, ${r.gate.scansPerDelta} per delta).`,
    '',
    `One chunk task over the gate's first ${r.poolRoundTrip.tasks} windows (mean ${r.poolRoundTrip.meanWindowChars} chars), µs:`,
    '',
    table(
      ['path', 'p50 µs', 'p99 µs'],
      [
        ['pool round trip (one thread, one task in flight)', r.poolRoundTrip.poolP50Us, r.poolRoundTrip.poolP99Us],
        ['inline scan on the main thread', r.poolRoundTrip.inlineP50Us, r.poolRoundTrip.inlineP99Us],
      ],
    ),
    '',
    `Goal: ≥ ${r.goalMbPerSecond} MiB/s streaming: ${r.goalMet ? 'met' : 'NOT met'}.`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runChunkerBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
}
