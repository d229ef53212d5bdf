/**
 * The browser demo: `GET /` serves the page, `GET /demo/app.css` its stylesheet and
 * `GET /demo/<module>.js` its script modules, which `tsc -p src/demo/tsconfig.json` compiles into
 * `dist/web/demo/browser/` (the wire types they import from `src/protocol` are compiled beside
 * it and unused at run time). From the build (`dist/src/server/demo-route.js`) that folder is two levels up;
 * when the source runs under vitest it is the same build, as for the pipeline worker.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { DEMO_PAGE_HTML } from '../demo/page-html.js';
import { DEMO_PAGE_CSS } from '../demo/page-style.js';
import { SaywireError } from '../errors.js';
import type { RouteHandler } from './http-routes.js';

const fromSource = import.meta.url.endsWith('.ts');
const DEMO_DIR = new URL(fromSource ? '../../dist/web/demo/browser/' : '../../web/demo/browser/', import.meta.url);

/** The page's script modules (file names in `dist/web/demo/browser/` without `.js`); only these are served. */
export const DEMO_MODULES = ['app', 'audio-player', 'endpoints', 'pcm-frame', 'text-deltas', 'transcript', 'word-timing'] as const;

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
  const file = new URL(`${name}.js`, DEMO_DIR);
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
    ...DEMO_MODULES.map((name): [string, RouteHandler] => [`GET /demo/${name}.js`, scriptRoute(name)]),
  ];
}
