/**
 * What a client may set for its own session with `session.update`: voice, rate, pitch, audio
 * format and rate, frame size, chunking. Starts from the server's defaults; every change is
 * validated before it applies, so a bad update changes nothing.
 */
import { SaywireError } from '../errors.js';
import { G711_SAMPLE_RATE, wireSampleRate } from '../protocol/audio-encoding.js';
import { createHash } from 'node:crypto';
import type { PronunciationEntry, SessionUpdateFields } from '../protocol/client-events.js';
import type { Pronunciation, PronunciationSet } from '../speech/pronunciations.js';
import type { SessionInfo } from '../protocol/server-events.js';
import type { ToolDefinition } from '../agents/agent.js';
import type { EngineDescription, VoiceInfo } from '../speech/engine.js';
import { normalizeLanguageTag } from '../language/language-rules.js';
import { fillChunkerOptions } from '../text/chunker-options.js';
import type { TurnSettings } from '../turn/turn-ports.js';

/** What the speech engine offers, learned from a worker at warm-up. */
export interface EngineInfo {
  /** Voice ids, for validation. */
  voices: ReadonlySet<string>;
  /** The voices as the engine describes them, for `GET /v1/voices`. */
  list: readonly VoiceInfo[];
  /** What the engine accepts (rate and pitch ranges), known before warm-up. */
  description: EngineDescription;
}

/** The per-session part of a turn's settings, plus the tools the agent may call. */
export type SessionSettings = Pick<
  TurnSettings,
  'chunker' | 'voice' | 'rate' | 'pitch' | 'sampleRate' | 'audioFormat' | 'encoding' | 'frameMs' | 'textDeltaMs' | 'pronunciations'
> & {
  tools: readonly ToolDefinition[];
  /** The chunker's language as set (`chunkLanguage`, `session.chunking.language`); null follows the voice. */
  chunkLanguage: string | null;
};

/**
 * The language whose sentence rules the chunker applies: the one set, or else the voice's. A
 * voice id is a language tag ("en-us", "de", "cmn"); one that is not (a variant's odd name) gets
 * the English rules, the chunker's fallback for any language.
 */
export function chunkLanguageOf(chunkLanguage: string | null, voice: string): string {
  return chunkLanguage ?? normalizeLanguageTag(voice) ?? 'en';
}

/**
 * Applies an update; throws INVALID_EVENT naming the field when it cannot apply. `prefix` is the
 * fields' path in the event: `session.` for `session.update`, empty for a response's own voice.
 */
export function applySessionUpdate(
  current: SessionSettings,
  update: SessionUpdateFields,
  voices: ReadonlySet<string>,
  prefix = 'session.',
): SessionSettings {
  if (update.voice !== undefined && !voices.has(update.voice)) {
    throw new SaywireError('INVALID_EVENT', `Field "${prefix}voice": unknown voice "${update.voice}". See GET /v1/voices.`);
  }
  const c = update.chunking ?? {};
  const voice = update.voice ?? current.voice;
  const chunkLanguage = c.language ?? current.chunkLanguage;
  let chunker = current.chunker;
  try {
    chunker = fillChunkerOptions({
      maxSentenceChars: c.max_sentence_chars ?? current.chunker.maxSentenceChars,
      minSentenceChars: c.min_sentence_chars ?? current.chunker.minSentenceChars,
      firstClauseChars: c.first_clause_chars ?? current.chunker.firstClauseChars,
      // A new voice brings its language's rules, unless a language was set.
      language: chunkLanguageOf(chunkLanguage, voice),
    });
  } catch (err) {
    throw new SaywireError('INVALID_EVENT', `Field "${prefix}chunking": ${(err as Error).message}`);
  }
  const sampleRate = update.audio?.sample_rate;
  const encoding = update.audio?.encoding ?? current.encoding;
  // The PCM16 rate is kept while G.711 is on, for a return to pcm16; but asking for a rate
  // together with G.711 asks for something that cannot be.
  if (sampleRate !== undefined && encoding !== 'pcm16') {
    throw new SaywireError('INVALID_EVENT', `Field "${prefix}audio.sample_rate": ${encoding} is always ${G711_SAMPLE_RATE} Hz; leave sample_rate out.`);
  }
  return {
    chunker,
    chunkLanguage,
    voice,
    rate: update.rate ?? current.rate,
    pitch: update.pitch ?? current.pitch,
    sampleRate: sampleRate === undefined ? current.sampleRate : sampleRate === 'native' ? null : sampleRate,
    audioFormat: update.audio?.format ?? current.audioFormat,
    encoding,
    pronunciations: update.pronunciations === undefined ? current.pronunciations : pronunciationSet(update.pronunciations),
    frameMs: update.audio?.frame_ms ?? current.frameMs,
    textDeltaMs: update.text_delta_ms ?? current.textDeltaMs,
    tools:
      update.tools === undefined
        ? current.tools
        : update.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })),
  };
}

/**
 * A session's pronunciations in the form that crosses to the pool: null for none, else the entries
 * and an id that names exactly them (a digest), so each worker compiles them once.
 */
export function pronunciationSet(entries: readonly PronunciationEntry[]): PronunciationSet | null {
  if (entries.length === 0) return null;
  const list: Pronunciation[] = entries.map((e) => ({ text: e.text, say: e.say, caseSensitive: e.case_sensitive === true }));
  return { id: createHash('sha256').update(JSON.stringify(list)).digest('base64url'), entries: list };
}

/** What a session runs on, fixed for its life. */
export interface SessionBackends {
  agent: string;
  /** The agent's model, `null` when it has none. */
  model: string | null;
  speechEngine: string;
  /** The engine's own output rate, Hz (the session's rate until it asks for another). */
  nativeRate: number;
}

/** The session as `session.created` / `session.updated` report it. */
export function describeSession(id: string, settings: SessionSettings, backends: SessionBackends): SessionInfo {
  return {
    id,
    voice: settings.voice,
    rate: settings.rate,
    pitch: settings.pitch,
    audio: {
      format: settings.audioFormat,
      encoding: settings.encoding,
      sample_rate: wireSampleRate(settings.encoding, settings.sampleRate) ?? backends.nativeRate,
      frame_ms: settings.frameMs,
    },
    text_delta_ms: settings.textDeltaMs,
    chunking: {
      max_sentence_chars: settings.chunker.maxSentenceChars,
      min_sentence_chars: settings.chunker.minSentenceChars,
      first_clause_chars: settings.chunker.firstClauseChars,
      language: settings.chunker.language,
    },
    agent: backends.agent,
    model: backends.model,
    speech_engine: backends.speechEngine,
    pronunciations: settings.pronunciations?.entries.length ?? 0,
    tools: settings.tools.map((t) => t.name),
  };
}
