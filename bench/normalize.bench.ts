/**
 * Normalization accuracy, saywire against Festival, side by side on the same hand-written
 * conformance set (`test/speech/conformance`, over 400 cases in 14 classes, each group with the
 * convention it follows). Festival (Debian's `festival`) is started once with `--pipe`; each
 * case goes through its English text front end only (Text, Token_POS, Token: the token-to-words
 * rules, no synthesis) and the names of the utterance's Word items are its reading. Readings are
 * compared after case, punctuation and hyphens are set aside (`comparable` in the set's
 * `case.ts`). Without a `festival` on the PATH its column is skipped with a notice.
 *
 * Also measured: saywire's time per case, since the normalizer runs per sentence in the workers.
 *
 * `node dist/bench/normalize.bench.js` prints the result as JSON.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { normalizeForSpeech } from '../src/speech/normalize.js';
import { CLASSES } from '../test/speech/conformance/case.js';
import { CONFORMANCE_CASES } from '../test/speech/conformance/cases.js';
import { type Miss, type Score, scoreReader } from '../test/speech/conformance/score.js';
import { round, table } from './report.js';

/** One reader's accuracy, per class and overall, in percent. */
export interface ReaderFigure {
  name: string;
  overallPercent: number;
  correct: number;
  cases: number;
  classPercent: Record<string, number>;
  /** Up to 40 misses, for the record. */
  misses: Miss[];
}

export interface NormalizeBenchResult {
  cases: number;
  saywire: ReaderFigure;
  /** Absent when Festival is not installed; `festivalSkipped` then says why. */
  festival?: ReaderFigure;
  festivalSkipped?: string;
  /** saywire's median time to normalize one case, µs, over repeated passes. */
  saywireMicrosPerCase: number;
}

function figure(name: string, score: Score): ReaderFigure {
  return {
    name,
    overallPercent: round(score.overall.accuracy * 100, 1),
    correct: score.overall.correct,
    cases: score.overall.cases,
    classPercent: Object.fromEntries(score.classes.map((c) => [c.class, round(c.accuracy * 100, 1)])),
    misses: score.misses.slice(0, 40),
  };
}

const SCHEME_ESCAPES = /["\\]/g;
const LIST_ITEM = /"((?:[^"\\]|\\.)*)"/g;
const ESCAPED = /\\(.)/g;

/** The Scheme program that prints one line of words per text, between markers. */
function festivalProgram(texts: readonly string[]): string {
  const lines = [
    "(define (words-of text) (let ((utt (eval (list 'Utterance 'Text text))))",
    '  (Initialize utt) (Text utt) (Token_POS utt) (Token utt)',
    "  (mapcar (lambda (w) (item.name w)) (utt.relation.items utt 'Word))))",
  ];
  for (const text of texts) lines.push(`(format t "@@ %l\\n" (words-of "${text.replaceAll(SCHEME_ESCAPES, '\\$&')}"))`);
  return `${lines.join('\n')}\n`;
}

/** Runs every text through one `festival --pipe`; undefined when festival cannot be started. */
async function festivalReadings(texts: readonly string[]): Promise<string[] | undefined> {
  const child = spawn('festival', ['--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.resume();
  const exited = new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(festivalProgram(texts));
  if (!(await exited)) return undefined;
  const readings = stdout
    .split('\n')
    .filter((line) => line.startsWith('@@ '))
    .map((line) => [...line.matchAll(LIST_ITEM)].map((item) => (item[1] as string).replaceAll(ESCAPED, '$1')).join(' '));
  return readings.length === texts.length ? readings : undefined;
}

function timeSaywire(texts: readonly string[], passes: number): number {
  const perPass: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = process.hrtime.bigint();
    for (const text of texts) normalizeForSpeech(text);
    perPass.push(Number(process.hrtime.bigint() - started) / 1000 / texts.length);
  }
  perPass.sort((a, b) => a - b);
  return round(perPass[Math.floor(perPass.length / 2)] as number, 1);
}

export async function runNormalizeBench(opts: { quick: boolean }): Promise<NormalizeBenchResult> {
  const texts = CONFORMANCE_CASES.flatMap((group) => group.cases.map(([written]) => written));
  const saywire = figure('saywire', scoreReader(CONFORMANCE_CASES, (written) => normalizeForSpeech(written).text));
  const result: NormalizeBenchResult = { cases: texts.length, saywire, saywireMicrosPerCase: timeSaywire(texts, opts.quick ? 5 : 50) };
  const readings = await festivalReadings(texts);
  if (readings === undefined) {
    result.festivalSkipped = 'festival is not installed (apt-get install festival) or did not answer; its column is skipped';
    process.stderr.write(`normalize bench: ${result.festivalSkipped}\n`);
    return result;
  }
  const byText = new Map(texts.map((text, i) => [text, readings[i] as string]));
  result.festival = figure('Festival', scoreReader(CONFORMANCE_CASES, (written) => byText.get(written) ?? ''));
  return result;
}

export function normalizeMarkdown(r: NormalizeBenchResult): string {
  const readers = [r.saywire, ...(r.festival === undefined ? [] : [r.festival])];
  const rows = CLASSES.map((name) => [name, ...readers.map((f) => `${f.classPercent[name] ?? 0}%`)]);
  rows.push(['**overall**', ...readers.map((f) => `**${f.overallPercent}%** (${f.correct}/${f.cases})`)]);
  const notice = r.festivalSkipped === undefined ? '' : `\n\nFestival skipped: ${r.festivalSkipped}.`;
  return (
    `${r.cases} hand-written cases (\`test/speech/conformance\`), accuracy per class; readings compared ignoring case, ` +
    `punctuation and hyphens.\n\n${table(['class', ...readers.map((f) => f.name)], rows)}${notice}\n\n` +
    `saywire normalizes a case in ${r.saywireMicrosPerCase} µs (median of passes, one thread). Festival's front end ` +
    `reads its input as Latin-1 bytes, so non-ASCII symbols (−, ½, €, °, ²) reach it as noise: part of its misses.\n`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await runNormalizeBench({ quick: process.argv.includes('--quick') }), null, 2)}\n`);
}
