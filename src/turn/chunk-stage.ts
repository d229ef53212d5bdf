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

/** An agent text delta, stamped (monotonic ms) when it reached the turn. */
export interface TextDelta {
  text: string;
  at: number;
}

/** What the token queue carries: deltas, and flush marks. */
export type TokenItem = TextDelta | typeof FLUSH | typeof CLIENT_FLUSH;

/**
 * A sentence on its way to speech, with the moment (monotonic ms) the text that completed its
 * boundary reached the turn: from then on, until its first audio frame, the wait is the
 * server's (the server-added latency metric).
 */
export interface ReadySentence {
  text: string;
  readyAt: number;
}

export interface ChunkStageInit {
  responseId: string;
  chunker: FilledChunkerOptions;
  workers: TurnWorkers;
  tokens: BoundedQueue<TokenItem>;
  sentences: BoundedQueue<ReadySentence>;
  emit(event: ServerEvent): void;
}

export async function runChunkStage(init: ChunkStageInit, signal: AbortSignal): Promise<void> {
  const { chunker, workers, tokens, sentences } = init;
  const carry = new SentenceCarry(chunker);
  // Sentences queued so far: the speech stage numbers them in this same order.
  let queued = 0;
  /** `readyAt`: when the text that may complete the sentences it finds reached the turn. */
  const scan = async (final: boolean, readyAt: number): Promise<void> => {
    const window = carry.text;
    if (final && window.trim() === '') return;
    const result = await workers.scan({ text: window, state: carry.state, options: chunker, final });
    if (signal.aborted) return;
    // A candidate left pending makes the carry's next append() warrant a scan.
    for (const text of carry.apply(result, window.length)) {
      await sentences.push({ text, readyAt });
      queued++;
    }
  };
  // The first delta since the last scan that may settle a boundary (the carry's gate says so: a
  // period at the end of a delta waits for what follows it). Sentences are stamped with it; among
  // deltas that coalesced behind a scan in flight, a later one may be what actually settled a
  // boundary (after an abbreviation-like candidate), so the stamp errs early by at most the
  // agent's gap between them. A sentence that ends with the stream, or at a flush, is complete
  // with the last delta.
  let warrantedAt: number | undefined;
  let lastAt = 0;
  for (;;) {
    const items = await tokens.takeAll();
    if (signal.aborted) return;
    if (items === undefined) break;
    for (const item of items) {
      if (item === FLUSH || item === CLIENT_FLUSH) {
        const before = queued;
        await scan(true, lastAt);
        warrantedAt = undefined;
        if (signal.aborted) return;
        if (item === CLIENT_FLUSH) {
          init.emit({ type: 'text.flushed', response_id: init.responseId, sentence_index: queued > before ? queued - 1 : -1 });
        }
        continue;
      }
      init.emit({ type: 'response.text.delta', response_id: init.responseId, delta: item.text });
      lastAt = item.at;
      if (carry.append(item.text)) warrantedAt ??= item.at;
    }
    if (warrantedAt === undefined) continue;
    const readyAt = warrantedAt;
    warrantedAt = undefined;
    await scan(false, readyAt);
    if (signal.aborted) return;
  }
  await scan(true, lastAt);
  if (signal.aborted) return;
  sentences.close();
}
