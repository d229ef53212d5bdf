/** `pronunciationsFile`: read and validated at start-up; a bad file names the setting, the file and the entry. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_PRONUNCIATIONS, loadPronunciationsFile } from '../../src/config/pronunciations-file.js';
import { ConfigError } from '../../src/errors.js';
import { createServer } from '../../src/server/server.js';

const dir = mkdtempSync(join(tmpdir(), 'saywire-pron-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function refusal(path: string): ConfigError {
  try {
    loadPronunciationsFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).setting).toBe('pronunciationsFile');
    expect((err as ConfigError).message).toContain(path);
    return err as ConfigError;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('pronunciationsFile', () => {
  it('reads the entries, whitespace collapsed, case-insensitive unless marked', () => {
    const path = file('ok.json', JSON.stringify([{ text: 'nginx', say: 'engine  x' }, { text: 'SQL', say: 'sequel', case_sensitive: true }]));
    expect(loadPronunciationsFile(path)).toEqual([
      { text: 'nginx', say: 'engine x', caseSensitive: false },
      { text: 'SQL', say: 'sequel', caseSensitive: true },
    ]);
    expect(loadPronunciationsFile('')).toEqual([]);
  });

  it('refuses a missing file, bad JSON, a bad entry and too many entries, saying which', () => {
    expect(refusal(join(dir, 'absent.json')).message).toContain('cannot be read (ENOENT)');
    expect(refusal(file('bad.json', '[{"text":')).message).toContain('not valid JSON');
    expect(refusal(file('entry.json', '[{"text":"a","say":"b"},{"text":"a"}]')).message).toContain('"pronunciations[1].say" must be a string of 1 to 256 characters');
    const many = Array.from({ length: MAX_FILE_PRONUNCIATIONS + 1 }, (_, i) => ({ text: `w${i}`, say: 'x' }));
    expect(refusal(file('many.json', JSON.stringify(many))).message).toContain(`at most ${MAX_FILE_PRONUNCIATIONS}`);
  });

  it('stops the server before it starts', () => {
    const path = file('server.json', '{"text":"a","say":"b"}');
    expect(() => createServer({ port: 0, logLevel: 'silent', pronunciationsFile: path })).toThrow(ConfigError);
  });
});
