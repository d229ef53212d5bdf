/**
 * The README's "Error codes" table is the catalogue in `src/errors.ts`, row for row: every code
 * has exactly one row with its type, close code, HTTP status (and headers) and meaning, and every
 * row is a code. A code added, removed or changed on one side only fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorSpec, SaywireError } from '../src/errors.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The table rows of the README's "Error codes" section, each split into its cells. */
function readmeRows(): string[][] {
  const start = readme.indexOf('\n## Error codes\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.slice(2, -2).split(' | '));
}

/** The row a catalogue entry must have, in the README's notation (`—` for none). */
function rowOf(code: string, spec: ErrorSpec): string[] {
  const headers = Object.entries(spec.httpHeaders ?? {}).map(([name, value]) => `\`${name}: ${value}\``);
  const http = spec.httpStatus === undefined ? '—' : [String(spec.httpStatus), ...headers].join(', ');
  return [`\`${code}\``, spec.type, String(spec.closeCode ?? '—'), http, spec.description];
}

describe('error catalogue and README', () => {
  it('the README has an error table', () => {
    expect(readmeRows().length).toBeGreaterThan(0);
  });

  it('has one row per catalogue code, in the catalogue order, and no other row', () => {
    expect(readmeRows().map((cells) => cells[0])).toEqual(Object.keys(ERROR_CODES).map((code) => `\`${code}\``));
  });

  it.each(Object.entries(ERROR_CODES) as Array<[string, ErrorSpec]>)('%s: its row says what the catalogue says', (code, spec) => {
    expect(readmeRows().find((cells) => cells[0] === `\`${code}\``)).toEqual(rowOf(code, spec));
  });
});

describe('SaywireError', () => {
  it('takes its type, close code and HTTP status from the catalogue', () => {
    expect(new SaywireError('OVERLOADED')).toMatchObject({ code: 'OVERLOADED', type: 'server_error', closeCode: 1013, httpStatus: 503 });
    expect(new SaywireError('FORBIDDEN_HOST', 'no')).toMatchObject({ type: 'invalid_request_error', closeCode: undefined, httpStatus: 403, message: 'no' });
    expect(new SaywireError('WORKER_FAILED').httpStatus).toBeUndefined();
  });
});
