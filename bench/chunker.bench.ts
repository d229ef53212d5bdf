/**
 * Chunker throughput on one thread. A few MB of LLM-like text is streamed in 1–20 character
 * deltas through one `createSentenceChunker`; side by side in the same run, the peer splitters
 * `sbd` and `sentence-splitter` split the same text. They split whole text only (neither has a
 * streaming mode), which is the easier job: the figures compare our streaming against their
 * whole-text splitting, as ratios. Also measured: our chunker fed the whole text at once, and
 * how many scans the server's gate lets through per sentence (each one a pool task in `pool`
 * chunking mode).
 *
 * `node dist/bench/chunker.bench.js [--quick]` prints the result as JSON.
 */
import { pathToFileURL } from 'node:url';
import sbd from 'sbd';
import { split as splitSentences } from 'sentence-splitter';
import { fillChunkerOptions } from '../src/text/chunker-options.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';
import { SentenceCarry } from '../src/text/sentence-carry.js';
import { createSentenceChunker } from '../src/text/sentence-chunker.js';
import { llmText, toDeltas } from './fixtures/llm-text.js';
import { round, table } from './report.js';

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

/** Counts the scans the server's gate (SentenceCarry.append, one scan in flight) would run. */
function gatedScans(deltas: readonly string[]): { scans: number; sentences: number } {
  const options = fillChunkerOptions();
  const carry = new SentenceCarry(options);
  let scans = 0;
  let sentences = 0;
  const scan = (final: boolean): void => {
    const window = carry.text;
    scans++;
    sentences += carry.apply(scanSentenceEnds(window, carry.state, options, final), window.length).length;
  };
  for (const delta of deltas) if (carry.append(delta)) scan(false);
  scan(true);
  return { scans, sentences };
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
  const gate = gatedScans(deltas);
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
    `Goal: ≥ ${r.goalMbPerSecond} MiB/s streaming: ${r.goalMet ? 'met' : 'NOT met'}.`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runChunkerBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
}
