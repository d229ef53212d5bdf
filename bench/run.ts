/**
 * The benchmark runner: `npm run bench [-- --scope NAME] [--quick] [--json]`.
 * Each scope writes `bench/results/<scope>.json` and a Markdown summary beside it; `--json`
 * also prints the JSON. Comparisons inside a scope run side by side in the same run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChunkerBench, chunkerMarkdown } from './chunker.bench.js';
import { encodersMarkdown, runEncodersBench } from './encoders.bench.js';
import { httpMarkdown, runHttpBench } from './http.bench.js';
import { normalizeMarkdown, runNormalizeBench } from './normalize.bench.js';
import { machine, writeResult } from './report.js';
import { runSoakBench, soakMarkdown } from './soak.bench.js';
import { runSynthesisBench, synthesisMarkdown } from './synthesis.bench.js';
import { runWsBench, wsMarkdown } from './ws.bench.js';
import { runWireBench, wireMarkdown } from './wire.bench.js';

interface Scope {
  run(opts: { quick: boolean }): Promise<unknown>;
  markdown(result: never): string;
}

const SCOPES: Record<string, Scope> = {
  chunker: { run: runChunkerBench, markdown: chunkerMarkdown },
  synthesis: { run: runSynthesisBench, markdown: synthesisMarkdown },
  soak: { run: runSoakBench, markdown: soakMarkdown },
  http: { run: runHttpBench, markdown: httpMarkdown },
  ws: { run: runWsBench, markdown: wsMarkdown },
  wire: { run: runWireBench, markdown: wireMarkdown },
  normalize: { run: runNormalizeBench, markdown: normalizeMarkdown },
  encoders: { run: runEncodersBench, markdown: encodersMarkdown },
};

// Results live in the source tree (bench/results), not in dist/.
const RESULTS = new URL('../../bench/results/', import.meta.url);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const names = values.scope ?? Object.keys(SCOPES);
  for (const name of names) {
    const scope = SCOPES[name];
    if (scope === undefined) throw new Error(`Unknown scope "${name}". Scopes: ${Object.keys(SCOPES).join(', ')}.`);
    const started = new Date();
    process.stderr.write(`bench ${name}${values.quick ? ' (quick)' : ''}…\n`);
    const result = await scope.run({ quick: values.quick });
    const command = `npm run bench -- --scope ${name}${values.quick ? ' --quick' : ''}`;
    const record = { scope: name, quick: values.quick, date: started.toISOString(), command, machine: machine(), result };
    const header = `# ${name} benchmark\n\n${started.toISOString().slice(0, 10)} · \`${command}\` · ${record.machine.cpu}, ${record.machine.cores} cores, Node ${record.machine.node}\n\n`;
    writeResult(RESULTS, name, record, header + scope.markdown(result as never));
    if (name === 'soak') writeFileSync(new URL('soak.svg', RESULTS), (result as { svg: string }).svg);
    if (values.json) process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    else process.stderr.write(`wrote bench/results/${name}.json\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
