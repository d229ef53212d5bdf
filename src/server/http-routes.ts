/**
 * The HTTP surface on the WebSocket's port: a table of routes, the small helpers they share (JSON
 * replies, bounded body reading), and the one place where an error becomes an HTTP answer. Routes
 * and checks throw {@link SaywireError}s; the status and headers come from the error catalogue.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { ERROR_CODES, type ErrorSpec, type HttpErrorCode, SaywireError } from '../errors.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Routes keyed by `METHOD /path`. */
export type RouteTable = ReadonlyMap<string, RouteHandler>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The raw answer to a request refused before it has a response object (a WebSocket upgrade, a
 * request that does not parse): the code's status line and no body.
 */
export function bareRefusal(code: HttpErrorCode): string {
  const status = ERROR_CODES[code].httpStatus;
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
}

/** Reads a request body of at most `maxBytes`; a larger one is a 413 without reading it all. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new SaywireError('BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new SaywireError('BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON object body. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SaywireError('INVALID_JSON', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SaywireError('INVALID_REQUEST', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** The methods a path answers: its routes' methods, HEAD wherever GET is, and OPTIONS. */
function methodsOf(routes: RouteTable, path: string): string[] {
  const methods = [...routes.keys()].filter((key) => key.endsWith(` ${path}`)).map((key) => key.slice(0, key.indexOf(' ')));
  if (methods.length === 0) return methods;
  if (methods.includes('GET')) methods.push('HEAD');
  return [...methods, 'OPTIONS'];
}

/** True when the request failed because its client went away (nothing to answer, not a fault). */
function isClientGone(res: ServerResponse, err: unknown): boolean {
  return res.destroyed || (err as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
}

/**
 * Answers a failed request from the catalogue: a coded error that HTTP can answer with gets its
 * status, headers and `{"error":{"code","message"}}`; anything else is a bug here, logged at
 * `error` and answered INTERNAL 500 without its message (it may name internals). A response whose
 * status has gone out, or whose client has gone, can only be cut short.
 */
function answerError(res: ServerResponse, err: unknown, logger: Logger): void {
  if (isClientGone(res, err)) {
    logger.debug({ err: (err as Error).message }, 'http client went away');
    res.destroy();
    return;
  }
  // INTERNAL is a bug even when coded: logged, and its message kept from the caller like any other.
  const answerable = err instanceof SaywireError && err.httpStatus !== undefined && err.code !== 'INTERNAL';
  if (!answerable) logger.error({ err }, 'http handler failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const error = answerable ? err : new SaywireError('INTERNAL', 'Internal error.');
  const spec: ErrorSpec = ERROR_CODES[error.code];
  for (const [name, value] of Object.entries(spec.httpHeaders ?? {})) res.setHeader(name, value);
  sendJson(res, error.httpStatus ?? 500, { error: { code: error.code, message: error.message } });
}

/** What every request passes through before routing. */
export interface HttpDispatch {
  routes: RouteTable;
  /** Refuses a request before routing (access, readiness, limits); `undefined` lets it through. */
  guard: (req: IncomingMessage, path: string) => SaywireError | undefined;
  /** CORS headers for the request's origin, set on every answer (errors too); `undefined` for none. */
  cors: (req: IncomingMessage) => Record<string, string> | undefined;
  logger: Logger;
}

/** True for a CORS preflight: `OPTIONS` asking whether another method may follow. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** How long a browser may cache a preflight's answer, seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Dispatches a request to its route and answers any failure (never rejects). HEAD runs the GET
 * route (Node sends no body for HEAD); OPTIONS answers 204 with `Allow` (and, for a CORS
 * preflight, the methods and headers a page may use); unknown paths are 404, known paths with
 * another method 405.
 */
export async function dispatch({ routes, guard, cors, logger }: HttpDispatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] as string;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const handler = routes.get(`${method} ${path}`);
  for (const [name, value] of Object.entries(cors(req) ?? {})) res.setHeader(name, value);
  try {
    const refusal = guard(req, path);
    if (refusal !== undefined) throw refusal;
    if (handler === undefined) {
      const methods = methodsOf(routes, path);
      if (methods.length > 0 && req.method === 'OPTIONS') {
        const allow = methods.join(', ');
        res.writeHead(
          204,
          isPreflight(req)
            ? {
                allow,
                'access-control-allow-methods': allow,
                'access-control-allow-headers': 'authorization, content-type',
                'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
              }
            : { allow },
        );
        res.end();
        return;
      }
      if (methods.length === 0) throw new SaywireError('NOT_FOUND', `No route for ${path}.`);
      // The one header a 405 must carry that the catalogue cannot know: it depends on the path.
      res.setHeader('allow', methods.join(', '));
      throw new SaywireError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}.`);
    }
    await handler(req, res);
  } catch (err) {
    answerError(res, err, logger);
  }
}
