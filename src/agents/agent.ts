/**
 * The agent interface: what a turn needs from whatever produces the reply text. The scripted
 * agent, the client's own streamed text and an OpenAI-compatible upstream all implement it, so
 * the turn engine never knows which one it runs.
 */

/** One entry of the conversation history, as an agent sees it. */
export type HistoryItem =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string }
  | { role: 'function_call'; callId: string; name: string; arguments: string }
  | { role: 'function_call_output'; callId: string; output: string };

/** What an agent streams. */
export type AgentEvent =
  | { type: 'text'; delta: string }
  | { type: 'function_call'; callId: string; name: string; arguments: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  /** Speak the text so far now, boundary or not, and acknowledge it (`text.flushed`): the client asked. */
  | { type: 'flush' };

/** A function the client offers the agent (declared with `session.update`). */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface AgentRequest {
  /** The conversation so far, oldest first, ending with the user's latest message. */
  history: readonly HistoryItem[];
  /** Functions the agent may call. */
  tools?: readonly ToolDefinition[];
  /** Aborts when the turn is cancelled; the agent must stop promptly and release what it holds. */
  signal: AbortSignal;
}

export interface Agent {
  /** Name for logs and `session.created`. */
  readonly name: string;
  /** The model it asks for, for `session.created`; absent when the agent has none. */
  readonly model?: string;
  /** Streams the reply to the latest user message. */
  stream(request: AgentRequest): AsyncIterable<AgentEvent>;
}
