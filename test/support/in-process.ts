/**
 * In-process stand-ins for the parts a test is NOT about, for tests of turn bookkeeping that run
 * far more turns than real synthesis could voice in a test's time. Chunking is the real pure
 * scanner; speech is a short silence. Never used where chunking or speech is under test.
 */
import { pino } from 'pino';
import type { Agent, AgentEvent } from '../../src/agents/agent.js';
import type { Clock } from '../../src/clock.js';
import type { ServerEvent } from '../../src/protocol/server-events.js';
import { scanSentenceEnds } from '../../src/text/sentence-boundaries.js';
import type { TurnOutput } from '../../src/turn/turn-ports.js';
import type { TurnWorkers } from '../../src/turn/turn-workers.js';

export const silentLogger = pino({ level: 'silent' });

export const inlineWorkers: TurnWorkers = {
  scan: async (task) => scanSentenceEnds(task.text, task.state, task.options, task.final),
  speak: async (task) => ({ pcm: new Int16Array(160), sampleRate: 16_000, speechText: task.text, words: [] }),
};

/** An output that keeps the events (up to `keep`) and counts them all. */
export class RecordingOutput implements TurnOutput {
  events: ServerEvent[] = [];
  frames = 0;
  count = 0;
  constructor(readonly keep = Number.POSITIVE_INFINITY) {}
  sendEvent(event: ServerEvent): void {
    this.count++;
    if (this.events.length < this.keep) this.events.push(event);
  }
  sendAudio(): void {
    this.frames++;
  }
  isCongested(): boolean {
    return false;
  }
  whenWritable(): Promise<void> {
    return Promise.resolve();
  }
}

/** An agent that says `reply` in one token per word. */
export function fixedAgent(reply: string): Agent {
  return {
    name: 'fixed',
    async *stream(): AsyncIterable<AgentEvent> {
      for (const token of reply.split(/(?=\s)/)) yield { type: 'text', delta: token };
    },
  };
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  #now = 0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  /** Whether a handle's timer is still waiting to run. */
  isPending(handle: unknown): boolean {
    return this.#timers.has(handle as number);
  }
  /** Timers waiting to run. */
  get pending(): number {
    return this.#timers.size;
  }
  /** Moves time forward, running timers that fall due, in order. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = until;
  }
}
