/**
 * Client → server events (protocol version 1): the shape of each event, the list of their
 * types, and the bounds a server holds them to. Types and constants only, so the browser client
 * can take its types from here without pulling in the parser; the parser that checks a frame
 * against these shapes is `client-event-parser.ts`.
 */
import type { AudioEncoding } from './audio-encoding.js';

/** Session settings a client may change with `session.update`; every field optional. */
export interface SessionUpdateFields {
  /** A voice id from `GET /v1/voices`. */
  voice?: string;
  /** Speaking rate in words per minute, within the engine's range (`ParseLimits.rate`). */
  rate?: number;
  /** Voice pitch, within the engine's range (`ParseLimits.pitch`). */
  pitch?: number;
  audio?: {
    /** `binary` frames (default) or base64 `response.audio.delta` JSON events. */
    format?: 'binary' | 'base64';
    /** `pcm16` (default), or G.711 `g711_ulaw` / `g711_alaw` at 8,000 Hz, one byte a sample. */
    encoding?: AudioEncoding;
    /** PCM16 output sample rate in Hz; `native` keeps the engine's own rate. G.711 is always 8000. */
    sample_rate?: 'native' | 8000 | 16_000 | 24_000 | 48_000;
    /** Duration of audio in one frame, ms (10–1000). */
    frame_ms?: number;
  };
  /**
   * At most one `response.text.delta` per this many ms (0–1000): the agent's tokens in between
   * go out together in one. 0 sends each as it comes.
   */
  text_delta_ms?: number;
  chunking?: {
    max_sentence_chars?: number;
    min_sentence_chars?: number;
    first_clause_chars?: number;
    /** Language whose sentence rules apply (a tag such as `de`); by default the voice's language. */
    language?: string;
  };
  /**
   * Words to say differently; replaces the previous list (an empty one clears it). At most
   * {@link MAX_SESSION_PRONUNCIATIONS}; they come before the server's `pronunciationsFile`.
   */
  pronunciations?: PronunciationEntry[];
  /** Functions the agent may call; replaces the previous list. At most {@link MAX_TOOLS}. */
  tools?: Array<{ type: 'function'; name: string; description: string; parameters: Record<string, unknown> }>;
}

/** Voice settings a response may set for itself (`response.create`, the first `text.append`). */
export type ResponseVoiceFields = Pick<SessionUpdateFields, 'voice' | 'rate' | 'pitch'>;

/** One pronunciation as the wire (and `pronunciationsFile`) spells it. */
export interface PronunciationEntry {
  /** The written word or words, 1 to {@link MAX_PRONUNCIATION_TEXT_CHARS} characters, matched whole. */
  text: string;
  /** What to say, 1 to {@link MAX_PRONUNCIATION_SAY_CHARS} characters; whitespace collapses. */
  say: string;
  /** Match `text` only in this letter case (default false: any case). */
  case_sensitive?: boolean;
}

/** Most pronunciations a session may set. */
export const MAX_SESSION_PRONUNCIATIONS = 100;
/** Longest `text` of a pronunciation, characters. */
export const MAX_PRONUNCIATION_TEXT_CHARS = 64;
/** Longest `say` of a pronunciation, characters. */
export const MAX_PRONUNCIATION_SAY_CHARS = 256;

/** Most tools a session may declare. */
export const MAX_TOOLS = 64;

/** What every client event carries. */
export interface ClientEventBase {
  /** Optional client-chosen id; errors caused by this event echo it. */
  event_id?: string;
}

export interface SessionUpdateEvent extends ClientEventBase {
  type: 'session.update';
  session: SessionUpdateFields;
}
export interface ConversationItemCreateEvent extends ClientEventBase {
  type: 'conversation.item.create';
  item:
    | { type: 'message'; role: 'user'; text: string }
    | { type: 'function_call_output'; call_id: string; output: string };
}
export interface ResponseCreateEvent extends ClientEventBase, ResponseVoiceFields {
  type: 'response.create';
  /** The user's words, as a shorthand for a `conversation.item.create` first. */
  input?: string;
}
/** `voice`, `rate` and `pitch` only on the `text.append` that starts a response: they are that response's. */
export interface TextAppendEvent extends ClientEventBase, ResponseVoiceFields {
  type: 'text.append';
  delta: string;
}
export interface TextDoneEvent extends ClientEventBase {
  type: 'text.done';
}
/** Speak everything buffered in the running client-text response now; answered by `text.flushed`. */
export interface TextFlushEvent extends ClientEventBase {
  type: 'text.flush';
}
export interface ResponseCancelEvent extends ClientEventBase {
  type: 'response.cancel';
}
export interface ResponsePlayedEvent extends ClientEventBase {
  type: 'response.played';
  response_id: string;
  /** Milliseconds of the response's audio the client actually played. */
  played_ms: number;
}

/** Every event a client may send. */
export type ClientEvent =
  | SessionUpdateEvent
  | ConversationItemCreateEvent
  | ResponseCreateEvent
  | TextAppendEvent
  | TextDoneEvent
  | TextFlushEvent
  | ResponseCancelEvent
  | ResponsePlayedEvent;

/** The client event type names, for docs and tests. */
export const CLIENT_EVENT_TYPES = [
  'session.update',
  'conversation.item.create',
  'response.create',
  'text.append',
  'text.done',
  'text.flush',
  'response.cancel',
  'response.played',
] as const satisfies readonly ClientEvent['type'][];

/** Limits the parser enforces. */
export interface ParseLimits {
  /** Largest text field, UTF-8 bytes. */
  maxTextBytes: number;
  /** `session.rate` the speech engine accepts, words per minute, inclusive. */
  rate: { min: number; max: number };
  /** `session.pitch` the speech engine accepts, inclusive. */
  pitch: { min: number; max: number };
}

/**
 * Deepest nesting of arrays and objects a client event may have. Real events nest four levels
 * (a tool's JSON Schema a few more); the bound keeps every recursive walk below it (the
 * validators, `JSON.stringify`) far from the stack limit.
 */
export const MAX_EVENT_DEPTH = 32;

/** Longest `event_id` echoed back in errors, characters. */
export const MAX_EVENT_ID_CHARS = 128;
