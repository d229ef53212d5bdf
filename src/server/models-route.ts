/**
 * `GET /v1/models` in OpenAI's list shape, for clients that look before they call (the Python
 * client's `models.list()`). It lists what `POST /v1/audio/speech` accepts as `model`: the speech
 * engine by its registry name and OpenAI's speech model names, all spoken by that engine.
 */
import type { EngineDescription } from '../speech/engine.js';
import { type RouteHandler, sendJson } from './http-routes.js';

/** OpenAI's speech models; a request naming one is spoken by the configured engine. */
export const OPENAI_SPEECH_MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'] as const;

/** `startedAt` is the server's start, ms since the epoch: OpenAI's `created` is in seconds. */
export function modelsRoute(engine: EngineDescription, startedAt: number): RouteHandler {
  const created = Math.floor(startedAt / 1000);
  const data = [engine.name, ...OPENAI_SPEECH_MODELS].map((id) => ({ id, object: 'model', created, owned_by: 'saywire' }));
  return (_req, res) => sendJson(res, 200, { object: 'list', data });
}
