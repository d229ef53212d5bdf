/**
 * What a `POST /v1/audio/speech` body asks for, checked: OpenAI's fields (`input`, `model`,
 * `voice`, `instructions`, `response_format`, `speed`, `stream_format`) plus saywire's
 * `sample_rate`. Every refusal is an INVALID_REQUEST (or INPUT_TOO_LONG) naming the field.
 */
import type { FilledServerOptions } from '../config/options.js';
import { SaywireError } from '../errors.js';
import type { EngineInfo } from '../session/session-settings.js';
import { DEFAULT_SPEECH_RATE, SPEECH_FORMATS, type SpeechFormat, acceptsRate, ANY_RATE, FORMAT_RATES } from '../speech/encoding/formats.js';

/** OpenAI's limit on `input`, characters. */
export const MAX_SPEECH_INPUT_CHARS = 4096;

/** OpenAI's range for `speed`. */
export const SPEED_RANGE = { min: 0.25, max: 4 } as const;

/**
 * OpenAI's voice names. An engine that has a voice of that name speaks it; otherwise the engine's
 * `voiceAliases` say which of its voices (and pitch) stands in; failing that, the default voice.
 */
export const OPENAI_VOICES: ReadonlySet<string> = new Set([
  'alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse', 'marin', 'cedar',
]);

const FIELDS = new Set(['input', 'model', 'voice', 'instructions', 'response_format', 'speed', 'stream_format', 'sample_rate']);

/** A checked speech request, in the engine's terms. */
export interface SpeechRequest {
  input: string;
  /** An engine voice id. */
  voice: string;
  /** Engine pitch. */
  pitch: number;
  /** Words per minute: the default rate times `speed`. */
  rate: number;
  format: SpeechFormat;
  /** Output rate, Hz. */
  sampleRate: number;
  /** `audio`: the encoded bytes as the body; `sse`: OpenAI's `speech.audio.*` events. */
  stream: 'audio' | 'sse';
}

const invalid = (message: string): SaywireError => new SaywireError('INVALID_REQUEST', message);

/** The engine voice and pitch for a requested voice name; `undefined` when the name is unknown. */
export function resolveVoice(name: string, engine: EngineInfo, options: FilledServerOptions): { voice: string; pitch: number } | undefined {
  if (engine.voices.has(name)) return { voice: name, pitch: options.speechPitch };
  if (!OPENAI_VOICES.has(name)) return undefined;
  const alias = engine.description.voiceAliases?.[name];
  if (alias !== undefined && engine.voices.has(alias.voice)) return alias;
  return { voice: options.voice, pitch: options.speechPitch };
}

/**
 * Checks a parsed JSON body.
 * @throws SaywireError INVALID_REQUEST or INPUT_TOO_LONG naming the field and what it accepts.
 */
export function parseSpeechRequest(body: Record<string, unknown>, engine: EngineInfo, options: FilledServerOptions): SpeechRequest {
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) throw invalid(`Unknown field "${key}".`);
  }
  const { input, model, instructions, voice = options.voice, speed = 1, response_format: format = 'mp3', stream_format: stream = 'audio' } = body;
  if (typeof input !== 'string' || input.trim() === '') throw invalid('Field "input" must be a non-empty string.');
  if (input.length > MAX_SPEECH_INPUT_CHARS) {
    throw new SaywireError('INPUT_TOO_LONG', `Field "input" is longer than ${MAX_SPEECH_INPUT_CHARS} characters.`);
  }
  // Accepted for OpenAI's clients; eSpeak has one model and cannot follow style instructions.
  if (model !== undefined && typeof model !== 'string') throw invalid('Field "model" must be a string.');
  if (instructions !== undefined && typeof instructions !== 'string') throw invalid('Field "instructions" must be a string.');
  // OpenAI also takes a custom voice as `{ "id": "…" }`.
  const voiceName = typeof voice === 'object' && voice !== null && typeof (voice as { id?: unknown }).id === 'string' ? (voice as { id: string }).id : voice;
  const resolved = typeof voiceName === 'string' ? resolveVoice(voiceName, engine, options) : undefined;
  if (resolved === undefined) throw invalid(`Unknown voice ${JSON.stringify(voiceName)}; see GET /v1/voices, or use an OpenAI voice name.`);
  if (typeof format !== 'string' || !(SPEECH_FORMATS as readonly string[]).includes(format)) {
    throw invalid(`Field "response_format" must be one of ${SPEECH_FORMATS.join(', ')}; got ${JSON.stringify(format)}${format === 'aac' ? ' (aac is not offered)' : ''}.`);
  }
  const speechFormat = format as SpeechFormat;
  if (stream !== 'audio' && stream !== 'sse') throw invalid('Field "stream_format" must be "audio" or "sse".');
  const sampleRate = body.sample_rate ?? DEFAULT_SPEECH_RATE;
  if (typeof sampleRate !== 'number' || !acceptsRate(speechFormat, sampleRate)) {
    const rates = FORMAT_RATES[speechFormat];
    const allowed = rates === undefined ? `an integer from ${ANY_RATE.min} to ${ANY_RATE.max}` : `one of ${rates.join(', ')}`;
    throw invalid(`Field "sample_rate" must be ${allowed} for ${speechFormat}; got ${JSON.stringify(sampleRate)}.`);
  }
  const { min, max } = engine.description.rate;
  if (typeof speed !== 'number' || !(speed >= SPEED_RANGE.min && speed <= SPEED_RANGE.max)) {
    throw invalid(`Field "speed" must be a number from ${SPEED_RANGE.min} to ${SPEED_RANGE.max}.`);
  }
  // The engine speaks from min to max words per minute and saywire does not time-stretch: a
  // speed it cannot reach is refused, never clamped into a different speed.
  const rate = Math.round(options.speechRate * speed);
  if (rate < min || rate > max) {
    const lowest = Math.ceil((min / options.speechRate) * 100) / 100;
    const highest = Math.floor((max / options.speechRate) * 100) / 100;
    throw invalid(`Field "speed" ${speed} is beyond this engine: it speaks ${min}-${max} words per minute, so speed may be from ${lowest} to ${highest} here (speechRate ${options.speechRate}).`);
  }
  return { input, ...resolved, rate, format: speechFormat, sampleRate, stream };
}
