/**
 * The server URLs the page talks to, on its own origin. An access token given to the page as
 * `?token=` is passed on to both, because a browser cannot set headers on a WebSocket.
 */

/** Where the page was loaded from (the parts of `window.location` used). */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/** The realtime socket and the voice list, absolute URLs. */
export interface Endpoints {
  socket: string;
  voices: string;
}

/** Builds the endpoints for a page location; `https:` pages get a `wss:` socket. */
export function endpointsFor(location: PageLocation): Endpoints {
  const token = new URLSearchParams(location.search).get('token');
  const query = token === null || token === '' ? '' : `?${new URLSearchParams({ token }).toString()}`;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    socket: `${scheme}//${location.host}/v1/realtime${query}`,
    voices: `${location.protocol}//${location.host}/v1/voices${query}`,
  };
}
