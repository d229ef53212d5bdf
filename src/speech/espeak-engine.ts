/**
 * eSpeak-NG behind the `SpeechEngine` contract: the only module that touches
 * `@echogarden/espeak-ng-emscripten`, an Emscripten build (wasm2js, so plain JS) with a 24 MB
 * voice-data file beside it.
 *
 * What the package does, learned from its bindings:
 * - The default export is an async module factory. The data file is fetched through the
 *   module's `getPreloadedPackage` hook when given; without it the package reads the file itself
 *   and, if that fails, logs and never settles. So this module reads the file and hands it over.
 * - Its `synth` parses SSML (tags, entities) and `[[phoneme]]` input. Plain text is escaped, or a
 *   stray `<` would silently swallow the rest of the sentence.
 * - Oscillator and flutter state carries over from one call to the next, so the same call twice
 *   differs by a few samples; the output is a pure function of the engine's call history.
 * - Audio comes through a callback in chunks of about 100 ms of PCM16 at 22050 Hz, each chunk
 *   copied out of the heap, together with that chunk's events. Returning true would abort.
 * - A word event's `text_position` is a 1-based code point index into the synthesized string and
 *   `word_length` a code point count; `audio_position` is ms from the start. Numbers and
 *   abbreviations yield several overlapping events for one written word.
 * - Per call, the only heap allocations are a scratch buffer for the string (reused, grown to the
 *   longest text seen) and a function-table slot (released): memory does not grow with calls.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  EngineDescription,
  PoolEngineKind,
  SpeechChunk,
  SpeechEngine,
  SynthesisOptions,
  SynthesisResult,
  VoiceInfo,
  WordTiming,
} from './engine.js';

const PACKAGE = '@echogarden/espeak-ng-emscripten';
const DATA_FILE = 'espeak-ng.data';

/** eSpeak-NG's limits and defaults, as the registry and the settings read them. */
const DESCRIPTION: EngineDescription = Object.freeze({
  name: 'espeak',
  sampleRate: 22_050,
  rate: Object.freeze({ min: 80, max: 450, default: 175 }),
  pitch: Object.freeze({ min: 0, max: 100, default: 50 }),
  defaultVoice: 'en-us',
  // OpenAI's voices as distinct English voices: eSpeak has eight, so accent and pitch together
  // tell the thirteen apart (lower pitch for the names OpenAI describes as deeper).
  voiceAliases: Object.freeze({
    alloy: { voice: 'en-us', pitch: 50 },
    ash: { voice: 'en-us', pitch: 35 },
    ballad: { voice: 'en-gb-x-rp', pitch: 45 },
    coral: { voice: 'en-us-nyc', pitch: 65 },
    echo: { voice: 'en', pitch: 40 },
    fable: { voice: 'en-gb-x-rp', pitch: 60 },
    nova: { voice: 'en-us', pitch: 72 },
    onyx: { voice: 'en-us', pitch: 22 },
    sage: { voice: 'en-gb-scotland', pitch: 55 },
    shimmer: { voice: 'en-029', pitch: 70 },
    verse: { voice: 'en-gb-x-gbcwmd', pitch: 50 },
    marin: { voice: 'en-us-nyc', pitch: 45 },
    cedar: { voice: 'en-gb-x-gbclan', pitch: 35 },
  }),
});

/** The eSpeak-NG engine: offline, built in, the default. */
export const espeakEngine: PoolEngineKind = {
  placement: 'pool',
  description: DESCRIPTION,
  // Loaded cold: the pool's threads warm it up (`poolWarmUpSyntheses`) before they say they are ready.
  load: createEspeakEngine,
};

/** The eSpeak-NG engine, which also speaks synchronously: it computes audio in the calling thread. */
export interface EspeakEngine extends SpeechEngine {
  /**
   * Speaks `text` in one go. Deterministic for a given call history.
   * @throws RangeError when `options.voice` is not one of `voices()` or `rate` or `pitch` is out of range.
   */
  synthesize(text: string, options: SynthesisOptions): SynthesisResult;
}

interface RawEvent {
  type: string;
  text_position: number;
  word_length: number;
  audio_position: number;
}

interface RawVoice {
  name: string;
  identifier: string;
  languages: Array<{ priority: number; name: string }>;
}

/** The part of the package's `eSpeakNGWorker` used here. */
interface NativeWorker {
  list_voices(): RawVoice[];
  get_voices(index: number): { ptr: number; get_gender(): number };
  get_samplerate(): number;
  /** Returns an espeak_ERROR code; 0 is success. */
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): void;
  set_pitch(pitch: number): void;
  synthesize(text: string, onChunk: (samples: Int16Array, events: RawEvent[]) => boolean): void;
}

interface NativeModule {
  eSpeakNGWorker: new () => NativeWorker;
  /** The module's whole WebAssembly memory. */
  HEAP8: Int8Array;
}

interface ModuleArgs {
  getPreloadedPackage(name: string, size: number): ArrayBuffer;
  print(text: string): void;
  printErr(text: string): void;
}

type ModuleFactory = (args: ModuleArgs) => Promise<NativeModule>;

/** A voice as this engine knows it: the public info plus the name eSpeak wants. */
interface Voice {
  info: VoiceInfo;
  identifier: string;
}

/** A word event placed in the original text. */
interface WordMark {
  start: number;
  end: number;
  ms: number;
}

/** The text as handed to eSpeak, and where each of its code points came from in the original. */
interface EscapedText {
  text: string;
  /** UTF-16 index in the original of each code point of `text`. */
  source: number[];
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Loads eSpeak-NG and makes one warm instance. Each call takes about 100 ms and 41 MB (24 MB of
 * voice data, a 17 MB heap): make one per worker thread at start-up and reuse it for every
 * sentence. The first sentence then takes ~80 ms (cold JIT), later ones ~5 ms.
 * @throws Error naming the cause when the package or its data file cannot be loaded.
 */
export async function createEspeakEngine(): Promise<EspeakEngine> {
  let modulePath: string;
  let data: ArrayBuffer;
  try {
    modulePath = createRequire(import.meta.url).resolve(PACKAGE);
    const bytes = await readFile(join(dirname(modulePath), DATA_FILE));
    // A large read gets its own ArrayBuffer; copy only if it came out of Node's shared pool.
    data =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  } catch (err) {
    throw new Error(`eSpeak-NG could not be loaded: ${PACKAGE} or its ${DATA_FILE} is missing (${(err as Error).message}).`, {
      cause: err,
    });
  }
  // Kept for the load error only, and capped: the module keeps these hooks for its lifetime.
  const messages: string[] = [];
  const keep = (line: string): void => {
    if (messages.length < 20) messages.push(line);
  };
  try {
    const factory = ((await import(PACKAGE)) as { default: ModuleFactory }).default;
    const native = await factory({
      getPreloadedPackage: () => data,
      print: keep,
      printErr: keep,
    });
    return new Espeak(native, new native.eSpeakNGWorker());
  } catch (err) {
    const detail = messages.length > 0 ? ` Output: ${messages.join(' | ')}` : '';
    throw new Error(`eSpeak-NG could not be initialized from ${modulePath}: ${(err as Error).message}.${detail}`, { cause: err });
  }
}

class Espeak implements EspeakEngine {
  readonly description = DESCRIPTION;
  readonly #native: NativeModule;
  readonly #worker: NativeWorker;
  readonly #voices: ReadonlyMap<string, Voice>;
  /** The eSpeak identifier last set, so an unchanged voice is not reloaded for every sentence. */
  #currentVoice: string | undefined;

  constructor(native: NativeModule, worker: NativeWorker) {
    this.#native = native;
    this.#worker = worker;
    // The description is what the main thread plans with; a package that disagrees must not load.
    const nativeRate = worker.get_samplerate();
    if (nativeRate !== DESCRIPTION.sampleRate) {
      throw new Error(`eSpeak-NG speaks at ${nativeRate} Hz, not the ${DESCRIPTION.sampleRate} Hz its description says.`);
    }
    this.#voices = listVoices(worker);
  }

  voices(): VoiceInfo[] {
    return [...this.#voices.values()].map(({ info }) => ({ ...info, languages: [...info.languages] }));
  }

  synthesize(text: string, options: SynthesisOptions): SynthesisResult {
    const voice = this.#voices.get(options.voice);
    if (voice === undefined) throw new RangeError(`Unknown voice "${options.voice}".`);
    checkRange('rate', options.rate, DESCRIPTION.rate);
    checkRange('pitch', options.pitch, DESCRIPTION.pitch);
    this.#useVoice(voice.identifier);
    // Set on every call: cheap, and a voice change may reset them.
    this.#worker.set_rate(Math.round(options.rate));
    this.#worker.set_pitch(Math.round(options.pitch));
    // eSpeak renders even an empty string as ~7 ms of audio; a sentence with nothing to say
    // (emoji or markdown only, once normalized) must yield no audio at all.
    if (!SPEAKABLE.test(text)) return { pcm: new Int16Array(0), sampleRate: DESCRIPTION.sampleRate, words: [] };

    const escaped = escapeForSsml(text);
    const chunks: Int16Array[] = [];
    const marks: WordMark[] = [];
    let length = 0;
    this.#worker.synthesize(escaped.text, (samples, events) => {
      if (samples.length > 0) {
        chunks.push(samples);
        length += samples.length;
        // A fresh slice of eSpeak's heap: the callee may keep it.
        options.onAudio?.(samples);
      }
      for (const event of events) {
        if (event.type === 'word') marks.push(placeWord(text, escaped, event));
      }
      return false;
    });

    const pcm = new Int16Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      pcm.set(chunk, offset);
      offset += chunk.length;
    }
    const durationMs = Math.round((length * 1000) / DESCRIPTION.sampleRate);
    return { pcm, sampleRate: DESCRIPTION.sampleRate, words: toWordTimings(text, marks, durationMs) };
  }

  get heapBytes(): number {
    return this.#native.HEAP8.buffer.byteLength;
  }

  // Synthesis runs to completion in this thread, so the whole text is one chunk.
  async *stream(text: string, options: SynthesisOptions): AsyncIterable<SpeechChunk> {
    const { pcm, words } = this.synthesize(text, options);
    yield { pcm, words };
  }

  #useVoice(identifier: string): void {
    if (this.#currentVoice === identifier) return;
    this.#currentVoice = undefined;
    const code = this.#worker.set_voice(identifier);
    if (code !== 0) throw new Error(`eSpeak-NG refused voice "${identifier}" (error ${code}).`);
    this.#currentVoice = identifier;
  }
}

/**
 * The voice list, keyed by id. eSpeak's identifiers carry a language-family folder
 * (`gmw/en-US`); the id is the lower-cased last segment (`en-us`), the form clients expect.
 */
function listVoices(worker: NativeWorker): Map<string, Voice> {
  const voices = new Map<string, Voice>();
  worker.list_voices().forEach((raw, index) => {
    const short = raw.identifier.slice(raw.identifier.lastIndexOf('/') + 1).toLowerCase();
    const id = voices.has(short) ? raw.identifier.toLowerCase() : short;
    const gender = genderName(worker.get_voices(index).get_gender());
    const info: VoiceInfo = {
      id,
      name: raw.name.trim(),
      languages: [...raw.languages].sort((a, b) => a.priority - b.priority).map((l) => l.name),
      ...(gender === undefined ? {} : { gender }),
    };
    voices.set(id, { info, identifier: raw.identifier });
  });
  return voices;
}

/** eSpeak's espeak_VOICE.gender: 0 none, 1 male, 2 female. */
function genderName(code: number): string | undefined {
  return code === 1 ? 'male' : code === 2 ? 'female' : undefined;
}

function checkRange(name: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new RangeError(`Speech ${name} must be within ${range.min}..${range.max}, got ${value}.`);
  }
}

/**
 * Escapes the three SSML-significant characters, splits `[[` (which would start phoneme input)
 * and turns NUL (which would end the C string early) into a space; records the source of every
 * code point.
 */
function escapeForSsml(text: string): EscapedText {
  let out = '';
  const source: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const entity = ENTITIES[ch];
    if (ch === '[' && text.charAt(i + 1) === '[') {
      out += '[ ';
      source.push(i, i);
    } else if (entity === undefined) {
      out += cp === 0 ? ' ' : ch;
      source.push(i);
    } else {
      out += entity;
      for (let k = 0; k < entity.length; k++) source.push(i);
    }
    i += ch.length;
  }
  return { text: out, source };
}

/** Maps a word event's code point range in the escaped text to a UTF-16 range of the original. */
function placeWord(original: string, escaped: EscapedText, event: RawEvent): WordMark {
  const last = escaped.source.length - 1;
  if (last < 0) return { start: 0, end: 0, ms: event.audio_position };
  const first = Math.min(Math.max(event.text_position - 1, 0), last);
  const final = Math.min(Math.max(first + event.word_length - 1, first), last);
  const start = escaped.source[first] as number;
  const finalAt = escaped.source[final] as number;
  const end = finalAt + ((original.codePointAt(finalAt) as number) > 0xffff ? 2 : 1);
  return { start, end, ms: event.audio_position };
}

const SPACE = /\s/u;
const PUNCTUATION = /\p{P}/u;
const WORD_PART = /[\p{L}\p{N}\p{M}]/u;
/** A mark inside a word ("'" in "Don't", "-" in "e-mail", "." in "U.S"): a letter or digit follows. */
const JOINS_WORD = /^[^\s\p{L}\p{N}\p{M}][\p{L}\p{N}]/u;
/** A letter or a digit: text without one has nothing to say. */
const SPEAKABLE = /[\p{L}\p{N}]/u;
/** "U.S.", "e.g.": letters each followed by a dot keep their last dot. */
const DOTTED_LETTERS = /^(?:\p{L}\.)+$/u;

/**
 * Turns word events into one timing per written word. eSpeak reports a number or an
 * abbreviation as several events over overlapping ranges ("3.50" gives "3.50", ".50 ", ...):
 * an event that starts inside the previous word joins it. An event may also cover only the
 * first part of a word ("Don" of "Don't", "e" of "e-mail", "U" of "U.S."), so each word runs on
 * through its letters and the marks between them, up to the next word's start. Each word is then trimmed of spaces and of edge
 * punctuation ("world," → "world") unless it is punctuation only ("&").
 */
function toWordTimings(text: string, marks: readonly WordMark[], durationMs: number): WordTiming[] {
  const merged: WordMark[] = [];
  for (const mark of marks) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && mark.start < previous.end) {
      previous.end = Math.max(previous.end, mark.end);
    } else {
      merged.push({ ...mark });
    }
  }
  const words: Array<{ start: number; end: number; startMs: number }> = [];
  for (const [i, mark] of merged.entries()) {
    const limit = merged[i + 1]?.start ?? text.length;
    let end = mark.end;
    while (end < limit && (WORD_PART.test(text.charAt(end)) || (end + 1 < limit && JOINS_WORD.test(text.slice(end, end + 2))))) end++;
    const range = trimWord(text, mark.start, end, limit);
    if (range !== undefined) words.push({ ...range, startMs: mark.ms });
  }
  return words.map((word, i) => ({
    ...word,
    endMs: Math.max(word.startMs, words[i + 1]?.startMs ?? durationMs),
  }));
}

/** Trims `[from, to)`; a dot of "U.S." may be kept up to `limit`, where the next word starts. */
function trimWord(text: string, from: number, to: number, limit: number): { start: number; end: number } | undefined {
  let start = from;
  let end = to;
  while (start < end && SPACE.test(text.charAt(start))) start++;
  while (end > start && SPACE.test(text.charAt(end - 1))) end--;
  if (start === end) return undefined;
  let innerStart = start;
  let innerEnd = end;
  while (innerStart < innerEnd && PUNCTUATION.test(text.charAt(innerStart))) innerStart++;
  while (innerEnd > innerStart && PUNCTUATION.test(text.charAt(innerEnd - 1))) innerEnd--;
  if (innerEnd < limit && text.charAt(innerEnd) === '.' && DOTTED_LETTERS.test(text.slice(innerStart, innerEnd + 1))) innerEnd++;
  return innerStart < innerEnd ? { start: innerStart, end: innerEnd } : { start, end };
}
