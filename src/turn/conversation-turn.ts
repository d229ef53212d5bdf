/**
 * One turn of the conversation: the agent's reply, from first token to last audio frame.
 *
 * ```
 *  agent stage ──▶ token queue ──▶ chunk stage ─────────▶ sentence queue ──▶ speech stage ──▶ audio framer ──▶ output
 *  (rounds, tools,  (bounded)      carry buffer + gate;   (bounded)          synthesis in      binary frames or
 *   text budget)                   one scan in flight,                       parallel (≤ N),   base64 deltas,
 *                                  deltas coalesce                           emitted in order  audio budget
 * ```
 *
 * This file holds the lifecycle: the three stages run as tasks of one {@link TaskManager},
 * stopped together; the turn's budget; cancel; and the summary. The queues are bounded: a slow
 * stage makes the one before it wait, it never drops text. Every event of the turn leaves
 * through {@link ConversationTurn.#emit}, which refuses once `response.done` is out: that is what
 * makes "nothing of a cancelled turn after its response.done" hold by construction. Text deltas
 * are coalesced there too (`textDeltaMs`), flushed ahead of any other event.
 */
import type { Logger } from 'pino';
import type { Agent } from '../agents/agent.js';
import { type Clock, systemClock } from '../clock.js';
import { type ErrorCode, SaywireError, toSaywireError } from '../errors.js';
import { type ResponseStatus, type ResponseSummary, type ServerEvent, errorEvent } from '../protocol/server-events.js';
import { AgentStage } from './agent-stage.js';
import { AudioFramer } from './audio-framer.js';
import { BoundedQueue } from './bounded-queue.js';
import { type ReadySentence, type TokenItem, runChunkStage } from './chunk-stage.js';
import { HeardTranscript } from './heard-transcript.js';
import { SpeechStage } from './speech-stage.js';
import { TaskManager } from './task-manager.js';
import { TextDeltaBatcher } from './text-delta-batcher.js';
import type { TurnConversation, TurnOutput, TurnSettings } from './turn-ports.js';
import type { TurnWorkers } from './turn-workers.js';

export interface ConversationTurnInit {
  /** Response id on the wire. */
  id: string;
  /** Response number in audio frame headers (per connection, from 1). */
  number: number;
  source: 'agent' | 'client';
  agent: Agent;
  conversation: TurnConversation;
  workers: TurnWorkers;
  output: TurnOutput;
  settings: TurnSettings;
  logger: Logger;
  clock?: Clock;
  /** Called once, synchronously, right after `response.done` is sent. */
  onFinished?: (turn: ConversationTurn, summary: ResponseSummary) => void;
}

/** The turn's lifecycle. */
export type TurnState = 'created' | 'streaming' | ResponseStatus;

/** Why a turn was cancelled, reported as `status_details.reason`. */
export type CancelReason = 'client_cancelled' | 'superseded' | 'shutdown' | 'connection_closed';

export class ConversationTurn {
  readonly id: string;
  readonly number: number;
  readonly source: 'agent' | 'client';
  readonly #init: ConversationTurnInit;
  readonly #clock: Clock;
  readonly #tasks = new TaskManager();
  readonly #tokens: BoundedQueue<TokenItem>;
  readonly #sentences: BoundedQueue<ReadySentence>;
  readonly #transcript = new HeardTranscript();
  readonly #agent: AgentStage;
  readonly #speech: SpeechStage;
  readonly #framer: AudioFramer;
  readonly #deltas: TextDeltaBatcher;
  readonly #startedAt: number;
  #state: TurnState = 'created';
  #endedAt: number | undefined;
  #done: Promise<ResponseSummary> | undefined;
  #cancelling: Promise<ResponseSummary> | undefined;

  constructor(init: ConversationTurnInit) {
    this.#init = init;
    this.id = init.id;
    this.number = init.number;
    this.source = init.source;
    this.#clock = init.clock ?? systemClock;
    this.#startedAt = this.#clock.now();
    const { settings, logger, workers, output } = init;
    this.#tokens = new BoundedQueue(settings.tokenQueueMax);
    this.#sentences = new BoundedQueue(settings.sentenceQueueMax);
    const emit = (event: ServerEvent): void => this.#emit(event);
    const clock = this.#clock;
    // Only #emit adds and #finish flushes before response.done, so nothing is sent after it.
    this.#deltas = new TextDeltaBatcher(settings.textDeltaMs, clock, (delta) => output.sendEvent({ type: 'response.text.delta', response_id: this.id, delta }));
    this.#agent = new AgentStage({ responseId: this.id, agent: init.agent, conversation: init.conversation, settings, tokens: this.#tokens, emit, logger, clock });
    this.#framer = new AudioFramer({
      responseId: this.id,
      responseNumber: this.number,
      settings,
      output,
      emit,
      isOpen: () => !this.finished,
      transcript: this.#transcript,
      clock,
    });
    this.#speech = new SpeechStage({ responseId: this.id, settings, workers, sentences: this.#sentences, framer: this.#framer, emit, clock });
  }

  get state(): TurnState {
    return this.#state;
  }

  /** True once `response.done` is out. */
  get finished(): boolean {
    return this.#state !== 'created' && this.#state !== 'streaming';
  }

  /** Monotonic ms when the turn ended, for eviction. */
  get endedAt(): number | undefined {
    return this.#endedAt;
  }

  /** Tasks still running (for leak checks). */
  get pendingTasks(): number {
    return this.#tasks.pending;
  }

  /** What enters the history: everything for a completed turn; for an interrupted one, only what was sent as speech, trimmed to what was heard once the client reports it. */
  get historyText(): string {
    if (this.#state === 'completed') return this.#agent.lastRoundText;
    return this.#transcript.interruptedText(this.#agent.recordedText);
  }

  /**
   * Starts the turn and resolves with its summary once `response.done` is sent. Calling it
   * twice returns the same promise.
   */
  run(): Promise<ResponseSummary> {
    this.#done ??= this.#run();
    return this.#done;
  }

  /** Stops the turn: aborts the agent, waits at most `interruptWaitMs` for in-flight work, drops the rest. */
  cancel(reason: CancelReason): Promise<ResponseSummary | undefined> {
    if (this.finished) return Promise.resolve(undefined);
    this.#cancelling ??= this.#cancel(reason);
    return this.#cancelling;
  }

  /** Trims the spoken text to the `playedMs` the client actually played (word timings decide). */
  applyPlayed(playedMs: number): string {
    return this.#transcript.applyPlayed(playedMs);
  }

  async #cancel(reason: CancelReason): Promise<ResponseSummary> {
    // Abort first: closing the queues before would look like a normal end of stream.
    const settled = this.#tasks.cancelAll(this.#clock, this.#init.settings.interruptWaitMs);
    this.#tokens.clear();
    this.#sentences.clear();
    await settled;
    return this.#finish('cancelled', reason);
  }

  async #run(): Promise<ResponseSummary> {
    this.#state = 'streaming';
    this.#emit({ type: 'response.created', response: { id: this.id, source: this.source } });
    // Whatever stops the turn (cancel, a failed task, a budget) must wake every waiting stage.
    this.#tasks.signal.addEventListener('abort', () => {
      this.#tokens.clear();
      this.#sentences.clear();
    });
    const { settings, workers } = this.#init;
    this.#tasks.spawn((signal) => this.#agent.run(signal));
    const chunk = { responseId: this.id, chunker: settings.chunker, workers, tokens: this.#tokens, sentences: this.#sentences, emit: (e: ServerEvent) => this.#emit(e) };
    this.#tasks.spawn((signal) => runChunkStage(chunk, signal));
    this.#tasks.spawn((signal) => this.#speech.run(signal));
    const budget = this.#clock.setTimeout(
      () => this.#tasks.fail(new SaywireError('TURN_BUDGET_EXCEEDED', `The turn ran longer than ${settings.maxTurnMs} ms.`)),
      settings.maxTurnMs,
    );
    await this.#tasks.settled();
    this.#clock.clearTimeout(budget);
    if (this.#cancelling !== undefined) return this.#cancelling;
    if (this.finished) return this.#summary();
    const error: SaywireError | undefined = this.#tasks.failed ? toSaywireError(this.#tasks.error, 'WORKER_FAILED') : this.#agent.error;
    if (error !== undefined) {
      this.#emit(errorEvent(error, undefined));
      return this.#finish('failed', error.code);
    }
    return this.#finish('completed', undefined);
  }

  #emit(event: ServerEvent): void {
    if (this.finished) return;
    if (event.type === 'response.text.delta') {
      this.#deltas.add(event.delta);
      return;
    }
    // Text held for the next delta goes first: the wire keeps the order the stages emitted in.
    this.#deltas.flush();
    this.#init.output.sendEvent(event);
  }

  #finish(status: ResponseStatus, reason: ErrorCode | CancelReason | undefined): ResponseSummary {
    if (this.finished) return this.#summary();
    this.#tokens.clear();
    this.#sentences.clear();
    this.#deltas.flush();
    const summary = this.#summary(status, reason);
    // The last event of the turn: after it, #emit refuses everything.
    this.#init.output.sendEvent({ type: 'response.done', response: summary });
    this.#state = status;
    this.#endedAt = this.#clock.now();
    this.#init.logger.info({ status, reason, timings: summary.timings, sentences: summary.sentences, audioMs: summary.audio_ms }, 'turn done');
    this.#init.onFinished?.(this, summary);
    return summary;
  }

  #summary(status: ResponseStatus = this.#state as ResponseStatus, reason?: string): ResponseSummary {
    const since = (t: number | undefined): number | null => (t === undefined ? null : Math.round(t - this.#startedAt));
    const summary: ResponseSummary = {
      id: this.id,
      status,
      timings: {
        first_token_ms: since(this.#agent.firstTokenAt),
        first_sentence_ms: since(this.#speech.firstSentenceAt),
        first_audio_ms: since(this.#framer.firstAudioAt),
        total_ms: Math.round((this.#endedAt ?? this.#clock.now()) - this.#startedAt),
      },
      sentences: this.#speech.count,
      spoken_text: this.#transcript.spokenText(),
      audio_ms: Math.round(this.#framer.audioMs),
      last_audio_seq: this.#framer.lastSeq,
    };
    if (reason !== undefined) summary.status_details = { reason };
    const usage = this.#agent.usage;
    if (usage !== undefined) summary.usage = usage;
    return summary;
  }
}
