/**
 * The server's pronunciations (`pronunciationsFile`): a JSON array in the shape of
 * `session.update`'s `pronunciations`, read and validated once at start-up. A bad file stops the
 * server with a message that names the setting, the file and the entry.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, SaywireError } from '../errors.js';
import { parsePronunciations } from '../protocol/session-fields.js';
import type { Pronunciation } from '../speech/pronunciations.js';

/** Most entries a pronunciations file may hold: every thread compiles them into one regex. */
export const MAX_FILE_PRONUNCIATIONS = 5000;

/** Reads the file at `path` (empty: none). @throws ConfigError naming `pronunciationsFile`. */
export function loadPronunciationsFile(path: string): Pronunciation[] {
  if (path === '') return [];
  const fail = (why: string): never => {
    throw new ConfigError('pronunciationsFile', `Setting "pronunciationsFile" (${path}): ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(err instanceof SyntaxError ? `not valid JSON (${err.message}).` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  try {
    return parsePronunciations(raw, 'pronunciations', MAX_FILE_PRONUNCIATIONS).map((e) => ({ text: e.text, say: e.say, caseSensitive: e.case_sensitive === true }));
  } catch (err) {
    if (err instanceof SaywireError) return fail(err.message);
    throw err;
  }
}
