/**
 * The scripted agent: offline and deterministic, the default for demos, tests and load. It
 * streams a canned reply token by token at a set rate, after a set first-token delay. The replies
 * are written to exercise the chunker: abbreviations, decimals and money, lists, a URL, questions
 * and exclamations, several sentences, and an echo of the user's own words.
 */
import { type Clock, delay, systemClock } from '../clock.js';
import type { Agent, AgentEvent, AgentRequest } from './agent.js';

/** Settings of the scripted agent. */
export interface ScriptedAgentOptions {
  /** Tokens per second; 0 streams as fast as possible. Default 50. */
  tokensPerSecond?: number;
  /** Delay before the first token, ms. Default 150. */
  firstTokenMs?: number;
  clock?: Clock;
}

const REPLIES: readonly string[] = [
  'Sure! Dr. Smith will see you at 10:30 a.m. on Monday. The fee is $42.50, e.g. less than last year. Is that OK?',
  'Here are three options:\n1. The basic plan costs $9.99 a month.\n2. The pro plan adds 3.5 GB of storage.\n3. The team plan is for 5 or more people.\nWhich one sounds right to you?',
  'Great question. You can read the docs at https://example.com/docs/v1.2 or email help@example.com. The U.S. office opens at 9 a.m. sharp!',
  "I checked the forecast. It will be 21°C in St. Louis, with a 40% chance of rain. Don't forget an umbrella... just in case!",
  'Version 2.4.1 fixed the bug. Mr. Lee said it was about 3.14 times faster, i.e. a big win. Want me to send the release notes?',
];

/** Splits text the way an LLM tokenizer roughly does: words with their leading space, long words in pieces. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    for (let i = 0; i < word.length; i += 6) tokens.push(word.slice(i, i + 6));
  }
  return tokens;
}
const TOKEN = /\s*[^\s]+|\s+/g;

/** Picks the reply for a user message: an echo of the user's words, then a canned reply chosen by a hash of them. */
export function scriptedReply(userText: string): string {
  let hash = 0;
  for (let i = 0; i < userText.length; i++) hash = (hash * 31 + userText.charCodeAt(i)) >>> 0;
  const words = userText.trim().replace(/\s+/g, ' ').slice(0, 200);
  const echo = words === '' ? 'You said nothing, so here is a story.' : `You said: "${words}".`;
  return `${echo} ${REPLIES[hash % REPLIES.length]}`;
}

/** The scripted agent. */
export class ScriptedAgent implements Agent {
  readonly name = 'scripted';
  readonly #tokensPerSecond: number;
  readonly #firstTokenMs: number;
  readonly #clock: Clock;

  constructor(options: ScriptedAgentOptions = {}) {
    this.#tokensPerSecond = options.tokensPerSecond ?? 50;
    this.#firstTokenMs = options.firstTokenMs ?? 150;
    this.#clock = options.clock ?? systemClock;
  }

  async *stream(request: AgentRequest): AsyncIterable<AgentEvent> {
    let userText = '';
    for (const item of request.history) if (item.role === 'user') userText = item.text;
    const tokens = tokenize(scriptedReply(userText));
    const { signal } = request;
    if (this.#firstTokenMs > 0) await delay(this.#clock, this.#firstTokenMs, signal);
    const gapMs = this.#tokensPerSecond > 0 ? 1000 / this.#tokensPerSecond : 0;
    for (let i = 0; i < tokens.length; i++) {
      if (signal.aborted) return;
      if (i > 0 && gapMs > 0) await delay(this.#clock, gapMs, signal);
      // At full speed, step out to the event loop now and then so sockets are still served.
      else if (gapMs === 0 && i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) return;
      yield { type: 'text', delta: tokens[i] as string };
    }
    yield { type: 'usage', inputTokens: tokenize(userText).length, outputTokens: tokens.length };
  }
}
