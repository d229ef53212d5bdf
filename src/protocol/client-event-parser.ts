/**
 * The client event parser. Pure: it sees strings and bytes, never sockets. Every field is
 * validated; a bad event yields a coded error that echoes the event's `event_id` when one could
 * be read, and the connection stays open. The frame is checked (binary, JSON, an object, its
 * depth) before any field is read.
 */
import { SaywireError } from '../errors.js';
import {
  type ClientEvent,
  type ClientEventBase,
  type ConversationItemCreateEvent,
  MAX_EVENT_DEPTH,
  MAX_EVENT_ID_CHARS,
  type ParseLimits,
} from './client-events.js';
import { FieldError, type Json, int, invalid, isObject, nestsDeeperThan, only, sub, text } from './field-validators.js';
import { parseSession, parseVoice } from './session-fields.js';

/** Outcome of parsing one frame. */
export type ParseResult =
  | { ok: true; event: ClientEvent }
  | { ok: false; error: SaywireError; eventId: string | undefined };

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
  const base: ClientEventBase = typeof obj.event_id === 'string' ? { event_id: obj.event_id.slice(0, MAX_EVENT_ID_CHARS) } : {};
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
