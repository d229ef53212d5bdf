/**
 * The docs are part of the contract: every error code, setting (with its env var) and event type
 * in the code must appear in the README or docs/protocol.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS, envName, type SettingName } from '../src/config/options.js';
import { ERROR_CODES } from '../src/errors.js';
import { CLIENT_EVENT_TYPES } from '../src/protocol/client-events.js';
import { SERVER_EVENT_TYPES } from '../src/protocol/server-events.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const protocol = readFileSync(new URL('../docs/protocol.md', import.meta.url), 'utf8');

describe('docs', () => {
  it('README lists every error code', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(readme, code).toContain(`\`${code}\``);
  });

  it('README documents every setting with its env var and default', () => {
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `README row for ${name}`).toBeDefined();
      expect(row).toContain(envName(name));
      expect(row).toContain(`\`${JSON.stringify(SETTINGS[name].default)}\``);
    }
  });

  it('docs/protocol.md documents every event type with an example', () => {
    for (const type of [...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES]) {
      expect(protocol, type).toContain(`### \`${type}\``);
      expect(protocol, type).toContain(`"type":"${type}"`);
    }
  });

  it('README quick start says exactly the two commands, then the test command', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
    const blocks = [...quickStart.matchAll(/```sh\n([^`]*)```/g)].map((m) => m[1]);
    expect(blocks).toEqual(['npm install\nnpm start\n', 'npm test\n']);
  });
});
