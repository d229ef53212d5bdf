/** The client-text source: deltas and flushes leave in arrival order, and a run of flushes stays one entry. */
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agents/agent.js';
import { ClientTextSource } from '../../src/agents/client-text.js';

async function drain(source: ClientTextSource): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const event of source.stream({ history: [], signal: new AbortController().signal })) out.push(event);
  return out;
}

describe('ClientTextSource', () => {
  it('yields deltas and flushes in the order they came, one flush event per text.flush', async () => {
    const source = new ClientTextSource(1000);
    source.append('a');
    source.flush();
    source.flush();
    source.append('b');
    source.flush();
    source.end();
    expect(await drain(source)).toEqual([
      { type: 'text', delta: 'a' },
      { type: 'flush' },
      { type: 'flush' },
      { type: 'text', delta: 'b' },
      { type: 'flush' },
    ]);
  });

  it('answers each of 100,000 flushes in a row (they wait as one counted entry)', async () => {
    const source = new ClientTextSource(1000);
    for (let i = 0; i < 100_000; i++) source.flush();
    source.end();
    const events = await drain(source);
    expect(events).toHaveLength(100_000);
    expect(events.every((e) => e.type === 'flush')).toBe(true);
  });

  it('refuses a flush after text.done', () => {
    const source = new ClientTextSource(1000);
    source.end();
    expect(() => source.flush()).toThrow(expect.objectContaining({ code: 'NO_ACTIVE_RESPONSE' }));
  });
});
