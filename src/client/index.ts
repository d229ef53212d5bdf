/**
 * `saywire/client`: a typed client for saywire's realtime WebSocket protocol, for browsers and
 * Node. No DOM needed; in Node it uses `ws`.
 */
export { SaywireClient, type SaywireClientOptions, type SaywireClientEvent } from './saywire-client.js';
export type { ConnectionState } from './connection.js';
export { ResponseHandle, TextResponseHandle, type ResponseEvent } from './response-handle.js';
export { SaywireClientError, CLIENT_ERROR_CODES, type ClientErrorCode, type ServerErrorBody } from './client-error.js';
export type { AudioChunk } from './audio-chunk.js';
export type { ReconnectOptions } from './reconnect.js';
export type { SocketFactory, WireSocket } from './socket.js';
export type { AudioFrameHeader } from '../protocol/audio-frame.js';
export type { ClientEvent, SessionUpdateFields } from '../protocol/client-events.js';
export type { ResponseSummary, ServerEvent, SessionInfo, WordTimingEvent } from '../protocol/server-events.js';
