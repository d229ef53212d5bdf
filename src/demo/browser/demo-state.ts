/**
 * What the page exposes on `window.saywireDemo` for tests and for poking at from the console.
 * The object is updated in place as events arrive.
 */

import type { ResponseSummary } from '../../protocol/server-events.js';

export type { ResponseSummary };

/** One Send: a request and the response it got. */
export interface TurnState {
  /** `resp_…`, once `response.created` arrived. */
  id: string | null;
  mode: 'agent' | 'speak';
  userText: string;
  status: 'pending' | 'running' | 'completed' | 'cancelled' | 'failed';
  /** Audio buffers scheduled for this response. */
  scheduledBuffers: number;
  /** Their total duration, ms. */
  scheduledMs: number;
  /** Frames that arrived after the page stopped this response, dropped unplayed. */
  framesIgnored: number;
  /** Sentences shown, each when its audio started. */
  sentences: string[];
  cancelSent: boolean;
  /** ms heard, once known (on stop or when playback finished). */
  playedMs: number | null;
  done: ResponseSummary | null;
}

/** The page's state. */
export interface DemoState {
  state: 'connecting' | 'open' | 'closed';
  /** Voice ids from `GET /v1/voices`. */
  voices: string[];
  /** Audio buffers scheduled on this page, all responses. */
  scheduledBuffers: number;
  /** Their total duration, ms. */
  scheduledMs: number;
  /** Every sentence shown in the transcript, in order. */
  sentences: string[];
  lastDone: ResponseSummary | null;
  /** `response.cancel` events sent. */
  cancelSent: number;
  /** Buffers of the latest turn still scheduled or sounding. */
  activeSources: number;
  /** Errors shown, oldest first. */
  errors: Array<{ code: string; message: string }>;
  turns: TurnState[];
}
