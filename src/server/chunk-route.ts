/**
 * `POST /v1/chunk`: `{ text, max_sentence_chars?, min_sentence_chars?, first_clause_chars?,
 * language? }` → `{ sentences }`. The same carry buffer and scanner as the socket path, in the
 * pool (or inline, per the `chunking` setting), as one final scan; the server's chunking
 * settings (and the default voice's language) apply to what the request leaves out.
 */
import { SaywireError } from '../errors.js';
import type { FilledServerOptions } from '../config/options.js';
import { serverChunker } from '../session/session.js';
import { fillChunkerOptions } from '../text/chunker-options.js';
import { type TurnWorkers, chunkWholeText } from '../turn/turn-workers.js';
import { type RouteHandler, readJsonObject, sendJson } from './http-routes.js';

const OPTION_FIELDS = {
  max_sentence_chars: 'maxSentenceChars',
  min_sentence_chars: 'minSentenceChars',
  first_clause_chars: 'firstClauseChars',
  language: 'language',
} as const;

export function chunkRoute(options: FilledServerOptions, workers: TurnWorkers): RouteHandler {
  return async (req, res) => {
    const body = await readJsonObject(req, options.maxHttpBodyBytes);
    const { text } = body;
    if (typeof text !== 'string') throw new SaywireError('INVALID_REQUEST', 'Field "text" must be a string.');
    const overrides: Record<string, number | string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'text') continue;
      const name = OPTION_FIELDS[key as keyof typeof OPTION_FIELDS];
      if (name === undefined) throw new SaywireError('INVALID_REQUEST', `Unknown field "${key}".`);
      const expected = name === 'language' ? 'string' : 'number';
      if (typeof value !== expected) throw new SaywireError('INVALID_REQUEST', `Field "${key}" must be a ${expected}.`);
      overrides[name] = value as number | string;
    }
    let chunker;
    try {
      chunker = fillChunkerOptions({ ...serverChunker(options, options.voice), ...overrides });
    } catch (err) {
      throw new SaywireError('INVALID_REQUEST', (err as Error).message);
    }
    sendJson(res, 200, { sentences: await chunkWholeText(workers, text, chunker) });
  };
}
