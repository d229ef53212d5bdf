/**
 * The chunk stage: turns the agent's token deltas into sentences. Each delta goes out as a
 * `response.text.delta` and into the carry buffer; only a delta that may complete a boundary
 * warrants a scan, one scan is in flight at a time (in the pool), and deltas that arrive
 * meanwhile coalesce into the next scan. A `FLUSH` (the agent paused for a tool call) speaks the
 * carry now; a `CLIENT_FLUSH` (`text.flush`) does too and, once those sentences are queued,
 * answers with `text.flushed`; the end of the token stream flushes the rest.
 */
import type { ServerEvent } from '../protocol/server-events.js';
import type { FilledChunkerOptions } from '../text/chunker-options.js';
import { SentenceCarry } from '../text/sentence-carry.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { TurnWorkers } from './turn-workers.js';

/** In the token queue: flush the carry now (the agent paused for a tool call). */
export const FLUSH = Symbol('flush');

/** In the token queue: flush the carry now and acknowledge it with `text.flushed` (the client asked). */
export const CLIENT_FLUSH = Symbol('client flush');

/** What the token queue carries: deltas, and flush marks. */
export type TokenItem = string | typeof FLUSH | typeof CLIENT_FLUSH;

export interface ChunkStageInit {
  responseId: string;
  chunker: FilledChunkerOptions;
  workers: TurnWorkers;
  tokens: BoundedQueue<TokenItem>;
  sentences: BoundedQueue<string>;
  emit(event: ServerEvent): void;
}

export async function runChunkStage(init: ChunkStageInit, signal: AbortSignal): Promise<void> {
  const { chunker, workers, tokens, sentences } = init;
  const carry = new SentenceCarry(chunker);
  // Sentences queued so far: the speech stage numbers them in this same order.
  let queued = 0;
  const scan = async (final: boolean): Promise<void> => {
    const window = carry.text;
    if (final && window.trim() === '') return;
    const result = await workers.scan({ text: window, state: carry.state, options: chunker, final });
    if (signal.aborted) return;
    // A candidate left pending makes the carry's next append() warrant a scan.
    for (const sentence of carry.apply(result, window.length)) {
      await sentences.push(sentence);
      queued++;
    }
  };
  let warranted = false;
  for (;;) {
    const items = await tokens.takeAll();
    if (signal.aborted) return;
    if (items === undefined) break;
    for (const item of items) {
      if (item === FLUSH || item === CLIENT_FLUSH) {
        const before = queued;
        await scan(true);
        warranted = false;
        if (signal.aborted) return;
        if (item === CLIENT_FLUSH) {
          init.emit({ type: 'text.flushed', response_id: init.responseId, sentence_index: queued > before ? queued - 1 : -1 });
        }
        continue;
      }
      init.emit({ type: 'response.text.delta', response_id: init.responseId, delta: item });
      if (carry.append(item)) warranted = true;
    }
    if (!warranted) continue;
    warranted = false;
    await scan(false);
    if (signal.aborted) return;
  }
  await scan(true);
  if (signal.aborted) return;
  sentences.close();
}
