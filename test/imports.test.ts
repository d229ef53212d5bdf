/**
 * Imports flow one way: server → session → turn → pool, and workers import only pure text and
 * speech code and the worker contract. This reads the import lines and fails on an upstream one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)].map((m) => relative(root, join(root, file, '..', m[1] as string)));
}

/** For each folder, the folders it must never import from. */
const FORBIDDEN: Record<string, string[]> = {
  'src/protocol': ['src/server', 'src/session', 'src/turn', 'src/pool', 'src/agents', 'src/speech'],
  // Language data is a leaf: the scanner and the speech normalizer read it, it reads nothing.
  'src/language': ['src/server', 'src/session', 'src/turn', 'src/pool', 'src/protocol', 'src/agents', 'src/text', 'src/speech'],
  'src/text': ['src/server', 'src/session', 'src/turn', 'src/pool', 'src/protocol', 'src/agents'],
  'src/speech': ['src/server', 'src/session', 'src/turn', 'src/pool', 'src/protocol', 'src/agents'],
  'src/pool': ['src/server', 'src/session', 'src/turn'],
  'src/turn': ['src/server', 'src/session'],
  'src/session': ['src/server'],
  'src/agents': ['src/server', 'src/session', 'src/turn', 'src/pool'],
  // The client runs in browsers: it knows only the wire (and the clock type), nothing of the server.
  'src/client': ['src/server', 'src/session', 'src/turn', 'src/pool', 'src/agents', 'src/speech', 'src/text', 'src/config', 'src/language'],
};

describe('import direction', () => {
  it('no module imports upstream', () => {
    const bad: string[] = [];
    for (const file of files('src')) {
      const folder = file.split('/').slice(0, 2).join('/');
      for (const target of importsOf(file)) {
        if ((FORBIDDEN[folder] ?? []).some((f) => target.startsWith(`${f}/`))) bad.push(`${file} → ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('workers import only text, speech, the worker contract and each other', () => {
    for (const file of files('workers')) {
      for (const target of importsOf(file)) {
        expect(
          target.startsWith('src/text/') || target.startsWith('src/speech/') || target === 'src/pool/contract.js' || target.startsWith('workers/'),
          `${file} → ${target}`,
        ).toBe(true);
      }
    }
  });
});
