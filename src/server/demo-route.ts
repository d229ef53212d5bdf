/**
 * The browser demo: `GET /` serves the page, `GET /demo/app.css` its stylesheet and
 * `GET /web/<module>.js` its script modules, which `tsc -p src/demo/tsconfig.json` compiles into
 * `dist/web/`: the page's own (`demo/browser/`) and what they import, the client module
 * (`client/`) and the wire definitions it reads frames with (`protocol/`), the same files Node
 * runs. `/web/` mirrors `dist/web/`, so their relative imports resolve in the browser as they do
 * on disk. From the build (`dist/src/server/demo-route.js`) that folder is two levels up; when the
 * source runs under vitest it is the same build, as for the pipeline worker.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { DEMO_PAGE_HTML } from '../demo/page-html.js';
import { DEMO_PAGE_CSS } from '../demo/page-style.js';
import { SaywireError } from '../errors.js';
import type { RouteHandler } from './http-routes.js';

const fromSource = import.meta.url.endsWith('.ts');
const WEB_DIR = new URL(fromSource ? '../../dist/web/' : '../../web/', import.meta.url);

/**
 * The modules the page loads at run time (paths in `dist/web/` without `.js`); only these are
 * served. Modules imported only for their types are erased by the compiler and not listed;
 * `test/e2e/demo.test.ts` follows the built imports from `app.js` and checks this list is exactly them.
 */
export const DEMO_MODULES = [
  'demo/browser/app',
  'demo/browser/audio-player',
  'demo/browser/controls',
  'demo/browser/endpoints',
  'demo/browser/events-panel',
  'demo/browser/level-meter',
  'demo/browser/playing-turn',
  'demo/browser/text-deltas',
  'demo/browser/transcript',
  'demo/browser/word-timing',
  'client/index',
  'client/audio-chunk',
  'client/client-error',
  'client/connection',
  'client/event-queue',
  'client/listeners',
  'client/pending-requests',
  'client/reconnect',
  'client/response-handle',
  'client/saywire-client',
  'client/socket',
  'protocol/audio-encoding',
  'protocol/audio-frame',
  'clock',
] as const;

/**
 * Sent with every demo file. Scripts and styles only from this origin (nothing inline), network
 * only to this origin (CSP3 `'self'` covers `ws:`/`wss:` to the same host), no framing, no
 * plugins, no forms posted elsewhere.
 */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function serve(res: ServerResponse, contentType: string, body: string | Buffer): void {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': DEMO_CSP,
    'x-content-type-options': 'nosniff',
    // The page's URL may carry `?token=`: never send it on as a referrer.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(body);
}

function scriptRoute(name: string): RouteHandler {
  const file = new URL(`${name}.js`, WEB_DIR);
  return async (_req, res) => {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new SaywireError('NOT_FOUND', `The demo script ${name}.js is not built; run \`npm run build\`.`);
    }
    serve(res, 'text/javascript; charset=utf-8', body);
  };
}

/** The demo's routes, keyed `METHOD /path` like the server's route table; none needs a token. */
export function demoRoutes(): Array<[string, RouteHandler]> {
  return [
    ['GET /', (_req, res) => serve(res, 'text/html; charset=utf-8', DEMO_PAGE_HTML)],
    ['GET /demo/app.css', (_req, res) => serve(res, 'text/css; charset=utf-8', DEMO_PAGE_CSS)],
    ...DEMO_MODULES.map((name): [string, RouteHandler] => [`GET /web/${name}.js`, scriptRoute(name)]),
  ];
}
