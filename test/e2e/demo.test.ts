/**
 * The browser demo page, end to end: a real server with the real pool, and Debian's Chromium
 * driven by playwright-core. Every wait is `page.waitForFunction` on the page's own state
 * (`window.saywireDemo`) or DOM. The page's helpers that hold no DOM are checked here too, in Node,
 * against the server's own encoder.
 */
import { existsSync, mkdirSync } from 'node:fs';
import fc from 'fast-check';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoState } from '../../src/demo/browser/demo-state.js';
import { endpointsFor } from '../../src/demo/browser/endpoints.js';
import { parsePcmFrame } from '../../src/demo/browser/pcm-frame.js';
import { splitIntoDeltas } from '../../src/demo/browser/text-deltas.js';
import { wordAt } from '../../src/demo/browser/word-timing.js';
import { encodeAudioFrame } from '../../src/protocol/audio-frame.js';
import { DEMO_CSP, DEMO_MODULES } from '../../src/server/demo-route.js';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'demo-secret';
const OUTPUT = new URL('../../test-output/', import.meta.url);

describe('demo page helpers', () => {
  it('splits text into deltas of at most three words that join back to the text exactly', () => {
    expect(splitIntoDeltas('One two three. Four five six seven.')).toEqual(['One two three.', ' Four five six', ' seven.']);
    expect(splitIntoDeltas('  ')).toEqual(['  ']);
    expect(splitIntoDeltas('')).toEqual([]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '.', 'é') }), fc.integer({ min: 1, max: 5 }), (text, n) => {
        const deltas = splitIntoDeltas(text, n);
        expect(deltas.join('')).toBe(text);
        for (const delta of deltas) expect(delta.trim().split(/\s+/).filter((w) => w !== '').length).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('decodes the server’s audio frames to the same samples, scaled to [-1, 1)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 64 }), fc.nat(), fc.nat(), (values, sentenceIndex, seq) => {
        const frame = encodeAudioFrame({ responseNumber: 3, sentenceIndex, seq, sampleRate: 22050 }, Int16Array.from(values));
        const decoded = parsePcmFrame(new Uint8Array(frame).buffer);
        expect(decoded).toMatchObject({ responseNumber: 3, sentenceIndex, seq, sampleRate: 22050 });
        expect([...decoded.samples]).toEqual(values.map((v) => v / 32768));
      }),
    );
    expect(() => parsePcmFrame(new Uint8Array([0x53, 0x58, 1, 1]).buffer)).toThrow('not a saywire audio frame');
  });

  it('finds the sounding word, and none in a pause', () => {
    const words = [
      { start: 0, end: 3, start_ms: 0, end_ms: 200 },
      { start: 4, end: 9, start_ms: 250, end_ms: 600 },
    ];
    expect([0, 199, 200, 250, 599, 600].map((ms) => wordAt(words, ms))).toEqual([0, 0, -1, 1, 1, -1]);
  });

  it('passes the page’s token on to the socket and the voice list', () => {
    expect(endpointsFor({ protocol: 'https:', host: 'say.example:8443', search: '?token=a%20b&x=1' })).toEqual({
      socket: 'wss://say.example:8443/v1/realtime?token=a+b',
      voices: 'https://say.example:8443/v1/voices?token=a+b',
    });
    expect(endpointsFor({ protocol: 'http:', host: '127.0.0.1:9', search: '' })).toEqual({
      socket: 'ws://127.0.0.1:9/v1/realtime',
      voices: 'http://127.0.0.1:9/v1/voices',
    });
  });
});

describe('demo page in Chromium', () => {
  let server: SaywireServer;
  // The slow agent (20 tokens/s) leaves time to press Stop in the middle of a turn.
  beforeAll(async () => {
    server = await startServer({ scriptedTokensPerSecond: 20, authToken: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the page, stylesheet and modules without a token, with content types and a strict CSP', async () => {
    const expected: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/demo/app.css', 'text/css; charset=utf-8'],
      ...DEMO_MODULES.map((name): [string, string] => [`/demo/${name}.js`, 'text/javascript; charset=utf-8']),
    ];
    for (const [path, type] of expected) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBe(DEMO_CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect((await response.text()).length, path).toBeGreaterThan(100);
    }
    expect(DEMO_CSP).not.toContain('unsafe');
    expect((await fetch(`${server.url}/demo/pcm-frame.ts?token=${TOKEN}`)).status).toBe(404);
    // The API itself still wants the token, so the page working below proves it passed it on.
    expect((await fetch(`${server.url}/v1/voices`)).status).toBe(401);
  });

  const hasChromium = existsSync(CHROMIUM);
  const title = hasChromium ? `with ${CHROMIUM}` : `SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`;
  describe.skipIf(!hasChromium)(title, () => {
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];
    const sent: Array<Record<string, unknown>> = [];
    let defaultVoice = '';

    const demo = (): Promise<DemoState> => page.evaluate(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo);
    const sentOf = (type: string) => sent.filter((event) => event.type === type);
    async function say(text: string, mode: 'agent' | 'speak'): Promise<void> {
      await page.check(`input[name="mode"][value="${mode}"]`);
      await page.fill('#message', text);
      await page.click('#send');
    }

    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--autoplay-policy=no-user-gesture-required',
        ],
      });
      page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
      // Fail a step in seconds, with Playwright's message, rather than at the test timeout.
      page.setDefaultTimeout(10_000);
      // CSP violations and script failures surface as console errors.
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (err) => problems.push(err.message));
      page.on('websocket', (ws) => {
        ws.on('framesent', ({ payload }) => {
          if (typeof payload === 'string') sent.push(JSON.parse(payload) as Record<string, unknown>);
        });
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads, connects with the token and fills the voice picker from /v1/voices', async () => {
      await page.goto(`${server.url}/?token=${TOKEN}`);
      await page.waitForFunction(() => {
        const s = (globalThis as unknown as { saywireDemo?: DemoState }).saywireDemo;
        return s?.state === 'open' && s.voices.length > 0;
      });
      const list = (await (await fetch(`${server.url}/v1/voices?token=${TOKEN}`)).json()) as { voices: Array<{ id: string }>; default: string };
      expect(await page.locator('#voice option').count()).toBe(list.voices.length);
      expect(await page.inputValue('#voice')).toBe(list.default);
      defaultVoice = list.default;
      expect(await page.textContent('#status')).toBe('Connected');
      expect(await page.isEnabled('#send')).toBe(true);
    });

    it('plays an agent turn gaplessly and reveals each sentence when its audio starts', async () => {
      await say('Hello from the demo page', 'agent');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[0]?.done !== null);
      const atDone = await demo();
      const turn = atDone.turns[0]!;
      const done = turn.done!;
      expect(sentOf('response.create')).toEqual([{ type: 'response.create', event_id: 'turn-1', input: 'Hello from the demo page' }]);
      expect(done.status).toBe('completed');
      expect(turn.id).toBe(done.id);
      // Every frame the server sent was scheduled: their durations add up to the audio it reports.
      expect(turn.scheduledBuffers).toBe(done.last_audio_seq + 1);
      expect(Math.abs(turn.scheduledMs - done.audio_ms)).toBeLessThanOrEqual(done.sentences);
      expect(turn.scheduledMs).toBeGreaterThan(3000);
      // The reply took ~3 s to generate and has far more audio than that: not everything is shown yet.
      expect(turn.sentences.length).toBeLessThan(done.sentences);

      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.sentences.length >= 2);
      await page.waitForSelector('#transcript .word.current');
      const shown = await demo();
      expect(shown.sentences[0]).toBe('You said: "Hello from the demo page".');
      expect(await page.textContent('#transcript .reply')).toContain(shown.sentences[1]);
      expect(await page.textContent('#transcript .meta')).toMatch(/first token \d+ ms · first sentence \d+ ms · first audio \d+ ms · total \d+ ms/);
    });

    it('barges in with "speak my text": the first turn stops at once and reports what was heard', async () => {
      const text = 'One two three. Four five six seven.';
      await say(text, 'speak');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[1]?.done !== null);
      const state = await demo();
      const first = state.turns[0]!;
      expect(first.playedMs).toBeGreaterThan(0);
      expect(first.playedMs).toBeLessThan(first.done!.audio_ms);
      await expect.poll(() => sentOf('response.played')[0]).toEqual({ type: 'response.played', response_id: first.id, played_ms: first.playedMs });
      // The first turn was already done on the server: no cancel for it.
      expect(state.cancelSent).toBe(0);
      const appends = sentOf('text.append').map((event) => event.delta as string);
      expect(appends.join('')).toBe(text);
      expect(appends.length).toBe(3);
      expect(sentOf('text.done')).toHaveLength(1);
      expect(state.turns[1]!.done!.status).toBe('completed');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[1]?.sentences.length === 2);
      expect((await demo()).turns[1]!.sentences).toEqual(['One two three.', 'Four five six seven.']);
    });

    it('Stop mid-turn sends response.cancel, silences the audio and schedules nothing more', async () => {
      await say('Tell me about the plans', 'agent');
      await page.waitForFunction(() => {
        const turn = (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[2];
        return turn !== undefined && turn.status === 'running' && turn.sentences.length > 0;
      });
      await page.click('#stop');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[2]?.done !== null);
      const stopped = await demo();
      const turn = stopped.turns[2]!;
      expect(turn.cancelSent).toBe(true);
      expect(stopped.cancelSent).toBe(1);
      await expect.poll(() => sentOf('response.cancel')).toEqual([{ type: 'response.cancel', event_id: 'cancel-turn-3' }]);
      expect(turn.playedMs).toBeGreaterThan(0);
      // Seconds of audio were still scheduled: had the sources not been stopped, they would still sound.
      expect(turn.scheduledMs - turn.playedMs!).toBeGreaterThan(1500);
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.activeSources === 0, undefined, {
        timeout: 1000,
      });
      // The server's side of the barge-in; soft, so the page's own checks below still run if it fails.
      expect.soft(turn.done).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
      await expect.poll(() => sentOf('response.played').at(-1)).toEqual({ type: 'response.played', response_id: turn.id, played_ms: turn.playedMs });

      // Anything of the cancelled turn still on the wire arrives before the next turn's response.created.
      await say('And the weather?', 'agent');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[3]?.id !== null);
      const later = await demo();
      expect(later.turns[2]!.scheduledBuffers).toBe(turn.scheduledBuffers);
      expect(later.turns[2]!.scheduledMs).toBe(turn.scheduledMs);

      await page.waitForSelector('#transcript li:nth-child(4) .word.current');
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: new URL('demo.png', OUTPUT).pathname, fullPage: true });
      await page.click('#stop');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.turns[3]?.done !== null);
    });

    it('shows an error event’s code and message, and reconnects after the socket closes', async () => {
      // A voice the server does not have, as from a stale list.
      await page.evaluate("document.querySelector('#voice').append(new Option('Gone', 'no-such-voice'))");
      await page.selectOption('#voice', 'no-such-voice');
      await page.waitForSelector('#error:not([hidden])');
      expect(await page.textContent('#error')).toMatch(/^INVALID_EVENT: .*no-such-voice/);
      expect((await demo()).errors.map((e) => e.code)).toEqual(['INVALID_EVENT']);
      // The picker goes back to the voice the session really has.
      expect(await page.inputValue('#voice')).toBe(defaultVoice);

      for (const connection of server.connections) connection.close(4000, 'closed by the test');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.state === 'closed');
      expect(await page.textContent('#status')).toBe('Disconnected (code 4000: closed by the test)');
      expect(await page.isDisabled('#send')).toBe(true);
      await page.click('#reconnect');
      await page.waitForFunction(() => (globalThis as unknown as { saywireDemo: DemoState }).saywireDemo.state === 'open');
      expect(await page.isVisible('#reconnect')).toBe(false);
      expect(sentOf('session.update')).toHaveLength(1);
      expect(problems).toEqual([]);
    });
  });
});
