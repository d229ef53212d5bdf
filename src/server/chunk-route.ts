/**
 * `POST /v1/chunk`: `{ text, max_sentence_chars?, min_sentence_chars?, first_clause_chars? }` →
 * `{ sentences }`. The same carry buffer and scanner as the socket path, in the pool (or inline,
 * per the `chunking` setting), as one final scan.
 */
import { SaywireError } from '../errors.js';
import type { FilledServerOptions } from '../config/options.js';
import { fillChunkerOptions } from '../text/chunker-options.js';
import { SentenceCarry } from '../text/sentence-carry.js';
import type { TurnWorkers } from '../turn/turn-workers.js';
import { type RouteHandler, readJsonObject, sendJson } from './http-routes.js';

const OPTION_FIELDS = {
  max_sentence_chars: 'maxSentenceChars',
  min_sentence_chars: 'minSentenceChars',
  first_clause_chars: 'firstClauseChars',
} as const;

export function chunkRoute(options: FilledServerOptions, workers: TurnWorkers): RouteHandler {
  return async (req, res) => {
    const body = await readJsonObject(req, options.maxHttpBodyBytes);
    const { text } = body;
    if (typeof text !== 'string') throw new SaywireError('INVALID_REQUEST', 'Field "text" must be a string.');
    const overrides: Record<string, number> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'text') continue;
      const name = OPTION_FIELDS[key as keyof typeof OPTION_FIELDS];
      if (name === undefined) throw new SaywireError('INVALID_REQUEST', `Unknown field "${key}".`);
      if (typeof value !== 'number') throw new SaywireError('INVALID_REQUEST', `Field "${key}" must be a number.`);
      overrides[name] = value;
    }
    let chunker;
    try {
      chunker = fillChunkerOptions({
        maxSentenceChars: options.maxSentenceChars,
        minSentenceChars: options.minSentenceChars,
        firstClauseChars: options.firstClauseChars,
        ...overrides,
      });
    } catch (err) {
      throw new SaywireError('INVALID_REQUEST', (err as Error).message);
    }
    const carry = new SentenceCarry(chunker);
    carry.append(text);
    const result = await workers.scan({ text, state: carry.state, options: chunker, final: true });
    sendJson(res, 200, { sentences: carry.apply(result, text.length) });
  };
}
