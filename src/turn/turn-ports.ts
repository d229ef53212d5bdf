/**
 * What a turn needs from the code around it, as interfaces the turn owns (the connection and the
 * message processor implement them; the turn imports neither): where its events and audio go,
 * the conversation it belongs to, and its settings.
 */
import type { HistoryItem, ToolDefinition } from '../agents/agent.js';
import type { AudioEncoding } from '../protocol/audio-encoding.js';
import type { ServerEvent } from '../protocol/server-events.js';
import type { PronunciationSet } from '../speech/pronunciations.js';
import type { FilledChunkerOptions } from '../text/chunker-options.js';

/** Where a turn's events and audio go: the connection, seen from the turn. */
export interface TurnOutput {
  sendEvent(event: ServerEvent): void;
  sendAudio(frame: Uint8Array): void;
  /** True while the socket holds more unsent audio than its high-water mark. */
  isCongested(): boolean;
  /** Resolves when the socket can take more audio (below its high-water mark), or when `signal` aborts. */
  whenWritable(signal: AbortSignal): Promise<void>;
  /**
   * A sentence's first audio frame is on the socket, `ms` after the text that completed its
   * boundary reached the turn: the latency the server added (metrics only).
   */
  sentenceLatency?(ms: number): void;
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
  /** PCM16 output rate, Hz, or `null` for the engine's; G.711 encodings are sent at 8000 whatever it says. */
  sampleRate: number | null;
  audioFormat: 'binary' | 'base64';
  encoding: AudioEncoding;
  /** The session's pronunciations, or null for none (the server's apply in the pool regardless). */
  pronunciations: PronunciationSet | null;
  frameMs: number;
  /** At most one `response.text.delta` per this many ms; 0 sends each agent delta as it comes. */
  textDeltaMs: number;
}
