/**
 * The server URLs the page talks to, on its own origin. An access token given to the page as
 * `?token=` (or typed into its token field) goes to both: the client module puts it on the
 * socket's URL, because a browser cannot set headers on a WebSocket.
 */

/** Where the page was loaded from (the parts of `window.location` used). */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/** The realtime socket (without the token: the client adds it) and the voice list (with it), absolute URLs. */
export interface Endpoints {
  socket: string;
  voices: string;
  token: string | undefined;
}

/** Builds the endpoints for a page location; `https:` pages get a `wss:` socket. */
export function endpointsFor(location: PageLocation): Endpoints {
  const given = new URLSearchParams(location.search).get('token');
  const token = given === null || given === '' ? undefined : given;
  const query = token === undefined ? '' : `?${new URLSearchParams({ token }).toString()}`;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    socket: `${scheme}//${location.host}/v1/realtime`,
    voices: `${location.protocol}//${location.host}/v1/voices${query}`,
    token,
  };
}
