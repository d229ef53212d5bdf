/** The load generator's client, on the client module, against a real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchClient } from '../../bench/bench-client.js';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';

describe('BenchClient', () => {
  let server: SaywireServer;
  beforeAll(async () => {
    // Admission by loop delay is lifted: a busy machine must not turn this into an OVERLOADED test.
    server = await startServer({ admissionMaxLoopDelayMs: 60_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts a turn’s frames in order and follows its playback; a closed socket ends the next turn as closed', async () => {
    const client = await BenchClient.connect(`${server.url.replace(/^http/, 'ws')}/v1/realtime`);
    const outcome = await client.agentTurn('Hello there');
    expect(outcome.status).toBe('completed');
    expect(outcome.frames).toBeGreaterThan(10);
    expect(outcome.sentences).toBeGreaterThan(1);
    expect(outcome.firstTokenMs).not.toBeNull();
    expect(outcome.firstAudioMs).toBeGreaterThanOrEqual(outcome.firstTokenMs as number);
    // The listener plays the audio after it starts arriving: playback ends after the last frame came.
    expect(outcome.playbackEndsAt - outcome.startedAt).toBeGreaterThanOrEqual(outcome.audioMs);
    const text = await client.textTurn('Two sentences here. And one more.');
    expect(text).toMatchObject({ status: 'completed', sentences: 2 });
    expect(client.counters).toMatchObject({ turns: 2, gaps: 0, outOfOrder: 0, strayFrames: 0, errors: 0, socketErrors: 0 });
    expect(client.counters.frames).toBe(outcome.frames + text.frames);
    await client.close();
    expect(client.open).toBe(false);
    expect((await client.agentTurn('anyone?')).status).toBe('closed');
  });
});
