/**
 * saywire's public door: the server factory, its options, the wire types, the errors, and the
 * pure text and speech functions usable as a library. Everything else is internal.
 */
export { createServer, type SaywireServer, type ServerDeps } from './server/server.js';
export { REALTIME_PATH } from './server/websocket-upgrade.js';
export {
  DEFAULT_OPTIONS,
  SETTINGS,
  validateOptions,
  type FilledServerOptions,
  type ServerOptions,
} from './config/options.js';
export { ConfigError, ERROR_CODES, SaywireError, type ErrorCode } from './errors.js';
export { type ClientEvent, CLIENT_EVENT_TYPES } from './protocol/client-events.js';
export { parseClientEvent } from './protocol/client-event-parser.js';
export { type ServerEvent, SERVER_EVENT_TYPES, PROTOCOL_VERSION } from './protocol/server-events.js';
export { decodeAudioFrame, type AudioFrameHeader } from './protocol/audio-frame.js';
export { type AudioEncoding, FORMAT_G711_ALAW, FORMAT_G711_ULAW, FORMAT_PCM16LE } from './protocol/audio-encoding.js';
export { createSentenceChunker, type SentenceChunker } from './text/sentence-chunker.js';
export type { ChunkerOptions } from './text/chunker-options.js';
export { type Agent, type AgentEvent, type AgentRequest, type HistoryItem } from './agents/agent.js';
export {
  normalizeForSpeech,
  toSourceRange,
  type NormalizeOptions,
  type OffsetMap,
  type SpeechText,
  type TextRange,
} from './speech/normalize.js';
