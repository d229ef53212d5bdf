import { describe, expect, it } from 'vitest';
import { MessageProcessor } from '../../src/session/message-processor.js';
import type { SessionSettings } from '../../src/session/session-settings.js';
import { Session } from '../../src/session/session.js';
import { DEFAULT_ENGINE } from '../../src/speech/engines.js';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';
import { ManualClock, RecordingOutput, fixedAgent, inlineWorkers, silentLogger } from '../support/in-process.js';

const session: SessionSettings = {
  chunker: fillChunkerOptions(),
  voice: 'en-us',
  rate: 175,
  pitch: 50,
  sampleRate: null,
  audioFormat: 'binary',
  encoding: 'pcm16',
  pronunciations: null,
  frameMs: 40,
  textDeltaMs: 0,
  tools: [],
};

function processor(opts: { turnsRetained: number; turnMaxAgeMs: number; historyMaxChars?: number; clock?: ManualClock }) {
  const output = new RecordingOutput(0);
  const clock = opts.clock ?? new ManualClock();
  const p = new MessageProcessor({
    output,
    workers: inlineWorkers,
    agent: fixedAgent('Hello there. How can I help?'),
    session: new Session({ id: 'sess', defaults: session, engine: { voices: new Set(['en-us']), list: [], description: DEFAULT_ENGINE.description }, agent: 'fixed', model: null }),
    turnLimits: { tokenQueueMax: 8, sentenceQueueMax: 4, speechConcurrency: 2, interruptWaitMs: 1000, maxTurnTextBytes: 10_000, maxToolRounds: 2, maxTurnMs: 60_000, maxTurnAudioMs: 600_000 },
    retention: { turnsRetained: opts.turnsRetained, turnMaxAgeMs: opts.turnMaxAgeMs },
    historyMaxChars: opts.historyMaxChars ?? 1000,
    toolCallTimeoutMs: 1000,
    logger: silentLogger,
    clock,
  });
  return { p, output, clock };
}

describe('MessageProcessor retention', () => {
  it('holds at most turnsRetained finished turns plus the running one over 100,000 turns', async () => {
    const { p, output } = processor({ turnsRetained: 16, turnMaxAgeMs: 3_600_000, historyMaxChars: 2000 });
    let maxRetained = 0;
    for (let i = 0; i < 100_000; i++) {
      const turn = await p.startAgentTurn('hi');
      maxRetained = Math.max(maxRetained, p.retainedTurns);
      await turn.run();
    }
    expect(maxRetained).toBe(17);
    expect(p.retainedTurns).toBeLessThanOrEqual(17);
    expect(p.history.chars).toBeLessThanOrEqual(2000);
    // Every turn really ran: created, sentences, done.
    expect(output.count).toBeGreaterThan(100_000 * 4);
  }, 120_000);

  it('evicts finished turns older than turnMaxAgeMs on the sweep', async () => {
    const clock = new ManualClock();
    const { p } = processor({ turnsRetained: 100, turnMaxAgeMs: 5000, clock });
    for (let i = 0; i < 5; i++) await (await p.startAgentTurn('hi')).run();
    expect(p.retainedTurns).toBe(5);
    clock.advance(4000);
    p.evict();
    expect(p.retainedTurns).toBe(5);
    clock.advance(1001);
    p.evict();
    expect(p.retainedTurns).toBe(0);
  });

  it('keeps nothing after close', async () => {
    const { p } = processor({ turnsRetained: 10, turnMaxAgeMs: 60_000 });
    await (await p.startAgentTurn('hi')).run();
    const running = await p.startAgentTurn('again');
    await p.close();
    expect(p.retainedTurns).toBe(0);
    expect(running.finished).toBe(true);
    expect(running.pendingTasks).toBe(0);
  });
});
