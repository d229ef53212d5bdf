/**
 * The speech-engine registry: every engine saywire can run, by its description's `name`. A
 * worker loads the pool engine its `workerData` names from here; the main thread reads the
 * descriptions and makes an upstream engine (one whose synthesis is network I/O) itself. To add
 * an engine, write it in its own file as a `SpeechEngineKind` and list it in `ENGINES`.
 */
import type { SpeechEngineKind } from './engine.js';
import { espeakEngine } from './espeak-engine.js';
import { openaiSpeechEngine } from './openai-speech-engine.js';

const ENGINES: ReadonlyMap<string, SpeechEngineKind> = new Map(
  [espeakEngine, openaiSpeechEngine].map((kind) => [kind.description.name, kind]),
);

/** The engine a server runs unless `tts` says otherwise; the speech settings' ranges and defaults are its description's. */
export const DEFAULT_ENGINE: SpeechEngineKind = espeakEngine;

/**
 * The registered engine called `name`.
 * @throws Error naming the registered engines when none is called `name`.
 */
export function findEngine(name: unknown): SpeechEngineKind {
  const kind = typeof name === 'string' ? ENGINES.get(name) : undefined;
  if (kind === undefined) {
    throw new Error(`Unknown speech engine ${JSON.stringify(name)}; registered engines: ${[...ENGINES.keys()].join(', ')}.`);
  }
  return kind;
}
