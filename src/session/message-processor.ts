/**
 * Owns the turns of one connection: starts them, supersedes and cancels them, records their
 * text in the history, and evicts finished ones. Memory per connection is bounded: at most
 * `turnsRetained` finished turns (none older than `turnMaxAgeMs`) plus the one running, and a
 * history of at most `historyMaxChars`.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Agent } from '../agents/agent.js';
import { ClientTextSource } from '../agents/client-text.js';
import type { Clock } from '../clock.js';
import { SaywireError } from '../errors.js';
import type { ResponseVoiceFields } from '../protocol/client-events.js';
import type { ResponseSummary } from '../protocol/server-events.js';
import { type CancelReason, ConversationTurn } from '../turn/conversation-turn.js';
import type { FunctionCall, TurnConversation, TurnOutput, TurnSettings } from '../turn/turn-ports.js';
import type { TurnWorkers } from '../turn/turn-workers.js';
import { ConversationHistory } from './conversation-history.js';
import type { SessionSettings } from './session-settings.js';
import type { Session } from './session.js';

/** Decides whether a new turn may start now; an error refuses it (OVERLOADED). */
export interface TurnAdmission {
  check(): SaywireError | undefined;
}

/** Limits of one connection's turn bookkeeping. */
export interface TurnRetention {
  turnMaxAgeMs: number;
  turnsRetained: number;
}

export interface MessageProcessorInit {
  output: TurnOutput;
  workers: TurnWorkers;
  /** The agent for `response.create`. */
  agent: Agent;
  /** The session; each turn starts with its settings as they are then. */
  session: Session;
  /** Server-wide per-turn settings not owned by the session. */
  turnLimits: Omit<TurnSettings, keyof SessionSettings>;
  retention: TurnRetention;
  historyMaxChars: number;
  /** How long a turn waits for the client's function call outputs, ms. */
  toolCallTimeoutMs: number;
  /** Admission control for new turns (shared by the server's connections). */
  admission?: TurnAdmission;
  /** Told of every turn's end (metrics). */
  onTurnDone?: (summary: ResponseSummary) => void;
  logger: Logger;
  clock: Clock;
}

/** The tool message recorded for a call the turn stopped waiting for. */
const CALL_CANCELLED = 'No result: the response was cancelled before the function returned.';
const CALL_TIMED_OUT = 'No result: the function did not return in time.';

export class MessageProcessor {
  readonly #init: MessageProcessorInit;
  readonly #turns = new Map<string, ConversationTurn>();
  readonly #history: ConversationHistory;
  #current: ConversationTurn | undefined;
  #clientText: ClientTextSource | undefined;
  #responses = 0;
  #closed = false;
  /** Function calls of the running turn still waiting for their output, by call id. */
  readonly #awaitedCalls = new Map<string, () => void>();

  constructor(init: MessageProcessorInit) {
    this.#init = init;
    this.#history = new ConversationHistory(init.historyMaxChars);
  }

  /** Turns held, running or finished. */
  get retainedTurns(): number {
    return this.#turns.size;
  }

  /** The running turn, if any. */
  get current(): ConversationTurn | undefined {
    return this.#current;
  }

  get history(): ConversationHistory {
    return this.#history;
  }

  /** Adds a user message to the history without starting a turn. */
  addUserMessage(text: string): void {
    this.#history.add({ role: 'user', text });
  }

  /**
   * Adds a tool's output to the history, releasing the turn that waits for it. Only a call the
   * running turn waits for takes an output: any other would leave a tool message with no call
   * before it, which OpenAI-compatible upstreams reject for the rest of the connection.
   */
  addFunctionOutput(callId: string, output: string): void {
    const release = this.#awaitedCalls.get(callId);
    if (release === undefined) {
      throw new SaywireError('INVALID_EVENT', `No function call "${callId.slice(0, 64)}" is waiting for an output.`);
    }
    this.#history.add({ role: 'function_call_output', callId, output });
    release();
  }

  /** Starts an agent turn, superseding a running one; `voice` settings apply to this turn only. */
  async startAgentTurn(input: string | undefined, voice: ResponseVoiceFields = {}): Promise<ConversationTurn> {
    const settings = this.#init.session.forResponse(voice);
    return this.#begin('agent', this.#init.agent, settings, () => {
      if (input !== undefined) this.addUserMessage(input);
    });
  }

  /**
   * Appends client text to the open client-text turn, or starts one. A client-text turn that
   * is still speaking after its `text.done` is superseded, like any running turn. `voice`
   * settings belong to the append that starts a turn: on a later one they are refused.
   */
  async appendText(delta: string, voice: ResponseVoiceFields = {}): Promise<void> {
    if (this.#current?.source === 'agent') throw new SaywireError('RESPONSE_IN_PROGRESS');
    let source = this.#clientText;
    if (source === undefined) {
      const settings = this.#init.session.forResponse(voice);
      source = new ClientTextSource(this.#init.turnLimits.maxTurnTextBytes);
      await this.#begin('client', source, settings);
      this.#clientText = source;
    } else if (voice.voice !== undefined || voice.rate !== undefined || voice.pitch !== undefined) {
      throw new SaywireError('INVALID_EVENT', 'Fields "voice", "rate" and "pitch" belong to the text.append that starts a response.');
    }
    source.append(delta);
  }

  /** Ends the client's text: the rest is flushed and spoken. */
  textDone(): void {
    if (this.#clientText === undefined || this.#current?.source !== 'client') {
      throw new SaywireError('NO_ACTIVE_RESPONSE', 'text.done needs an open text.append response.');
    }
    this.#clientText.end();
    this.#clientText = undefined;
  }

  /** Speaks the client's text so far now, without ending it; `text.flushed` answers once it is queued. */
  flushText(): void {
    if (this.#clientText === undefined || this.#current?.source !== 'client') {
      throw new SaywireError('NO_ACTIVE_RESPONSE', 'text.flush needs an open text.append response.');
    }
    this.#clientText.flush();
  }

  /** Cancels the running turn. */
  async cancel(reason: CancelReason): Promise<ResponseSummary> {
    const current = this.#current;
    if (current === undefined) throw new SaywireError('NO_ACTIVE_RESPONSE', 'There is no response to cancel.');
    const summary = await current.cancel(reason);
    return summary ?? (await current.run());
  }

  /** The client played `playedMs` of a response: what was not heard leaves the history. */
  played(responseId: string, playedMs: number): void {
    const turn = this.#turns.get(responseId);
    if (turn === undefined) {
      throw new SaywireError('INVALID_EVENT', `Unknown or evicted response "${responseId.slice(0, 64)}".`);
    }
    const heard = turn.applyPlayed(playedMs);
    if (turn.finished && turn.state !== 'completed') this.#history.replaceReply(turn.id, heard);
  }

  /**
   * Drops finished turns older than `turnMaxAgeMs` and beyond the newest `turnsRetained`.
   * Called when a turn starts and by the server's periodic sweep.
   */
  evict(now = this.#init.clock.now()): void {
    const { turnMaxAgeMs, turnsRetained } = this.#init.retention;
    let finished = 0;
    for (const turn of this.#turns.values()) if (turn.finished) finished++;
    for (const [id, turn] of this.#turns) {
      if (!turn.finished) continue;
      const tooOld = now - (turn.endedAt ?? now) > turnMaxAgeMs;
      if (tooOld || finished > turnsRetained) {
        this.#turns.delete(id);
        finished--;
      }
    }
  }

  /** The connection is gone: cancel what runs and let go of everything. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clientText = undefined;
    await this.#current?.cancel('connection_closed');
    this.#turns.clear();
  }

  /** Refuses new turns (SHUTTING_DOWN) and resolves when the running one, if any, has ended. */
  async drain(): Promise<void> {
    this.#closed = true;
    await this.#current?.run();
  }

  /** Cancels the running turn for shutdown, with the usual `response.done`. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    await this.#current?.cancel('shutdown');
  }

  /**
   * The one way a turn starts: admission, then the running turn (whatever its source) is
   * cancelled as `superseded` and has sent its `response.done`, then the new one starts. This
   * is what keeps a connection at one running turn.
   */
  async #begin(source: 'agent' | 'client', agent: Agent, settings: SessionSettings, before?: () => void): Promise<ConversationTurn> {
    this.#admit();
    if (this.#current !== undefined) await this.#current.cancel('superseded');
    this.#clientText = undefined;
    before?.();
    return this.#start(source, agent, settings);
  }

  /** The conversation as the running turn sees it. */
  readonly #conversation: TurnConversation = {
    history: () => this.#history.items(),
    tools: () => this.#init.session.settings.tools,
    recordRound: (text: string, calls: readonly FunctionCall[]) => {
      if (text.trim() !== '') this.#history.add({ role: 'assistant', text });
      for (const call of calls) this.#history.add({ role: 'function_call', ...call });
    },
    waitForOutputs: (callIds, signal) =>
      new Promise<void>((resolve, reject) => {
        const waiting = new Set(callIds);
        const { clock, toolCallTimeoutMs } = this.#init;
        // A call left unanswered still gets its tool message, saying why, so the history sent
        // upstream stays valid (every call followed by its output).
        const settle = (unanswered: string, error?: SaywireError): void => {
          clock.clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          for (const callId of waiting) {
            this.#awaitedCalls.delete(callId);
            this.#history.add({ role: 'function_call_output', callId, output: unanswered });
          }
          waiting.clear();
          if (error === undefined) resolve();
          else reject(error);
        };
        const onAbort = (): void => settle(CALL_CANCELLED);
        const timer = clock.setTimeout(
          () => settle(CALL_TIMED_OUT, new SaywireError('TOOL_TIMEOUT', `No function call output within ${toolCallTimeoutMs} ms.`)),
          toolCallTimeoutMs,
        );
        signal.addEventListener('abort', onAbort, { once: true });
        for (const callId of callIds) {
          this.#awaitedCalls.set(callId, () => {
            this.#awaitedCalls.delete(callId);
            waiting.delete(callId);
            if (waiting.size === 0) settle('');
          });
        }
      }),
  };

  #admit(): void {
    if (this.#closed) throw new SaywireError('SHUTTING_DOWN');
    const refusal = this.#init.admission?.check();
    if (refusal !== undefined) throw refusal;
  }

  #finished(turn: ConversationTurn, summary: ResponseSummary, agent: Agent): void {
    if (this.#current === turn) this.#current = undefined;
    if (this.#clientText === agent) this.#clientText = undefined;
    const text = turn.historyText;
    if (text !== '') this.#history.add({ role: 'assistant', text }, turn.id);
    this.#init.onTurnDone?.(summary);
  }

  #start(source: 'agent' | 'client', agent: Agent, sessionSettings: SessionSettings): ConversationTurn {
    if (this.#closed) throw new SaywireError('SHUTTING_DOWN');
    this.evict();
    const number = ++this.#responses;
    const id = `resp_${randomBytes(6).toString('hex')}`;
    const { output, workers, logger, clock, turnLimits } = this.#init;
    const turn = new ConversationTurn({
      id,
      number,
      source,
      agent,
      conversation: this.#conversation,
      workers,
      output,
      settings: { ...turnLimits, ...sessionSettings },
      logger: logger.child({ turn: id }),
      clock,
      onFinished: (finished, summary) => this.#finished(finished, summary, agent),
    });
    this.#turns.set(id, turn);
    this.#current = turn;
    turn.run().catch((err: unknown) => logger.error({ err, turn: id }, 'turn crashed'));
    return turn;
  }
}
