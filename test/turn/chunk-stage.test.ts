/**
 * The chunk stage stamps each sentence with the moment the text completing its boundary reached
 * the turn: the start of the server-added latency. Deltas are fed one scan at a time (the stage
 * idle between them, as when the server keeps up) or all at once (coalesced behind a scan).
 */
import { describe, expect, it } from 'vitest';
import { fillChunkerOptions } from '../../src/text/chunker-options.js';
import { BoundedQueue } from '../../src/turn/bounded-queue.js';
import { type ReadySentence, type TokenItem, runChunkStage } from '../../src/turn/chunk-stage.js';
import type { TurnWorkers } from '../../src/turn/turn-workers.js';
import { inlineWorkers } from '../support/in-process.js';

/** The real scanner, with a promise per scan that settles when its result is back. */
function observedWorkers(): { workers: TurnWorkers; scans: Array<Promise<unknown>> } {
  const scans: Array<Promise<unknown>> = [];
  return {
    scans,
    workers: {
      ...inlineWorkers,
      scan: (task) => {
        const result = inlineWorkers.scan(task);
        scans.push(result);
        return result;
      },
    },
  };
}

async function drain(queue: BoundedQueue<ReadySentence>): Promise<ReadySentence[]> {
  const out: ReadySentence[] = [];
  for (let s = await queue.shift(); s !== undefined; s = await queue.shift()) out.push(s);
  return out;
}

function stage(workers: TurnWorkers, queued: TokenItem[] = []) {
  const tokens = new BoundedQueue<TokenItem>(64);
  // Queued before the stage starts: its first take gets them all at once.
  for (const item of queued) void tokens.push(item);
  const sentences = new BoundedQueue<ReadySentence>(64);
  const done = runChunkStage(
    { responseId: 'resp_1', chunker: fillChunkerOptions(), workers, tokens, sentences, emit: () => {} },
    new AbortController().signal,
  );
  return { tokens, sentences, done };
}

describe('sentence ready times', () => {
  it('stamp a sentence with the delta that settled its boundary, and the tail with the last delta', async () => {
    const { workers, scans } = observedWorkers();
    const { tokens, sentences, done } = stage(workers);
    // Each delta waits for the scan the one before it warranted, so none coalesce.
    const feed: Array<[string, number]> = [
      ['Hello', 0],
      [' there.', 20],
      [' How', 40],
      [' are you', 60],
      ['?', 80],
    ];
    for (const [text, at] of feed) {
      const before = scans.length;
      await tokens.push({ text, at });
      // A delta that may end a sentence starts a scan; wait until it is back.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      if (scans.length > before) await scans.at(-1);
    }
    tokens.close();
    const ready = await Promise.all([drain(sentences), done]).then(([s]) => s);
    // "there." is not settled until the next word shows it is no abbreviation; "you?" ends with the stream.
    expect(ready).toEqual([
      { text: 'Hello there.', readyAt: 40 },
      { text: 'How are you?', readyAt: 80 },
    ]);
  });

  it('stamp sentences found in coalesced deltas with the first delta that may settle one', async () => {
    const { workers, scans } = observedWorkers();
    const queued = [
      { text: 'One thing.', at: 5 },
      { text: ' Then', at: 25 },
      { text: ' another', at: 45 },
    ];
    const { tokens, sentences, done } = stage(workers, queued);
    tokens.close();
    const ready = await Promise.all([drain(sentences), done]).then(([s]) => s);
    // One batch: one scan for all three, then the final one.
    expect(scans).toHaveLength(2);
    // A period at the end of a delta settles nothing yet (the gate waits for what follows): the
    // sentence is stamped with " Then", the delta that settled it, though all three waited together.
    expect(ready).toEqual([
      { text: 'One thing.', readyAt: 25 },
      { text: 'Then another', readyAt: 45 },
    ]);
  });
});
