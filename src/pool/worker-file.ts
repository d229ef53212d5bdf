/**
 * Where the compiled pipeline worker lives. Piscina needs JavaScript: from the build
 * (`dist/src/pool/worker-file.js`) the worker sits beside it in `dist/workers/`; when the source
 * runs under vitest (`src/pool/worker-file.ts`), it points at the same build, which `npm test`
 * makes first. An installed package ships `dist/`, so the first case covers it.
 */
const fromSource = import.meta.url.endsWith('.ts');

/** File URL of the pipeline worker, as Piscina's `filename`. */
export const PIPELINE_WORKER_URL: string = new URL(
  fromSource ? '../../dist/workers/pipeline.worker.js' : '../../workers/pipeline.worker.js',
  import.meta.url,
).href;
