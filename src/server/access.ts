/**
 * Who may use the server. Checked before any WebSocket is made and before HTTP routes run:
 * a shared-secret token (`Authorization: Bearer …`, or `?token=` for browsers, which cannot set
 * headers on a WebSocket) answered with 401, and an `Origin` check answered with 403 against
 * cross-site WebSocket hijacking: a browser page from another site may not open a socket with
 * the user's network position unless its origin is allowed.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AccessOptions {
  authToken: string;
  allowedOrigins: string;
}

/** Why a request is refused. */
export interface AccessDenial {
  status: 401 | 403;
  code: 'UNAUTHORIZED' | 'FORBIDDEN_ORIGIN';
  message: string;
}

function tokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const query = (req.url ?? '').split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('token') ?? undefined);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a request; `undefined` means it may proceed. */
export function checkAccess(req: IncomingMessage, options: AccessOptions): AccessDenial | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = options.allowedOrigins.split(',').map((o) => o.trim()).filter((o) => o !== '');
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host === req.headers.host;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin && !allowed.includes('*') && !allowed.includes(origin)) {
      return { status: 403, code: 'FORBIDDEN_ORIGIN', message: `Origin ${origin.slice(0, 200)} is not allowed.` };
    }
  }
  if (options.authToken !== '') {
    const token = tokenOf(req);
    if (token === undefined || !sameSecret(token, options.authToken)) {
      return { status: 401, code: 'UNAUTHORIZED', message: 'A valid token is required.' };
    }
  }
  return undefined;
}
