/**
 * Who may use the server. Checked before any WebSocket is made and before HTTP routes run:
 *
 * - the `Host` header against an allowlist (403 FORBIDDEN_HOST), against DNS rebinding: a page on
 *   `evil.example` whose name is made to resolve to 127.0.0.1 reaches a loopback server with
 *   `Host: evil.example`, and to the browser it is then the page's own origin. Names that cannot
 *   be rebound (localhost, IP addresses) pass; any other name must be listed in `allowedHosts`.
 * - the `Origin` header (403 FORBIDDEN_ORIGIN) against cross-site WebSocket hijacking: a browser
 *   page from another site may not open a socket with the user's network position unless its
 *   origin is allowed. Same origin means the same scheme family (http or https) and host.
 * - a shared-secret token (`Authorization: Bearer …`, or `?token=` for browsers, which cannot set
 *   headers on a WebSocket), answered with 401. A WebSocket upgrade may instead carry a one-use
 *   token from `POST /v1/tokens` (`access-tokens.ts`).
 *
 * Pages from origins in `allowedOrigins` may also call the HTTP routes: they get CORS headers,
 * and their preflight (`OPTIONS` with `Access-Control-Request-Method`) is checked for host and
 * origin only, because browsers send it without the token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { SaywireError } from '../errors.js';

export interface AccessOptions {
  authToken: string;
  allowedOrigins: string;
  allowedHosts: string;
}

/** Why a request is refused: a coded error whose status comes from the catalogue. */
export type AccessDenial = SaywireError & { readonly code: 'UNAUTHORIZED' | 'FORBIDDEN_ORIGIN' | 'FORBIDDEN_HOST' };

// The cast only narrows `code` to the one just passed in.
const deny = (code: AccessDenial['code'], message: string): AccessDenial => new SaywireError(code, message) as AccessDenial;

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

const list = (value: string): string[] =>
  value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');

/** The host name of a `Host` header, lower case, without port or IPv6 brackets; undefined if malformed. */
export function hostName(header: string): string | undefined {
  try {
    const { hostname } = new URL(`http://${header}`);
    return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return undefined;
  }
}

/** True when `host` (a Host header) names this server by a name no one else can point here. */
export function isAllowedHost(header: string | undefined, allowedHosts: string): boolean {
  if (header === undefined) return false;
  const name = hostName(header);
  if (name === undefined || name === '') return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return list(allowedHosts).some((entry) => entry === '*' || entry === name || (entry.startsWith('.') && (name.endsWith(entry) || name === entry.slice(1))));
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}

/** Checks only the `Host` header (for routes open without a token); `undefined` means it may proceed. */
export function checkHost(req: IncomingMessage, options: Pick<AccessOptions, 'allowedHosts'>): AccessDenial | undefined {
  const host = req.headers.host;
  if (isAllowedHost(host, options.allowedHosts)) return undefined;
  return deny('FORBIDDEN_HOST', `Host ${String(host).slice(0, 200)} is not allowed; see the allowedHosts setting.`);
}

/** True when `origin` is listed in `allowedOrigins` (or it holds `*`). */
function isListedOrigin(origin: string, allowedOrigins: string): boolean {
  const allowed = list(allowedOrigins);
  return allowed.includes('*') || allowed.includes(origin.toLowerCase());
}

/**
 * Checks the `Host` and `Origin` headers but not the token: what a CORS preflight can be checked
 * for, since browsers send it without credentials. `undefined` means it may proceed.
 */
export function checkHostAndOrigin(req: IncomingMessage, options: Pick<AccessOptions, 'allowedHosts' | 'allowedOrigins'>): AccessDenial | undefined {
  const hostDenial = checkHost(req, options);
  if (hostDenial !== undefined) return hostDenial;
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, req.headers.host) && !isListedOrigin(origin, options.allowedOrigins)) {
    return deny('FORBIDDEN_ORIGIN', `Origin ${origin.slice(0, 200)} is not allowed.`);
  }
  return undefined;
}

/**
 * The CORS headers for a request from a listed origin (another site's page calling the HTTP
 * routes): the origin echoed, never `*`, so a cache keyed on `Vary: Origin` keeps answers apart.
 * Same-origin requests and requests without `Origin` need none.
 */
export function corsHeaders(req: IncomingMessage, options: Pick<AccessOptions, 'allowedOrigins'>): Record<string, string> | undefined {
  const origin = req.headers.origin;
  if (origin === undefined || !isListedOrigin(origin, options.allowedOrigins)) return undefined;
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    // What a page may read besides the simple headers: the speech route's rate, a 503's wait.
    'access-control-expose-headers': 'x-sample-rate, retry-after',
  };
}

/**
 * Checks a request; `undefined` means it may proceed. `redeem`, given only for WebSocket upgrades,
 * accepts (and uses up) a token that is not the `authToken`.
 */
export function checkAccess(req: IncomingMessage, options: AccessOptions, redeem?: (token: string) => boolean): AccessDenial | undefined {
  const denial = checkHostAndOrigin(req, options);
  if (denial !== undefined) return denial;
  if (options.authToken !== '') {
    const token = tokenOf(req);
    if (token === undefined || !(sameSecret(token, options.authToken) || redeem?.(token) === true)) {
      return deny('UNAUTHORIZED', 'A valid token is required.');
    }
  }
  return undefined;
}
