/**
 * The chunker's language reaches it from the session (the voice's language, or one set), from
 * `POST /v1/chunk`, and from the `chunkLanguage` setting, over a real server and pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOptions } from '../../src/config/options.js';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

// German: "12." is an ordinal, "z. B." an abbreviation; English rules split after both.
const GERMAN = 'Am 12. Juni kam er z. B. mit Hr. Roth. Dann ging er.';
const GERMAN_SPLIT = ['Am 12. Juni kam er z. B. mit Hr. Roth.', 'Dann ging er.'];

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function sentencesOf(client: TestClient, text: string): Promise<string[]> {
  const before = client.events('response.sentence').length;
  client.send({ type: 'text.append', delta: text });
  client.send({ type: 'text.done' });
  await client.next('response.done');
  return client.events('response.sentence').slice(before).map((e) => e.text as string);
}

describe('the chunker language', () => {
  it('follows the voice until one is set, and the set one stays when the voice changes', async () => {
    const client = await TestClient.connect(server.url);
    const created = client.events('session.created')[0]?.session as { chunking: { language: string } };
    expect(created.chunking.language).toBe('en-us');
    expect(await sentencesOf(client, GERMAN)).not.toEqual(GERMAN_SPLIT);

    client.send({ type: 'session.update', session: { voice: 'de' } });
    expect(((await client.next('session.updated')).session as { chunking: { language: string } }).chunking.language).toBe('de');
    expect(await sentencesOf(client, GERMAN)).toEqual(GERMAN_SPLIT);

    client.send({ type: 'session.update', session: { chunking: { language: 'de-AT' } } });
    await client.next('session.updated');
    client.send({ type: 'session.update', session: { voice: 'en-us' } });
    expect(((await client.next('session.updated')).session as { chunking: { language: string } }).chunking.language).toBe('de-at');
    expect(await sentencesOf(client, GERMAN)).toEqual(GERMAN_SPLIT);
    client.close();
  });

  it('refuses a malformed language with INVALID_EVENT naming the field', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', session: { chunking: { language: 'not a tag!' } } });
    const error = (await client.next('error')).error as { code: string; message: string };
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.message).toContain('session.chunking');
    client.close();
  });

  it('POST /v1/chunk takes language', async () => {
    const post = (body: object) => fetch(`${server.url}/v1/chunk`, { method: 'POST', body: JSON.stringify(body) });
    const german = (await (await post({ text: GERMAN, language: 'de' })).json()) as { sentences: string[] };
    expect(german.sentences).toEqual(GERMAN_SPLIT);
    const english = (await (await post({ text: GERMAN })).json()) as { sentences: string[] };
    expect(english.sentences).not.toEqual(GERMAN_SPLIT);
    expect((await post({ text: GERMAN, language: 7 })).status).toBe(400);
  });

  it('the chunkLanguage setting is checked at start-up, naming the setting', () => {
    expect(() => validateOptions({ chunkLanguage: 'de_AT' })).not.toThrow();
    expect(() => validateOptions({ chunkLanguage: 'not a tag!' })).toThrow(/Setting "chunkLanguage"/);
  });
});
