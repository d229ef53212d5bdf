/**
 * The HTTP surface on the WebSocket's port: a table of routes and the small helpers they share
 * (JSON replies, bounded body reading, coded 4xx errors).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SaywireError } from '../errors.js';

/** An HTTP failure with a status and a stable code, answered as JSON. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Routes keyed by `METHOD /path`. */
export type RouteTable = ReadonlyMap<string, RouteHandler>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: { code: err.code, message: err.message } });
}

/** Reads a request body of at most `maxBytes`; a larger one is a 413 without reading it all. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
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
    throw new HttpError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'INVALID_REQUEST', 'The request body must be a JSON object.');
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
export function isClientGone(res: ServerResponse, err: unknown): boolean {
  return res.destroyed || (err as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
}

/**
 * Dispatches a request to its route. HEAD runs the GET route (Node sends no body for HEAD);
 * OPTIONS answers 204 with `Allow`; unknown paths are 404, known paths with another method 405.
 */
export async function dispatch(routes: RouteTable, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] as string;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const handler = routes.get(`${method} ${path}`);
  try {
    if (handler === undefined) {
      const methods = methodsOf(routes, path);
      if (methods.length > 0 && req.method === 'OPTIONS') {
        res.writeHead(204, { allow: methods.join(', ') });
        res.end();
        return;
      }
      if (methods.length === 0) throw new HttpError(404, 'NOT_FOUND', `No route for ${path}.`);
      res.setHeader('allow', methods.join(', '));
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}.`);
    }
    await handler(req, res);
  } catch (err) {
    if (res.headersSent || isClientGone(res, err)) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) sendError(res, err);
    else if (err instanceof SaywireError && err.code === 'OVERLOADED') {
      // Busy, not broken: the caller may come back shortly.
      res.setHeader('retry-after', '1');
      sendError(res, new HttpError(503, err.code, err.message));
    } else throw err;
  }
}
