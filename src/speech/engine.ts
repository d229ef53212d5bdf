/**
 * The speech engine contract: text in, PCM16 mono and word timings out. Workers hold one warm
 * engine each and call it for every sentence; nothing outside `espeak-engine.ts` knows which
 * synthesizer is behind it.
 */

/** A voice the engine offers. */
export interface VoiceInfo {
  /** What `SynthesisOptions.voice` takes, e.g. `en-us`. Unique within an engine. */
  id: string;
  /** Human-readable name, e.g. `English (America)`. */
  name: string;
  /** Language tags the voice speaks, best match first, e.g. `['en-us', 'en']`. */
  languages: string[];
  /** `male` or `female`, when the engine says. */
  gender?: string;
}

/** How to speak one text. */
export interface SynthesisOptions {
  /** A `VoiceInfo.id`. Default `DEFAULT_VOICE`. */
  voice: string;
  /** Words per minute, 80..450, default 175. */
  rate: number;
  /** 0..100, default 50. */
  pitch: number;
}

/** Where a word of the text sits in the audio. */
export interface WordTiming {
  /** Char offset into the text given to `synthesize` (UTF-16 index). */
  start: number;
  /** Exclusive. */
  end: number;
  /** ms from the start of this audio. */
  startMs: number;
  /** ms; the next word's start or the audio end. */
  endMs: number;
}

/** The audio of one text. */
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

/**
 * A speech synthesizer. `synthesize` is synchronous: it runs to completion on the calling
 * thread, so call it from a worker, never from the main thread.
 */
export interface SpeechEngine {
  /** Which engine this is, e.g. `espeak-ng`. */
  readonly id: string;
  /** The engine's native output rate, Hz. */
  readonly sampleRate: number;
  /** Every voice the engine offers; the same list on every call. */
  voices(): VoiceInfo[];
  /**
   * Speaks `text`. Deterministic: the same text and options give the same PCM.
   * @throws UnknownVoiceError when `options.voice` is not one of `voices()`.
   * @throws RangeError when `rate` or `pitch` is outside its range.
   */
  synthesize(text: string, options: SynthesisOptions): SynthesisResult;
}

/** The voice used when none is chosen. */
export const DEFAULT_VOICE = 'en-us';

/** Default speaking rate, words per minute. */
export const DEFAULT_RATE = 175;

/** Default pitch, 0..100. */
export const DEFAULT_PITCH = 50;

/** The voice asked for is not one the engine offers. Expected input, not a bug: map it to a client error. */
export class UnknownVoiceError extends Error {
  /** The id that was asked for. */
  readonly voice: string;

  constructor(voice: string) {
    super(`Unknown voice "${voice}".`);
    this.name = 'UnknownVoiceError';
    this.voice = voice;
  }
}
