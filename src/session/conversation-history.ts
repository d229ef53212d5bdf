/**
 * The conversation history of one connection: user messages, assistant replies and tool items,
 * bounded by a character budget. The oldest items go first; the newest item always stays, so
 * an agent always sees the message it is answering. (The system prompt is the agent's own and
 * is never counted or dropped here.)
 */
import type { HistoryItem } from '../agents/agent.js';

function sizeOf(item: HistoryItem): number {
  switch (item.role) {
    case 'user':
    case 'assistant':
      return item.text.length;
    case 'function_call':
      return item.name.length + item.arguments.length;
    case 'function_call_output':
      return item.output.length;
  }
}

export class ConversationHistory {
  readonly #maxChars: number;
  #items: Array<{ item: HistoryItem; size: number; turnId: string | undefined }> = [];
  #chars = 0;

  /** @param maxChars most characters kept across all items. */
  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** Characters held now. */
  get chars(): number {
    return this.#chars;
  }

  get length(): number {
    return this.#items.length;
  }

  /** A snapshot, oldest first. */
  items(): HistoryItem[] {
    return this.#items.map((entry) => entry.item);
  }

  /** Appends an item; `turnId` marks an assistant reply that a later `response.played` may trim. */
  add(item: HistoryItem, turnId?: string): void {
    const size = sizeOf(item);
    this.#items.push({ item, size, turnId });
    this.#chars += size;
    this.#trim();
  }

  /** Replaces the text of the assistant reply of `turnId` (what the user really heard). */
  replaceReply(turnId: string, text: string): void {
    const entry = this.#items.find((e) => e.turnId === turnId && e.item.role === 'assistant');
    if (entry === undefined) return;
    this.#chars -= entry.size;
    entry.item = { role: 'assistant', text };
    entry.size = text.length;
    this.#chars += entry.size;
  }

  #trim(): void {
    while (this.#chars > this.#maxChars && this.#items.length > 1) {
      const dropped = this.#items.shift() as { size: number };
      this.#chars -= dropped.size;
    }
  }
}
