/**
 * The speech engine contract: text in, PCM16 mono and word timings out. An engine is known to
 * the rest of saywire only through this file and the registry (`engines.ts`): its description
 * (read on the main thread, for validation and defaults) and the engine `load()` makes in each
 * worker, or `connect()` makes once on the main thread for an engine whose synthesis is network
 * I/O. Synthesis is an async stream of chunks, so an engine that fetches audio over the network
 * fits as well as one that computes it in the thread.
 */
import type { Clock } from '../clock.js';

/** A voice the engine offers. */
export interface VoiceInfo {
  /** What `SynthesisOptions.voice` takes. Unique within an engine. */
  id: string;
  /** Human-readable name, e.g. `English (America)`. */
  name: string;
  /** Language tags the voice speaks, best match first. */
  languages: string[];
  /** `male` or `female`, when the engine says. */
  gender?: string;
}

/** How to speak one text. */
export interface SynthesisOptions {
  /** A `VoiceInfo.id`. Default `EngineDescription.defaultVoice`. */
  voice: string;
  /** Words per minute, within `EngineDescription.rate`. */
  rate: number;
  /** Within `EngineDescription.pitch`. */
  pitch: number;
  /**
   * Ends the synthesis when it aborts: an engine doing I/O closes its request at once and its
   * stream rejects with the abort reason. An engine that computes in the thread may ignore it.
   */
  signal?: AbortSignal;
  /**
   * Called with each block of audio (native rate, in order) as the engine makes it. An engine
   * that computes in the thread calls it while it synthesizes, before its stream yields the
   * whole text, so a caller can pass the first audio on early (the pool's early audio). An engine
   * may ignore it.
   */
  onAudio?: (pcm: Int16Array) => void;
}

/** Where a word of the text sits in the audio. */
export interface WordTiming {
  /** Char offset into the text given to the engine (UTF-16 index). */
  start: number;
  /** Exclusive. */
  end: number;
  /** ms from the start of this text's audio. */
  startMs: number;
  /** ms; the next word's start or the audio end. */
  endMs: number;
}

/** The audio of one whole text. */
export interface SynthesisResult {
  /**
   * PCM16 mono on its own freshly allocated, exactly sized buffer (byteOffset 0): safe to transfer.
   * Empty (and `words` too) when the text has no letter or digit: nothing to say, no audio.
   */
  pcm: Int16Array;
  /** Hz. */
  sampleRate: number;
  /** The words of the text in order, with their place in the audio. */
  words: WordTiming[];
}

/** A piece of a text's audio, in order, as an engine produces it. */
export interface SpeechChunk {
  /** PCM16 mono at the engine's native `sampleRate`. */
  pcm: Int16Array;
  /** Words whose audio starts in this chunk; times from the start of the whole text's audio. */
  words: WordTiming[];
}

/** A numeric speech setting an engine accepts. */
export interface SettingRange {
  /** Inclusive. */
  readonly min: number;
  /** Inclusive. */
  readonly max: number;
  /** Used when a session does not choose. */
  readonly default: number;
}

/**
 * What an engine is, known without loading it: plain data, cheap to read on the main thread.
 * Settings, `session.update` validation and the HTTP routes take their limits from here.
 */
export interface EngineDescription {
  /** The registry name, as a worker's `workerData.engine` gives it. */
  readonly name: string;
  /** Native output rate of every chunk, Hz. */
  readonly sampleRate: number;
  /** Speaking rate, words per minute. */
  readonly rate: SettingRange;
  /** Voice pitch, in the engine's own units. */
  readonly pitch: SettingRange;
  /** The voice used when none is chosen; one of the loaded engine's `voices()`. */
  readonly defaultVoice: string;
  /**
   * Voices of other APIs (OpenAI's `alloy`, `nova`…) as this engine can best stand them in: a
   * voice of its own and a pitch. Names the engine has itself need no alias.
   */
  readonly voiceAliases?: Readonly<Record<string, VoiceAlias>>;
}

/** A stand-in for another API's voice. */
export interface VoiceAlias {
  /** One of the engine's `voices()`. */
  readonly voice: string;
  /** Within the description's `pitch`. */
  readonly pitch: number;
}

/** A loaded, warm speech synthesizer, one per worker thread. */
export interface SpeechEngine {
  readonly description: EngineDescription;
  /** Every voice the engine offers; the same list on every call. */
  voices(): VoiceInfo[];
  /**
   * Speaks `text` as audio chunks in order. A consumer that stops iterating ends the synthesis.
   * Rejects (a bug in the caller, not expected input) when `options.voice` is not one of
   * `voices()` or `rate` or `pitch` is outside the description's range.
   */
  stream(text: string, options: SynthesisOptions): AsyncIterable<SpeechChunk>;
  /** The engine's own heap (a WebAssembly module's memory), bytes, cheap to read; 0 when it has none. */
  readonly heapBytes: number;
}

/**
 * An engine that computes audio in the thread (CPU work): one is loaded in every pool worker,
 * and the worker's `speak` task prepares and synthesizes a sentence in one go.
 */
export interface PoolEngineKind {
  readonly placement: 'pool';
  readonly description: EngineDescription;
  /**
   * Makes a warm engine: resolves once the first real synthesis will cost what later ones do.
   * Called once per worker thread, at start-up.
   * @throws Error naming the cause when the engine cannot be loaded.
   */
  load(): Promise<SpeechEngine>;
}

/** Where an upstream engine finds its speech endpoint, and how patient it is (the `tts*` settings). */
export interface UpstreamSpeechSettings {
  /** Base URL of the API, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Sent as a bearer token when not empty; never logged. */
  apiKey: string;
  model: string;
  /** The voice names the endpoint has; the first is the default. */
  voices: readonly string[];
  /** ms the endpoint has to answer with headers. */
  connectTimeoutMs: number;
  /** ms of silence allowed between chunks of audio. */
  idleTimeoutMs: number;
  /** Retries of a failed request, only before its first audio byte. */
  retries: number;
  /** ms before the first retry; doubles each time. */
  retryBaseMs: number;
  clock: Clock;
}

/**
 * An engine whose synthesis is network I/O: it runs once, on the main thread, where sockets
 * already live (a pool thread would only sit waiting on the network, could hand nothing back
 * before the whole sentence had arrived, and dies when a running task is aborted). The pool
 * still prepares each sentence's text and resamples its audio.
 */
export interface UpstreamEngineKind {
  readonly placement: 'main';
  readonly description: EngineDescription;
  /** Makes the engine; nothing is fetched until the first synthesis. */
  connect(settings: UpstreamSpeechSettings): SpeechEngine;
}

/** An engine the registry can build: its description, where it runs, and how to make one. */
export type SpeechEngineKind = PoolEngineKind | UpstreamEngineKind;

/**
 * Reads a whole synthesis into one result. A single chunk that already owns its exact buffer is
 * kept as it is; several are joined into a fresh buffer, so the result can always be transferred.
 */
export async function collectSpeech(chunks: AsyncIterable<SpeechChunk>, sampleRate: number): Promise<SynthesisResult> {
  const parts: Int16Array[] = [];
  const words: WordTiming[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    parts.push(chunk.pcm);
    words.push(...chunk.words);
    length += chunk.pcm.length;
  }
  const only = parts.length === 1 ? (parts[0] as Int16Array) : undefined;
  if (only !== undefined && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) {
    return { pcm: only, sampleRate, words };
  }
  const pcm = new Int16Array(length);
  let offset = 0;
  for (const part of parts) {
    pcm.set(part, offset);
    offset += part.length;
  }
  return { pcm, sampleRate, words };
}
