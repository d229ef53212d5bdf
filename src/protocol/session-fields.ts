/**
 * The settings a client sends: `session.update`'s `session` object, the voice fields a response
 * may set for itself, and the pronunciation and tool lists inside a session (pronunciations also
 * as a `pronunciationsFile` holds them). Apart from the event parser because the server's
 * `pronunciationsFile` is read through the same pronunciation checks.
 */
import { AUDIO_ENCODINGS, type AudioEncoding } from './audio-encoding.js';
import {
  MAX_PRONUNCIATION_SAY_CHARS,
  MAX_PRONUNCIATION_TEXT_CHARS,
  MAX_SESSION_PRONUNCIATIONS,
  MAX_TOOLS,
  type ParseLimits,
  type PronunciationEntry,
  type ResponseVoiceFields,
  type SessionUpdateFields,
} from './client-events.js';
import { FieldError, type Json, int, invalid, isObject, only, sub, text } from './field-validators.js';

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

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

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
export function parseVoice(raw: Json, prefix: string, limits: ParseLimits): ResponseVoiceFields {
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

export function parseSession(raw: Json, limits: ParseLimits): SessionUpdateFields {
  only(raw, 'session', ['voice', 'rate', 'pitch', 'audio', 'text_delta_ms', 'chunking', 'pronunciations', 'tools']);
  const out: SessionUpdateFields = parseVoice(raw, 'session.', limits);
  const textDeltaMs = int(raw, 'text_delta_ms', 'session.text_delta_ms', 0, 1000);
  if (textDeltaMs !== undefined) out.text_delta_ms = textDeltaMs;
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
