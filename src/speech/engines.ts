/**
 * The speech-engine registry: every engine saywire can run, by its description's `name`. A
 * worker builds the engine its `workerData` names from here; the main thread reads the
 * descriptions only, never loads an engine. To add an engine, write it in its own file as a
 * `SpeechEngineKind` and list it in `ENGINES`.
 */
import type { SpeechEngineKind } from './engine.js';
import { espeakEngine } from './espeak-engine.js';

const ENGINES: ReadonlyMap<string, SpeechEngineKind> = new Map([espeakEngine].map((kind) => [kind.description.name, kind]));

/** The engine the worker pool runs; the speech settings' ranges and defaults are its description's. */
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
