/**
 * Tool calls from a Chat Completions stream. The stream sends each call in fragments (its id
 * and name first, its JSON arguments in pieces), several calls interleaved by `index`; the agent
 * hands on only whole calls, once the stream has ended, in index order.
 */
import type { AgentEvent } from './agent.js';

/** One fragment of a tool call, as a chunk's `choices[].delta.tool_calls[]` carries it. */
export interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** Joins the fragments of one streamed reply's tool calls. */
export class ToolCallAssembler {
  readonly #calls = new Map<number, PendingCall>();

  add(part: ToolCallDelta): void {
    const index = part.index ?? 0;
    const call = this.#calls.get(index) ?? { id: '', name: '', arguments: '' };
    if (part.id !== undefined) call.id = part.id;
    if (part.function?.name !== undefined) call.name += part.function.name;
    if (part.function?.arguments !== undefined) call.arguments += part.function.arguments;
    this.#calls.set(index, call);
  }

  /** The whole calls, in index order. */
  calls(): AgentEvent[] {
    return [...this.#calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, call]) => ({ type: 'function_call', callId: call.id, name: call.name, arguments: call.arguments }));
  }
}
