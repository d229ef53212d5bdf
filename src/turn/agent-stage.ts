/**
 * The agent stage: streams the agent's reply into the token queue, within the turn's text budget.
 * A round that ends in function calls is recorded in the conversation, the carry is flushed (the
 * text so far is spoken while the client runs the tool), the calls go to the client, and a new
 * round starts once every call has its output, at most `maxToolRounds` times. Usage adds up over
 * the rounds.
 */
import type { Logger } from 'pino';
import type { Agent, AgentEvent } from '../agents/agent.js';
import type { Clock } from '../clock.js';
import { SaywireError, toSaywireError } from '../errors.js';
import type { ResponseSummary, ServerEvent } from '../protocol/server-events.js';
import type { BoundedQueue } from './bounded-queue.js';
import { CLIENT_FLUSH, FLUSH, type TokenItem } from './chunk-stage.js';
import type { FunctionCall, TurnConversation, TurnSettings } from './turn-ports.js';

export interface AgentStageInit {
  responseId: string;
  agent: Agent;
  conversation: TurnConversation;
  settings: Pick<TurnSettings, 'maxTurnTextBytes' | 'maxToolRounds'>;
  tokens: BoundedQueue<TokenItem>;
  emit(event: ServerEvent): void;
  logger: Logger;
  clock: Clock;
}

export class AgentStage {
  readonly #init: AgentStageInit;
  #text = '';
  /** Where the current round's text starts: earlier rounds are in the history already. */
  #roundStart = 0;
  #bytes = 0;
  #firstTokenAt: number | undefined;
  #usage: ResponseSummary['usage'];
  #error: SaywireError | undefined;

  constructor(init: AgentStageInit) {
    this.#init = init;
  }

  /** Everything the agent said this turn, all rounds. */
  get text(): string {
    return this.#text;
  }

  /** The text of rounds already recorded in the history (they ended in tool calls). */
  get recordedText(): string {
    return this.#text.slice(0, this.#roundStart);
  }

  /** The text of the last round, not yet in the history. */
  get lastRoundText(): string {
    return this.#text.slice(this.#roundStart);
  }

  get firstTokenAt(): number | undefined {
    return this.#firstTokenAt;
  }

  get usage(): ResponseSummary['usage'] {
    return this.#usage;
  }

  /** A failure after text was said: the pipeline drains what was said, then the turn fails. */
  get error(): SaywireError | undefined {
    return this.#error;
  }

  async run(signal: AbortSignal): Promise<void> {
    const { agent, conversation, settings, tokens } = this.#init;
    try {
      for (let round = 0; ; round++) {
        const calls: FunctionCall[] = [];
        const events: AsyncIterable<AgentEvent> = agent.stream({ history: conversation.history(), tools: conversation.tools(), signal });
        for await (const event of events) {
          if (signal.aborted) return;
          if (event.type === 'usage') this.#addUsage(event.inputTokens, event.outputTokens);
          else if (event.type === 'function_call') calls.push(event);
          else if (event.type === 'flush') await tokens.push(CLIENT_FLUSH);
          else if (event.delta !== '') await this.#push(event.delta, settings.maxTurnTextBytes);
        }
        if (calls.length === 0) break;
        if (round >= settings.maxToolRounds) {
          throw new SaywireError('TOOL_ROUNDS_EXCEEDED', `The agent asked for tools more than ${settings.maxToolRounds} times.`);
        }
        conversation.recordRound(this.lastRoundText, calls);
        this.#roundStart = this.#text.length;
        await tokens.push(FLUSH);
        await this.#callTools(calls, signal);
        if (signal.aborted) return;
      }
    } catch (err) {
      if (signal.aborted) return;
      const error = toSaywireError(err, 'AGENT_FAILED');
      // Nothing said yet: fail at once. Otherwise keep what was said, flush the rest, then fail.
      if (this.#firstTokenAt === undefined) throw error;
      this.#error = error;
    }
    tokens.close();
  }

  /** Sends the calls to the client and waits for every output (TOOL_TIMEOUT otherwise). */
  async #callTools(calls: readonly FunctionCall[], signal: AbortSignal): Promise<void> {
    const { conversation, logger, clock, responseId } = this.#init;
    const askedAt = clock.now();
    for (const call of calls) {
      this.#init.emit({ type: 'response.function_call', response_id: responseId, call_id: call.callId, name: call.name, arguments: call.arguments });
      logger.debug({ tool: call.name, callId: call.callId, arguments: call.arguments }, 'tool call arguments');
    }
    let outcome = 'ok';
    try {
      await conversation.waitForOutputs(calls.map((c) => c.callId), signal);
    } catch (err) {
      outcome = err instanceof SaywireError ? err.code : 'error';
      throw err;
    } finally {
      const durationMs = Math.round(clock.now() - askedAt);
      for (const call of calls) logger.info({ tool: call.name, callId: call.callId, durationMs, outcome }, 'tool call');
    }
  }

  async #push(delta: string, maxBytes: number): Promise<void> {
    this.#bytes += Buffer.byteLength(delta, 'utf8');
    if (this.#bytes > maxBytes) throw new SaywireError('TEXT_TOO_LONG', `The reply exceeded ${maxBytes} bytes.`);
    const at = this.#init.clock.now();
    this.#firstTokenAt ??= at;
    this.#text += delta;
    await this.#init.tokens.push({ text: delta, at });
  }

  #addUsage(input: number, output: number): void {
    const usage = this.#usage ?? { input_tokens: 0, output_tokens: 0 };
    this.#usage = { input_tokens: usage.input_tokens + input, output_tokens: usage.output_tokens + output };
  }
}
