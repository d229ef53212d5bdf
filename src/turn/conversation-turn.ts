/**
 * One turn of the conversation: the agent's reply, from first token to last audio frame.
 *
 * ```
 *  agent.stream ──▶ token queue ──▶ chunk loop ──────────▶ sentence queue ──▶ sender loop ──▶ output
 *   (agent task)    (bounded)       carry buffer + gate;   (bounded)          speak tasks in
 *                                   one scan in flight,                       parallel (≤ N),
 *                                   deltas coalesce                           emitted in order
 * ```
 *
 * Three tasks, owned by one {@link TaskManager}, stopped together. The queues are bounded: a slow
 * stage makes the one before it wait, it never drops text. Every event of the turn leaves through
 * {@link ConversationTurn.#emit}, which refuses once `response.done` is out: that is what makes
 * "nothing of a cancelled turn after its response.done" hold by construction.
 */
import type { Logger } from 'pino';
import type { Agent, AgentEvent, HistoryItem, ToolDefinition } from '../agents/agent.js';
import { type Clock, systemClock } from '../clock.js';
import { type ErrorCode, SaywireError, toSaywireError } from '../errors.js';
import type { ChunkTask, SpeakTask, SpokenWord } from '../pool/contract.js';
import { encodeAudioFrame } from '../protocol/audio-frame.js';
import { type ResponseStatus, type ResponseSummary, type ServerEvent, type WordTimingEvent, errorEvent } from '../protocol/server-events.js';
import type { FilledChunkerOptions } from '../text/chunker-options.js';
import type { ScanResult } from '../text/sentence-boundaries.js';
import { SentenceCarry } from '../text/sentence-carry.js';
import { BoundedQueue } from './bounded-queue.js';
import { TaskManager } from './task-manager.js';

/** Where a turn's events and audio go: the connection, seen from the turn. */
export interface TurnOutput {
  sendEvent(event: ServerEvent): void;
  sendAudio(frame: Buffer): void;
  /** Resolves when the socket can take more audio (below its high-water mark), or when `signal` aborts. */
  whenWritable(signal: AbortSignal): Promise<void>;
}

/** What a speak task gives back, as the turn uses it. */
export interface SpeechAudio {
  pcm: Int16Array;
  sampleRate: number;
  speechText: string;
  words: SpokenWord[];
}

/** The workers, seen from the turn: scanning and speaking (pool or inline). */
export interface TurnWorkers {
  scan(task: ChunkTask): Promise<ScanResult>;
  /** Once `signal` aborts, a task still queued is skipped and the promise rejects. */
  speak(task: SpeakTask, signal?: AbortSignal): Promise<SpeechAudio>;
}

/** A function call the agent made. */
export interface FunctionCall {
  callId: string;
  name: string;
  arguments: string;
}

/**
 * The conversation, seen from a turn: the live history, the tools, and the way back from the
 * client for function calls. The connection's MessageProcessor implements it.
 */
export interface TurnConversation {
  history(): readonly HistoryItem[];
  tools(): readonly ToolDefinition[];
  /** Records a round that ended in function calls: its text, then the calls. */
  recordRound(text: string, calls: readonly FunctionCall[]): void;
  /** Resolves when the client has sent an output for every call; rejects with TOOL_TIMEOUT. */
  waitForOutputs(callIds: readonly string[], signal: AbortSignal): Promise<void>;
}

/** Per-turn settings, resolved from server options and the session. */
export interface TurnSettings {
  chunker: FilledChunkerOptions;
  tokenQueueMax: number;
  sentenceQueueMax: number;
  /** Sentences synthesized at once per turn. */
  speechConcurrency: number;
  interruptWaitMs: number;
  /** Most UTF-8 bytes of agent text per turn. */
  maxTurnTextBytes: number;
  /** Most upstream rounds that end in function calls. */
  maxToolRounds: number;
  /** Wall time the turn may take, ms. */
  maxTurnMs: number;
  /** Audio the turn may produce, ms. */
  maxTurnAudioMs: number;
  voice: string;
  rate: number;
  pitch: number;
  sampleRate: number | null;
  audioFormat: 'binary' | 'base64';
  frameMs: number;
}

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

interface SentSentence {
  text: string;
  /** Where this sentence's audio starts within the turn's audio, ms. */
  offsetMs: number;
  durationMs: number;
  words: SpokenWord[];
}

/** Why a turn was cancelled, reported as `status_details.reason`. */
export type CancelReason = 'client_cancelled' | 'superseded' | 'shutdown' | 'connection_closed';

/** In the token queue: flush the carry now (the agent paused for a tool call). */
const FLUSH = Symbol('flush');

export class ConversationTurn {
  readonly id: string;
  readonly number: number;
  readonly source: 'agent' | 'client';
  readonly #init: ConversationTurnInit;
  readonly #clock: Clock;
  readonly #tasks = new TaskManager();
  readonly #tokens: BoundedQueue<string | typeof FLUSH>;
  readonly #sentences: BoundedQueue<string>;
  readonly #startedAt: number;
  #state: TurnState = 'created';
  #endedAt: number | undefined;
  #firstTokenAt: number | undefined;
  #firstSentenceAt: number | undefined;
  #firstAudioAt: number | undefined;
  #agentText = '';
  /** Where the current agent round's text starts: earlier rounds are in the history already. */
  #roundStart = 0;
  #agentBytes = 0;
  /** An agent failure after text was said: the pipeline drains, then the turn fails. */
  #agentError: SaywireError | undefined;
  #sent: SentSentence[] = [];
  #sentenceCount = 0;
  #audioMs = 0;
  #seq = -1;
  #usage: ResponseSummary['usage'];
  #heardText: string | undefined;
  #done: Promise<ResponseSummary> | undefined;
  #cancelling: Promise<ResponseSummary> | undefined;

  constructor(init: ConversationTurnInit) {
    this.#init = init;
    this.id = init.id;
    this.number = init.number;
    this.source = init.source;
    this.#clock = init.clock ?? systemClock;
    this.#startedAt = this.#clock.now();
    this.#tokens = new BoundedQueue(init.settings.tokenQueueMax);
    this.#sentences = new BoundedQueue(init.settings.sentenceQueueMax);
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
    if (this.#state === 'completed') return this.#agentText.slice(this.#roundStart);
    return dropLeading(this.#heardText ?? this.#spokenText(), this.#agentText.slice(0, this.#roundStart));
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

  async #cancel(reason: CancelReason): Promise<ResponseSummary> {
    // Abort first: closing the queues before would look like a normal end of stream.
    const settled = this.#tasks.cancelAll(this.#clock, this.#init.settings.interruptWaitMs);
    this.#tokens.clear();
    this.#sentences.clear();
    await settled;
    return this.#finish('cancelled', reason);
  }

  /** Trims the spoken text to the `playedMs` the client actually played (word timings decide). */
  applyPlayed(playedMs: number): string {
    const parts: string[] = [];
    for (const sentence of this.#sent) {
      if (playedMs >= sentence.offsetMs + sentence.durationMs) {
        parts.push(sentence.text);
        continue;
      }
      const within = playedMs - sentence.offsetMs;
      let end = 0;
      for (const word of sentence.words) if (word.startMs < within) end = word.end;
      if (end > 0) parts.push(sentence.text.slice(0, end));
      break;
    }
    this.#heardText = parts.join(' ');
    return this.#heardText;
  }

  async #run(): Promise<ResponseSummary> {
    this.#state = 'streaming';
    this.#emit({ type: 'response.created', response: { id: this.id, source: this.source } });
    // Whatever stops the turn (cancel, a failed task, a budget) must wake every waiting stage.
    this.#tasks.signal.addEventListener('abort', () => {
      this.#tokens.clear();
      this.#sentences.clear();
    });
    this.#tasks.spawn((signal) => this.#agentLoop(signal));
    this.#tasks.spawn((signal) => this.#chunkLoop(signal));
    this.#tasks.spawn((signal) => this.#senderLoop(signal));
    const { maxTurnMs } = this.#init.settings;
    const budget = this.#clock.setTimeout(
      () => this.#tasks.fail(new SaywireError('TURN_BUDGET_EXCEEDED', `The turn ran longer than ${maxTurnMs} ms.`)),
      maxTurnMs,
    );
    await this.#tasks.settled();
    this.#clock.clearTimeout(budget);
    if (this.#cancelling !== undefined) return this.#cancelling;
    if (this.finished) return this.#summary();
    const error = this.#tasks.failed ? toSaywireError(this.#tasks.error, 'WORKER_FAILED') : this.#agentError;
    if (error !== undefined) {
      this.#emitError(error);
      return this.#finish('failed', error.code);
    }
    return this.#finish('completed', undefined);
  }

  /**
   * Streams the agent into the token queue. A round that ends in function calls is recorded,
   * the carry is flushed (the text so far is spoken while the client runs the tool), and a new
   * round starts once every call has its output.
   */
  async #agentLoop(signal: AbortSignal): Promise<void> {
    const { agent, conversation, settings, logger } = this.#init;
    try {
      for (let round = 0; ; round++) {
        const calls: FunctionCall[] = [];
        const events: AsyncIterable<AgentEvent> = agent.stream({
          history: conversation.history(),
          tools: conversation.tools(),
          signal,
        });
        for await (const event of events) {
          if (signal.aborted) return;
          if (event.type === 'usage') this.#addUsage(event.inputTokens, event.outputTokens);
          else if (event.type === 'function_call') calls.push(event);
          else if (event.delta !== '') await this.#pushText(event.delta, settings.maxTurnTextBytes);
        }
        if (calls.length === 0) break;
        if (round >= settings.maxToolRounds) {
          throw new SaywireError('TOOL_ROUNDS_EXCEEDED', `The agent asked for tools more than ${settings.maxToolRounds} times.`);
        }
        conversation.recordRound(this.#agentText.slice(this.#roundStart), calls);
        this.#roundStart = this.#agentText.length;
        await this.#tokens.push(FLUSH);
        const askedAt = this.#clock.now();
        for (const call of calls) {
          this.#emit({ type: 'response.function_call', response_id: this.id, call_id: call.callId, name: call.name, arguments: call.arguments });
          logger.debug({ tool: call.name, callId: call.callId, arguments: call.arguments }, 'tool call arguments');
        }
        let outcome = 'ok';
        try {
          await conversation.waitForOutputs(calls.map((c) => c.callId), signal);
        } catch (err) {
          outcome = err instanceof SaywireError ? err.code : 'error';
          throw err;
        } finally {
          const durationMs = Math.round(this.#clock.now() - askedAt);
          for (const call of calls) logger.info({ tool: call.name, callId: call.callId, durationMs, outcome }, 'tool call');
        }
        if (signal.aborted) return;
      }
    } catch (err) {
      if (signal.aborted) return;
      const error = toSaywireError(err, 'AGENT_FAILED');
      // Nothing said yet: fail at once. Otherwise keep what was said, flush the rest, then fail.
      if (this.#firstTokenAt === undefined) throw error;
      this.#agentError = error;
    }
    this.#tokens.close();
  }

  async #pushText(delta: string, maxBytes: number): Promise<void> {
    this.#agentBytes += Buffer.byteLength(delta, 'utf8');
    if (this.#agentBytes > maxBytes) {
      throw new SaywireError('TEXT_TOO_LONG', `The reply exceeded ${maxBytes} bytes.`);
    }
    this.#firstTokenAt ??= this.#clock.now();
    this.#agentText += delta;
    await this.#tokens.push(delta);
  }

  #addUsage(input: number, output: number): void {
    const usage = this.#usage ?? { input_tokens: 0, output_tokens: 0 };
    this.#usage = { input_tokens: usage.input_tokens + input, output_tokens: usage.output_tokens + output };
  }

  /** Gate + coalesce: one scan in flight; deltas that arrive meanwhile join the next scan. */
  async #chunkLoop(signal: AbortSignal): Promise<void> {
    const { settings, workers } = this.#init;
    const carry = new SentenceCarry(settings.chunker);
    const scan = async (final: boolean): Promise<void> => {
      const window = carry.text;
      if (final && window.trim() === '') return;
      const result = await workers.scan({ text: window, state: carry.state, options: settings.chunker, final });
      if (signal.aborted) return;
      // A candidate left pending makes the carry's next append() warrant a scan.
      await this.#queueSentences(carry.apply(result, window.length));
    };
    let warranted = false;
    for (;;) {
      const items = await this.#tokens.takeAll();
      if (signal.aborted) return;
      if (items === undefined) break;
      for (const item of items) {
        if (item === FLUSH) {
          await scan(true);
          warranted = false;
          if (signal.aborted) return;
          continue;
        }
        this.#emit({ type: 'response.text.delta', response_id: this.id, delta: item });
        if (carry.append(item)) warranted = true;
      }
      if (!warranted) continue;
      warranted = false;
      await scan(false);
      if (signal.aborted) return;
    }
    await scan(true);
    if (signal.aborted) return;
    this.#sentences.close();
  }

  async #queueSentences(sentences: string[]): Promise<void> {
    for (const sentence of sentences) await this.#sentences.push(sentence);
  }

  /** Synthesize up to `speechConcurrency` sentences at once; emit strictly in order. */
  async #senderLoop(signal: AbortSignal): Promise<void> {
    const { settings, workers } = this.#init;
    const inFlight: Array<{ text: string; audio: Promise<SpeechAudio> }> = [];
    const start = (text: string): void => {
      const audio = workers.speak({
        text,
        voice: settings.voice,
        rate: settings.rate,
        pitch: settings.pitch,
        sampleRate: settings.sampleRate,
      }, signal);
      // A result may be dropped unread after a cancel; its rejection must not go unhandled.
      audio.catch(() => {});
      inFlight.push({ text, audio });
    };
    let index = 0;
    for (;;) {
      let next = this.#sentences.tryShift();
      while (next !== undefined) {
        start(next);
        if (inFlight.length >= settings.speechConcurrency) break;
        next = this.#sentences.tryShift();
      }
      if (inFlight.length === 0) {
        const waited = await this.#sentences.shift();
        if (signal.aborted || waited === undefined) return;
        start(waited);
        continue;
      }
      const head = inFlight.shift() as (typeof inFlight)[number];
      const audio = await head.audio;
      if (signal.aborted) return;
      await this.#sendSentence(index++, head.text, audio, signal);
      if (signal.aborted) return;
    }
  }

  async #sendSentence(index: number, text: string, audio: SpeechAudio, signal: AbortSignal): Promise<void> {
    const { settings, output } = this.#init;
    this.#firstSentenceAt ??= this.#clock.now();
    this.#emit({ type: 'response.sentence', response_id: this.id, index, text, speech_text: audio.speechText });
    this.#sentenceCount++;
    const samplesPerFrame = Math.max(1, Math.round((audio.sampleRate * settings.frameMs) / 1000));
    // Recorded at its first frame: a sentence cut off mid-audio still counts as (partly) spoken.
    let sent: SentSentence | undefined;
    for (let at = 0; at < audio.pcm.length; at += samplesPerFrame) {
      if (this.#audioMs > settings.maxTurnAudioMs) {
        throw new SaywireError('TURN_BUDGET_EXCEEDED', `The turn produced more than ${settings.maxTurnAudioMs} ms of audio.`);
      }
      await output.whenWritable(signal);
      if (signal.aborted || this.finished) return;
      const samples = audio.pcm.subarray(at, at + samplesPerFrame);
      const seq = this.#seq + 1;
      if (settings.audioFormat === 'binary') {
        output.sendAudio(
          encodeAudioFrame({ responseNumber: this.number, sentenceIndex: index, seq, sampleRate: audio.sampleRate }, samples),
        );
      } else {
        const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
        this.#emit({
          type: 'response.audio.delta',
          response_id: this.id,
          sentence_index: index,
          seq,
          audio: bytes.toString('base64'),
        });
      }
      this.#seq = seq;
      this.#firstAudioAt ??= this.#clock.now();
      if (sent === undefined) {
        sent = { text, offsetMs: this.#audioMs, durationMs: 0, words: audio.words };
        this.#sent.push(sent);
      }
      const frameMs = (samples.length / audio.sampleRate) * 1000;
      sent.durationMs += frameMs;
      this.#audioMs += frameMs;
    }
    const durationMs = (audio.pcm.length / audio.sampleRate) * 1000;
    this.#emit({
      type: 'response.audio.done',
      response_id: this.id,
      sentence_index: index,
      duration_ms: Math.round(durationMs),
      sample_rate: audio.sampleRate,
      words: audio.words.map((w): WordTimingEvent => ({
        text: text.slice(w.start, w.end),
        start: w.start,
        end: w.end,
        start_ms: Math.round(w.startMs),
        end_ms: Math.round(w.endMs),
      })),
    });
  }

  #spokenText(): string {
    return this.#sent.map((s) => s.text).join(' ');
  }

  #emit(event: ServerEvent): void {
    if (this.finished) return;
    this.#init.output.sendEvent(event);
  }

  #emitError(error: SaywireError): void {
    this.#emit(errorEvent(error, undefined));
  }

  #finish(status: ResponseStatus, reason: ErrorCode | CancelReason | undefined): ResponseSummary {
    if (this.finished) return this.#summary();
    this.#tokens.clear();
    this.#sentences.clear();
    const summary = this.#summary(status, reason);
    // The last event of the turn: after it, #emit refuses everything.
    this.#init.output.sendEvent({ type: 'response.done', response: summary });
    this.#state = status;
    this.#endedAt = this.#clock.now();
    this.#init.logger.info(
      { status, reason, timings: summary.timings, sentences: summary.sentences, audioMs: summary.audio_ms },
      'turn done',
    );
    this.#init.onFinished?.(this, summary);
    return summary;
  }

  #summary(status: ResponseStatus = this.#state as ResponseStatus, reason?: string): ResponseSummary {
    const since = (t: number | undefined): number | null => (t === undefined ? null : Math.round(t - this.#startedAt));
    const summary: ResponseSummary = {
      id: this.id,
      status,
      timings: {
        first_token_ms: since(this.#firstTokenAt),
        first_sentence_ms: since(this.#firstSentenceAt),
        first_audio_ms: since(this.#firstAudioAt),
        total_ms: Math.round((this.#endedAt ?? this.#clock.now()) - this.#startedAt),
      },
      sentences: this.#sentenceCount,
      spoken_text: this.#spokenText(),
      audio_ms: Math.round(this.#audioMs),
      last_audio_seq: this.#seq,
    };
    if (reason !== undefined) summary.status_details = { reason };
    if (this.#usage !== undefined) summary.usage = this.#usage;
    return summary;
  }
}

/** Drops from `text` the leading characters that make up `prefix`, ignoring whitespace. */
function dropLeading(text: string, prefix: string): string {
  let remaining = prefix.replace(/\s+/g, '').length;
  let i = 0;
  while (i < text.length && remaining > 0) {
    if (!/\s/.test(text[i] as string)) remaining--;
    i++;
  }
  return text.slice(i).trim();
}
