/**
 * Client → server events (protocol version 1) and their parser. Pure: it sees strings and bytes,
 * never sockets. Every field is validated; a bad event yields a coded error that echoes the
 * event's `event_id` when one could be read, and the connection stays open.
 */
import { SaywireError } from '../errors.js';
import { AUDIO_ENCODINGS, type AudioEncoding } from './audio-encoding.js';

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

const WORD = /[\p{L}\p{N}]/u;

/**
 * Validates a list of pronunciations (`session.pronunciations`, or a `pronunciationsFile`'s
 * content) of at most `max` entries; whitespace inside `text` and `say` collapses.
 * @throws SaywireError INVALID_EVENT naming the entry and field, under `path`.
 */
export function parsePronunciations(raw: unknown, path: string, max: number): PronunciationEntry[] {
  if (!Array.isArray(raw) || raw.length > max) return invalid(path, `an array of at most ${max} pronunciations`);
  return raw.map((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(entry)) return invalid(at, 'an object');
    only(entry, at, ['text', 'say', 'case_sensitive']);
    const squash = (key: 'text' | 'say', maxChars: number): string => {
      const value = entry[key];
      const squashed = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
      if (squashed === '' || squashed.length > maxChars) invalid(`${at}.${key}`, `a string of 1 to ${maxChars} characters`);
      return squashed;
    };
    const text = squash('text', MAX_PRONUNCIATION_TEXT_CHARS);
    // A whole-word match needs a word to hold on to.
    if (!WORD.test(text)) invalid(`${at}.text`, 'text with a letter or digit');
    const say = squash('say', MAX_PRONUNCIATION_SAY_CHARS);
    if (entry.case_sensitive !== undefined && typeof entry.case_sensitive !== 'boolean') invalid(`${at}.case_sensitive`, 'true or false');
    return entry.case_sensitive === true ? { text, say, case_sensitive: true } : { text, say };
  });
}

/** Most tools a session may declare. */
export const MAX_TOOLS = 64;
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

interface Base {
  /** Optional client-chosen id; errors caused by this event echo it. */
  event_id?: string;
}

export interface SessionUpdateEvent extends Base {
  type: 'session.update';
  session: SessionUpdateFields;
}
export interface ConversationItemCreateEvent extends Base {
  type: 'conversation.item.create';
  item:
    | { type: 'message'; role: 'user'; text: string }
    | { type: 'function_call_output'; call_id: string; output: string };
}
export interface ResponseCreateEvent extends Base, ResponseVoiceFields {
  type: 'response.create';
  /** The user's words, as a shorthand for a `conversation.item.create` first. */
  input?: string;
}
/** `voice`, `rate` and `pitch` only on the `text.append` that starts a response: they are that response's. */
export interface TextAppendEvent extends Base, ResponseVoiceFields {
  type: 'text.append';
  delta: string;
}
export interface TextDoneEvent extends Base {
  type: 'text.done';
}
/** Speak everything buffered in the running client-text response now; answered by `text.flushed`. */
export interface TextFlushEvent extends Base {
  type: 'text.flush';
}
export interface ResponseCancelEvent extends Base {
  type: 'response.cancel';
}
export interface ResponsePlayedEvent extends Base {
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

/** Outcome of parsing one frame. */
export type ParseResult =
  | { ok: true; event: ClientEvent }
  | { ok: false; error: SaywireError; eventId: string | undefined };

type Json = Record<string, unknown>;

/** Thrown inside the parser only; becomes the `error` of a failed {@link ParseResult}. */
class FieldError extends SaywireError {}

/** True when `value` nests arrays or objects deeper than `max`; iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth });
  }
  return false;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(path: string, expected: string): never {
  throw new FieldError('INVALID_EVENT', `Field "${path}" must be ${expected}.`);
}

/**
 * UTF-8 length of `text`, bytes, without encoding it. Plain code rather than `Buffer.byteLength`:
 * this file is also the browser client's type source, compiled without Node's types. A lone
 * surrogate counts 3, as the encoder writes U+FFFD for it.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function text(obj: Json, key: string, path: string, limits: ParseLimits, required: boolean): string | undefined {
  const v = obj[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') return invalid(path, 'a string');
  // Only long strings can be over the limit: most are never measured.
  if (v.length * 3 > limits.maxTextBytes && utf8Length(v) > limits.maxTextBytes) {
    throw new FieldError('TEXT_TOO_LONG', `Field "${path}" is longer than ${limits.maxTextBytes} bytes.`);
  }
  return v;
}

function int(obj: Json, key: string, path: string, min: number, max: number): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return invalid(path, `an integer from ${min} to ${max}`);
  }
  return v;
}

function only(obj: Json, path: string, keys: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) invalid(path === '' ? key : `${path}.${key}`, 'absent (unknown field)');
  }
}

function sub(obj: Json, key: string, path: string): Json | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  return isObject(v) ? v : invalid(path, 'an object');
}

const SAMPLE_RATES = ['native', 8000, 16_000, 24_000, 48_000] as const;

function parseTools(raw: unknown, limits: ParseLimits): NonNullable<SessionUpdateFields['tools']> {
  if (!Array.isArray(raw) || raw.length > MAX_TOOLS) return invalid('session.tools', `an array of at most ${MAX_TOOLS} tools`);
  return raw.map((tool: unknown, i) => {
    const path = `session.tools[${i}]`;
    if (!isObject(tool)) return invalid(path, 'an object');
    only(tool, path, ['type', 'name', 'description', 'parameters']);
    if (tool.type !== 'function') invalid(`${path}.type`, '"function"');
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) invalid(`${path}.name`, 'a name of 1 to 64 letters, digits, _ or -');
    const description = text(tool, 'description', `${path}.description`, limits, false) ?? '';
    const parameters = sub(tool, 'parameters', `${path}.parameters`) ?? { type: 'object', properties: {} };
    if (JSON.stringify(parameters).length > limits.maxTextBytes) {
      throw new FieldError('TEXT_TOO_LONG', `Field "${path}.parameters" is longer than ${limits.maxTextBytes} bytes.`);
    }
    return { type: 'function' as const, name: tool.name as string, description, parameters };
  });
}

/** `voice`, `rate` and `pitch` of a session or a response; `prefix` is their path (`session.` or ''). */
function parseVoice(raw: Json, prefix: string, limits: ParseLimits): ResponseVoiceFields {
  const out: ResponseVoiceFields = {};
  if (raw.voice !== undefined) {
    if (typeof raw.voice !== 'string' || raw.voice.length === 0 || raw.voice.length > 64) {
      invalid(`${prefix}voice`, 'a voice id of 1 to 64 characters');
    }
    out.voice = raw.voice;
  }
  const rate = int(raw, 'rate', `${prefix}rate`, limits.rate.min, limits.rate.max);
  if (rate !== undefined) out.rate = rate;
  const pitch = int(raw, 'pitch', `${prefix}pitch`, limits.pitch.min, limits.pitch.max);
  if (pitch !== undefined) out.pitch = pitch;
  return out;
}

function parseSession(raw: Json, limits: ParseLimits): SessionUpdateFields {
  only(raw, 'session', ['voice', 'rate', 'pitch', 'audio', 'chunking', 'pronunciations', 'tools']);
  const out: SessionUpdateFields = parseVoice(raw, 'session.', limits);
  const audio = sub(raw, 'audio', 'session.audio');
  if (audio !== undefined) {
    only(audio, 'session.audio', ['format', 'encoding', 'sample_rate', 'frame_ms']);
    out.audio = {};
    if (audio.format !== undefined) {
      if (audio.format !== 'binary' && audio.format !== 'base64') invalid('session.audio.format', '"binary" or "base64"');
      out.audio.format = audio.format;
    }
    if (audio.encoding !== undefined) {
      const encodings: readonly unknown[] = AUDIO_ENCODINGS;
      if (!encodings.includes(audio.encoding)) invalid('session.audio.encoding', '"pcm16", "g711_ulaw" or "g711_alaw"');
      out.audio.encoding = audio.encoding as AudioEncoding;
    }
    if (audio.sample_rate !== undefined) {
      const rates: readonly unknown[] = SAMPLE_RATES;
      if (!rates.includes(audio.sample_rate)) invalid('session.audio.sample_rate', 'one of "native", 8000, 16000, 24000, 48000');
      out.audio.sample_rate = audio.sample_rate as (typeof SAMPLE_RATES)[number];
    }
    const frameMs = int(audio, 'frame_ms', 'session.audio.frame_ms', 10, 1000);
    if (frameMs !== undefined) out.audio.frame_ms = frameMs;
  }
  const chunking = sub(raw, 'chunking', 'session.chunking');
  if (chunking !== undefined) {
    only(chunking, 'session.chunking', ['max_sentence_chars', 'min_sentence_chars', 'first_clause_chars', 'language']);
    out.chunking = {};
    const max = int(chunking, 'max_sentence_chars', 'session.chunking.max_sentence_chars', 20, 10_000);
    if (max !== undefined) out.chunking.max_sentence_chars = max;
    const min = int(chunking, 'min_sentence_chars', 'session.chunking.min_sentence_chars', 0, 10_000);
    if (min !== undefined) out.chunking.min_sentence_chars = min;
    const first = int(chunking, 'first_clause_chars', 'session.chunking.first_clause_chars', 0, 10_000);
    if (first !== undefined) out.chunking.first_clause_chars = first;
    if (chunking.language !== undefined) {
      if (typeof chunking.language !== 'string' || chunking.language.length === 0 || chunking.language.length > 35) {
        invalid('session.chunking.language', 'a language tag such as "en" or "de-AT"');
      }
      out.chunking.language = chunking.language;
    }
  }
  if (raw.pronunciations !== undefined) out.pronunciations = parsePronunciations(raw.pronunciations, 'session.pronunciations', MAX_SESSION_PRONUNCIATIONS);
  if (raw.tools !== undefined) out.tools = parseTools(raw.tools, limits);
  return out;
}

function parseItem(raw: Json, limits: ParseLimits): ConversationItemCreateEvent['item'] {
  if (raw.type === 'message') {
    only(raw, 'item', ['type', 'role', 'text']);
    if (raw.role !== 'user') invalid('item.role', '"user"');
    return { type: 'message', role: 'user', text: text(raw, 'text', 'item.text', limits, true) as string };
  }
  if (raw.type === 'function_call_output') {
    only(raw, 'item', ['type', 'call_id', 'output']);
    const callId = text(raw, 'call_id', 'item.call_id', limits, true) as string;
    const output = text(raw, 'output', 'item.output', limits, true) as string;
    return { type: 'function_call_output', call_id: callId, output };
  }
  return invalid('item.type', '"message" or "function_call_output"');
}

function parseEvent(obj: Json, limits: ParseLimits): ClientEvent {
  const type = obj.type;
  if (typeof type !== 'string') return invalid('type', 'a string');
  const base: Base = typeof obj.event_id === 'string' ? { event_id: obj.event_id.slice(0, MAX_EVENT_ID_CHARS) } : {};
  switch (type) {
    case 'session.update': {
      only(obj, '', ['type', 'event_id', 'session']);
      const session = sub(obj, 'session', 'session') ?? invalid('session', 'an object');
      return { ...base, type, session: parseSession(session, limits) };
    }
    case 'conversation.item.create': {
      only(obj, '', ['type', 'event_id', 'item']);
      const item = sub(obj, 'item', 'item') ?? invalid('item', 'an object');
      return { ...base, type, item: parseItem(item, limits) };
    }
    case 'response.create': {
      only(obj, '', ['type', 'event_id', 'input', 'voice', 'rate', 'pitch']);
      const input = text(obj, 'input', 'input', limits, false);
      const voice = parseVoice(obj, '', limits);
      return input === undefined ? { ...base, type, ...voice } : { ...base, type, input, ...voice };
    }
    case 'text.append': {
      only(obj, '', ['type', 'event_id', 'delta', 'voice', 'rate', 'pitch']);
      return { ...base, type, delta: text(obj, 'delta', 'delta', limits, true) as string, ...parseVoice(obj, '', limits) };
    }
    case 'text.done':
    case 'text.flush':
    case 'response.cancel':
      only(obj, '', ['type', 'event_id']);
      return { ...base, type };
    case 'response.played': {
      only(obj, '', ['type', 'event_id', 'response_id', 'played_ms']);
      const responseId = text(obj, 'response_id', 'response_id', limits, true) as string;
      const playedMs = int(obj, 'played_ms', 'played_ms', 0, 86_400_000) ?? invalid('played_ms', 'an integer');
      return { ...base, type, response_id: responseId, played_ms: playedMs };
    }
    default:
      throw new FieldError('UNKNOWN_EVENT', `Unknown event type "${type.slice(0, 64)}".`);
  }
}

/**
 * Parses one WebSocket message. `isBinary` frames are refused: clients speak JSON text only.
 * Never throws: a bug inside the parser comes back as an `INTERNAL` error (a server fault, not
 * the client's), with the thrown value as its `cause`.
 */
export function parseClientEvent(data: string | Uint8Array, isBinary: boolean, limits: ParseLimits): ParseResult {
  try {
    return parseFrame(data, isBinary, limits);
  } catch (err) {
    return { ok: false, error: new SaywireError('INTERNAL', 'The server failed to read this event.', { cause: err }), eventId: undefined };
  }
}

/** Keeps a byte-order mark (as `Buffer#toString` does), so it still fails JSON.parse. */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

function parseFrame(data: string | Uint8Array, isBinary: boolean, limits: ParseLimits): ParseResult {
  if (isBinary) {
    return { ok: false, error: new SaywireError('BINARY_NOT_EXPECTED'), eventId: undefined };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof data === 'string' ? data : UTF8.decode(data));
  } catch {
    return { ok: false, error: new SaywireError('INVALID_JSON', 'A text frame was not valid JSON.'), eventId: undefined };
  }
  if (!isObject(parsed)) {
    return { ok: false, error: new SaywireError('INVALID_EVENT', 'An event must be a JSON object.'), eventId: undefined };
  }
  const eventId = typeof parsed.event_id === 'string' ? parsed.event_id.slice(0, MAX_EVENT_ID_CHARS) : undefined;
  if (parsed.event_id !== undefined && typeof parsed.event_id !== 'string') {
    return { ok: false, error: new SaywireError('INVALID_EVENT', 'Field "event_id" must be a string.'), eventId };
  }
  if (nestsDeeperThan(parsed, MAX_EVENT_DEPTH)) {
    return { ok: false, error: new SaywireError('INVALID_EVENT', `The event nests deeper than ${MAX_EVENT_DEPTH} levels.`), eventId };
  }
  try {
    return { ok: true, event: parseEvent(parsed, limits) };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, error: err, eventId };
    throw err;
  }
}
