/**
 * Pronunciations end to end, with the real pool: the server's file and a session's own list change
 * `speech_text`, and the word timings still point at the written words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

const SENTENCE = 'I run nginx on Kubernetes.';
let server: SaywireServer;
beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'saywire-pron-')), 'pronunciations.json');
  writeFileSync(path, JSON.stringify([{ text: 'nginx', say: 'engine x' }, { text: 'kubernetes', say: 'koober netties' }]));
  server = await startServer({ pronunciationsFile: path });
});
afterAll(async () => {
  await server.close();
});

async function speak(client: TestClient) {
  client.send({ type: 'text.append', delta: SENTENCE });
  client.send({ type: 'text.done' });
  const done = (await client.next('response.done')).response as { id: string; status: string };
  expect(done.status).toBe('completed');
  const sentence = client.events('response.sentence').find((e) => e.response_id === done.id);
  const audio = client.events('response.audio.done').find((e) => e.response_id === done.id);
  return { speechText: sentence?.speech_text, words: audio?.words as Array<{ text: string; start: number; end: number; start_ms: number }> };
}

describe('pronunciations', () => {
  it('the server file applies to every session; a session entry overrides it; timings stay on the written words', async () => {
    const client = await TestClient.connect(server.url);
    const fromFile = await speak(client);
    expect(fromFile.speechText).toBe('I run engine x on koober netties.');

    client.send({ type: 'session.update', session: { pronunciations: [{ text: 'NGINX', say: 'en jinx' }] } });
    expect(((await client.next('session.updated')).session as { pronunciations: number }).pronunciations).toBe(1);
    const { speechText, words } = await speak(client);
    expect(speechText).toBe('I run en jinx on koober netties.');
    // Every timed word is a word as written: "nginx", never "en" or "jinx".
    for (const w of words) expect(SENTENCE.slice(w.start, w.end)).toBe(w.text);
    // One timed word per spoken word: "en" and "jinx" both light up "nginx".
    expect(words.map((w) => w.text)).toEqual(['I', 'run', 'nginx', 'nginx', 'on', 'Kubernetes', 'Kubernetes']);
    const nginx = words.filter((w) => w.text === 'nginx');
    expect(nginx.every((w) => w.start === SENTENCE.indexOf('nginx') && w.end === SENTENCE.indexOf('nginx') + 5)).toBe(true);
    // In speaking order: "nginx" after "run", before "Kubernetes.".
    const at = (t: string) => words.find((w) => w.text === t)?.start_ms ?? -1;
    expect(at('run')).toBeLessThan(at('nginx'));
    expect(at('nginx')).toBeLessThan(at('Kubernetes'));

    // An empty list clears the session's own: the file's apply again.
    client.send({ type: 'session.update', session: { pronunciations: [] } });
    await client.next('session.updated');
    expect((await speak(client)).speechText).toBe('I run engine x on koober netties.');
    client.close();
  });

  it('a bad list is refused whole, naming the entry, and changes nothing', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', event_id: 'p', session: { pronunciations: [{ text: 'nginx', say: 'en jinx' }, { text: 'x', say: '' }] } });
    const error = (await client.next('error')).error as { code: string; message: string; event_id: string };
    expect(error).toMatchObject({ code: 'INVALID_EVENT', event_id: 'p' });
    expect(error.message).toContain('session.pronunciations[1].say');
    expect((await speak(client)).speechText).toBe('I run engine x on koober netties.');
    client.close();
  });
});
