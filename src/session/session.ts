/**
 * One connection's session: its settings (voice, rate, pitch, audio format, chunking, tools),
 * their validation and their description on the wire, in one object. A bad update throws and
 * changes nothing. Turns read the settings as they are when they start.
 */
import type { FilledServerOptions } from '../config/options.js';
import type { ResponseVoiceFields, SessionUpdateFields } from '../protocol/client-events.js';
import type { SessionInfo } from '../protocol/server-events.js';
import { type FilledChunkerOptions, fillChunkerOptions } from '../text/chunker-options.js';
import { type EngineInfo, type SessionSettings, applySessionUpdate, chunkLanguageOf, describeSession } from './session-settings.js';

/** The server's chunking settings for text spoken in `voice` (sessions start with them; HTTP routes use them). */
export function serverChunker(options: FilledServerOptions, voice: string): FilledChunkerOptions {
  return fillChunkerOptions({
    maxSentenceChars: options.maxSentenceChars,
    minSentenceChars: options.minSentenceChars,
    firstClauseChars: options.firstClauseChars,
    language: chunkLanguageOf(options.chunkLanguage === '' ? null : options.chunkLanguage, voice),
  });
}

/** A new session's settings: the server's defaults. */
export function sessionDefaults(options: FilledServerOptions): SessionSettings {
  const chunkLanguage = options.chunkLanguage === '' ? null : options.chunkLanguage;
  return {
    chunker: serverChunker(options, options.voice),
    chunkLanguage,
    voice: options.voice,
    rate: options.speechRate,
    pitch: options.speechPitch,
    sampleRate: null,
    audioFormat: 'binary',
    encoding: 'pcm16',
    pronunciations: null,
    frameMs: options.audioFrameMs,
    textDeltaMs: options.textDeltaMs,
    tools: [],
  };
}

export interface SessionInit {
  id: string;
  defaults: SessionSettings;
  /** Shared by all sessions; filled in when the pool warms up. */
  engine: EngineInfo;
  /** The agent's name, as `session.created` reports it. */
  agent: string;
  /** The agent's model (`null` when it has none), as `session.created` reports it. */
  model: string | null;
}

export class Session {
  readonly id: string;
  readonly #init: SessionInit;
  #settings: SessionSettings;

  constructor(init: SessionInit) {
    this.#init = init;
    this.id = init.id;
    this.#settings = init.defaults;
  }

  get settings(): SessionSettings {
    return this.#settings;
  }

  /**
   * Applies a `session.update` and returns the new description.
   * @throws SaywireError INVALID_EVENT naming the field; the session is then unchanged.
   */
  update(fields: SessionUpdateFields): SessionInfo {
    this.#settings = applySessionUpdate(this.#settings, fields, this.#init.engine.voices);
    return this.describe();
  }

  /**
   * The settings of one response that sets its own voice, rate or pitch: validated like a
   * `session.update`, but the session keeps its own (the next response uses them again).
   * @throws SaywireError INVALID_EVENT naming the field.
   */
  forResponse(fields: ResponseVoiceFields): SessionSettings {
    if (fields.voice === undefined && fields.rate === undefined && fields.pitch === undefined) return this.#settings;
    return applySessionUpdate(this.#settings, fields, this.#init.engine.voices, '');
  }

  /** The session as `session.created` and `session.updated` report it. */
  describe(): SessionInfo {
    const { agent, model, engine } = this.#init;
    return describeSession(this.id, this.#settings, { agent, model, speechEngine: engine.description.name, nativeRate: engine.description.sampleRate });
  }
}
