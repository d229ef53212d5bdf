/**
 * Server → client events (protocol version 1). These shapes are the wire contract: fields may be
 * added, never renamed. `docs/protocol.md` documents each one; `test/docs.test.ts` keeps the
 * two in step.
 */
import type { ErrorType, SaywireError } from '../errors.js';
import type { AudioEncoding } from './audio-encoding.js';

/** The protocol version announced in `session.created`. */
export const PROTOCOL_VERSION = 1;

/** Session state as the server reports it. */
export interface SessionInfo {
  id: string;
  voice: string;
  rate: number;
  pitch: number;
  /** `sample_rate` is the rate audio is sent at: 8000 for the G.711 encodings. */
  audio: { format: 'binary' | 'base64'; encoding: AudioEncoding; sample_rate: number; frame_ms: number };
  /** At most one `response.text.delta` per this many ms (0: one per agent delta). */
  text_delta_ms: number;
  chunking: { max_sentence_chars: number; min_sentence_chars: number; first_clause_chars: number; language: string };
  /** The agent that answers `response.create` (`scripted` or `openai`). */
  agent: string;
  /** How many pronunciations the session has set (the server's own are not counted). */
  pronunciations: number;
  /** The model the agent asks for, or `null` for an agent without one (`scripted`). */
  model: string | null;
  /** The speech engine that voices the sentences (`espeak`, `openai`). */
  speech_engine: string;
  /** Names of the functions the agent may call. */
  tools: string[];
}

/** Milliseconds from the turn's start (the `response.create` or first `text.append`). */
export interface ResponseTimings {
  first_token_ms: number | null;
  first_sentence_ms: number | null;
  first_audio_ms: number | null;
  total_ms: number;
}

/** How a response ended. */
export type ResponseStatus = 'completed' | 'cancelled' | 'failed';

export interface ResponseSummary {
  id: string;
  status: ResponseStatus;
  /** Why it did not complete: the error code, or `client_cancelled` / `superseded` / `shutdown`. */
  status_details?: { reason: string };
  timings: ResponseTimings;
  /** Sentences sent to the client. */
  sentences: number;
  /** The sentences whose audio was sent (wholly or in part), joined by spaces. */
  spoken_text: string;
  /** Audio ms sent. */
  audio_ms: number;
  /** Sequence number of the last audio frame sent, or -1 when none was. */
  last_audio_seq: number;
  usage?: { input_tokens: number; output_tokens: number };
}

export interface WordTimingEvent {
  /** The word as written in the sentence. */
  text: string;
  /** UTF-16 offsets into the sentence's `text`. */
  start: number;
  end: number;
  start_ms: number;
  end_ms: number;
}

export type ServerEvent =
  | { type: 'session.created'; protocol_version: number; session: SessionInfo }
  | { type: 'session.updated'; session: SessionInfo }
  | { type: 'response.created'; response: { id: string; source: 'agent' | 'client' } }
  | { type: 'response.text.delta'; response_id: string; delta: string }
  | { type: 'response.sentence'; response_id: string; index: number; text: string; speech_text?: string }
  | { type: 'response.audio.delta'; response_id: string; sentence_index: number; seq: number; audio: string }
  | {
      type: 'response.audio.done';
      response_id: string;
      sentence_index: number;
      duration_ms: number;
      sample_rate: number;
      /** The engine's voice id this sentence was spoken in. */
      voice: string;
      /** True when the word timings are estimated from the text over the audio's length (an upstream engine sends none). */
      estimated: boolean;
      words: WordTimingEvent[];
    }
  /** A `text.flush` is done: its sentences are queued; `sentence_index` is the last one's, -1 when it had none. */
  | { type: 'text.flushed'; response_id: string; sentence_index: number }
  | { type: 'response.function_call'; response_id: string; call_id: string; name: string; arguments: string }
  | { type: 'response.done'; response: ResponseSummary }
  | {
      type: 'error';
      error: { type: ErrorType; code: string; message: string; event_id: string | null; upstream_status?: number };
    };

/** Every server event type name, for docs and tests. */
export const SERVER_EVENT_TYPES = [
  'session.created',
  'session.updated',
  'response.created',
  'response.text.delta',
  'response.sentence',
  'response.audio.delta',
  'response.audio.done',
  'text.flushed',
  'response.function_call',
  'response.done',
  'error',
] as const satisfies readonly ServerEvent['type'][];

/**
 * The `error` event for a coded error: the one place its body is built, so every path reports the
 * same fields. `eventId` is the client event that caused it (`undefined` for a turn's own failure);
 * `upstream_status` is present only when the LLM endpoint answered with an HTTP status.
 */
export function errorEvent(error: SaywireError, eventId: string | undefined): Extract<ServerEvent, { type: 'error' }> {
  const body = { type: error.type, code: error.code, message: error.message, event_id: eventId ?? null };
  return { type: 'error', error: error.upstreamStatus === undefined ? body : { ...body, upstream_status: error.upstreamStatus } };
}

/** Encodes a server event as a JSON text frame. */
export function encodeServerEvent(event: ServerEvent): string {
  return JSON.stringify(event);
}
