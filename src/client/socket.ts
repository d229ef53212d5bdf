/**
 * Opens the WebSocket: the browser's own where there is one and this is not Node, `ws` in Node
 * (Node 20 has no global WebSocket, and only `ws` can send the token as a header). Both are driven
 * through the small browser-shaped surface below, which `ws` implements too.
 */

/** The part of the browser's `WebSocket` the client uses. */
export interface WireSocket {
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drops the connection without a close handshake. */
  terminate?(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** `readyState` of an open socket (the same in browsers and `ws`). */
export const OPEN = 1;

/** Opens a socket to `url`; `token` is the server's access token, if it wants one. */
export type SocketFactory = (url: string, token: string | undefined) => Promise<WireSocket>;

interface NodeProcess {
  versions?: { node?: string };
}
const runsOnNode = typeof (globalThis as { process?: NodeProcess }).process?.versions?.node === 'string';

type WsConstructor = new (url: string, options: { headers?: Record<string, string> }) => unknown;
type BrowserConstructor = new (url: string) => unknown;

/** The default factory: `ws` with an `Authorization` header in Node, `?token=` in browsers (which cannot set headers). */
export const openSocket: SocketFactory = async (url, token) => {
  if (runsOnNode) {
    // The specifier sits in a variable so browser bundlers do not try to pack `ws`.
    const specifier = 'ws';
    const { WebSocket } = (await import(specifier)) as { WebSocket: WsConstructor };
    const headers = token === undefined ? undefined : { authorization: `Bearer ${token}` };
    // `ws` implements the browser-shaped surface; its own types describe more than it.
    return new WebSocket(url, headers === undefined ? {} : { headers }) as WireSocket;
  }
  const Browser = (globalThis as { WebSocket?: BrowserConstructor }).WebSocket;
  if (Browser === undefined) throw new Error('no WebSocket implementation: this runtime is neither a browser nor Node');
  return new Browser(withToken(url, token)) as WireSocket;
};

/** `url` with `token` as its `token` query parameter (replacing any). */
export function withToken(url: string, token: string | undefined): string {
  if (token === undefined) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('token', token);
  return parsed.toString();
}

/** The HTTP status of a refused upgrade, which `ws` puts in its error message; browsers never reveal it. */
export function refusalStatus(message: string | undefined): number | undefined {
  const match = /Unexpected server response: (\d{3})/.exec(message ?? '');
  return match === null ? undefined : Number(match[1]);
}
