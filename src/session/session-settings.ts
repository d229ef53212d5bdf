/**
 * What a client may set for its own session with `session.update`: voice, rate, pitch, audio
 * format and rate, frame size, chunking. Starts from the server's defaults; every change is
 * validated before it applies, so a bad update changes nothing.
 */
import { SaywireError } from '../errors.js';
import type { SessionUpdateFields } from '../protocol/client-events.js';
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
  'chunker' | 'voice' | 'rate' | 'pitch' | 'sampleRate' | 'audioFormat' | 'frameMs'
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

/** Applies an update; throws INVALID_EVENT naming the field when it cannot apply. */
export function applySessionUpdate(
  current: SessionSettings,
  update: SessionUpdateFields,
  voices: ReadonlySet<string>,
): SessionSettings {
  if (update.voice !== undefined && !voices.has(update.voice)) {
    throw new SaywireError('INVALID_EVENT', `Field "session.voice": unknown voice "${update.voice}". See GET /v1/voices.`);
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
    throw new SaywireError('INVALID_EVENT', `Field "session.chunking": ${(err as Error).message}`);
  }
  const sampleRate = update.audio?.sample_rate;
  return {
    chunker,
    chunkLanguage,
    voice,
    rate: update.rate ?? current.rate,
    pitch: update.pitch ?? current.pitch,
    sampleRate: sampleRate === undefined ? current.sampleRate : sampleRate === 'native' ? null : sampleRate,
    audioFormat: update.audio?.format ?? current.audioFormat,
    frameMs: update.audio?.frame_ms ?? current.frameMs,
    tools:
      update.tools === undefined
        ? current.tools
        : update.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })),
  };
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
    audio: { format: settings.audioFormat, sample_rate: settings.sampleRate ?? backends.nativeRate, frame_ms: settings.frameMs },
    chunking: {
      max_sentence_chars: settings.chunker.maxSentenceChars,
      min_sentence_chars: settings.chunker.minSentenceChars,
      first_clause_chars: settings.chunker.firstClauseChars,
      language: settings.chunker.language,
    },
    agent: backends.agent,
    model: backends.model,
    speech_engine: backends.speechEngine,
    tools: settings.tools.map((t) => t.name),
  };
}
