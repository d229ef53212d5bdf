/**
 * The Chat Completions request the OpenAI-compatible agent sends: the conversation history in
 * Chat Completions form and the JSON body around it. Built once per reply, before any attempt,
 * so every retry sends the same bytes.
 */
import type { AgentRequest, HistoryItem } from './agent.js';

type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCallOut[] }
  | { role: 'tool'; tool_call_id: string; content: string };

interface ToolCallOut {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** What the upstream reads for a call whose output is missing from the history. */
const MISSING_OUTPUT = 'No result: the function did not return.';

/**
 * The history in Chat Completions form; consecutive calls of one assistant message merge. The
 * result is always valid for OpenAI's rule that an assistant message with `tool_calls` is
 * followed by exactly one tool message per call id: each call's output is placed right after
 * its message (wherever it stands in the history), a missing one is filled in, and an output
 * whose call is not in the history (trimmed away) is left out.
 */
export function toChatMessages(systemPrompt: string, history: readonly HistoryItem[]): ChatMessage[] {
  const outputs = new Map<string, string>();
  for (const item of history) {
    if (item.role === 'function_call_output' && !outputs.has(item.callId)) outputs.set(item.callId, item.output);
  }
  const messages: ChatMessage[] = [];
  if (systemPrompt !== '') messages.push({ role: 'system', content: systemPrompt });
  let calls: ToolCallOut[] = [];
  const answerCalls = (): void => {
    for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: outputs.get(call.id) ?? MISSING_OUTPUT });
    calls = [];
  };
  for (const item of history) {
    if (item.role !== 'function_call') answerCalls();
    switch (item.role) {
      case 'user':
        messages.push({ role: 'user', content: item.text });
        break;
      case 'assistant':
        messages.push({ role: 'assistant', content: item.text });
        break;
      case 'function_call': {
        const call: ToolCallOut = { id: item.callId, type: 'function', function: { name: item.name, arguments: item.arguments } };
        const last = messages.at(-1);
        if (last?.role === 'assistant' && last.tool_calls !== undefined) last.tool_calls.push(call);
        else if (last?.role === 'assistant' && typeof last.content === 'string') last.tool_calls = [call];
        else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
        calls.push(call);
        break;
      }
      case 'function_call_output':
        break;
    }
  }
  answerCalls();
  return messages;
}

/** The streaming request body for `request`: the history, the model's settings and any tools. */
export function chatRequestBody(
  options: { model: string; systemPrompt: string; temperature: number; maxOutputTokens: number },
  request: AgentRequest,
): string {
  return JSON.stringify({
    model: options.model,
    messages: toChatMessages(options.systemPrompt, request.history),
    stream: true,
    stream_options: { include_usage: true },
    temperature: options.temperature,
    max_tokens: options.maxOutputTokens,
    ...(request.tools === undefined || request.tools.length === 0
      ? {}
      : {
          tools: request.tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
        }),
  });
}
