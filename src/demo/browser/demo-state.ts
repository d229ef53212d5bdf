/**
 * What the page exposes on `window.saywireDemo` for tests and for poking at from the console.
 * The object is updated in place as events arrive.
 */

import type { ResponseSummary, SessionInfo } from '../../protocol/server-events.js';

export type { ResponseSummary };

/** One Send: a request and the response it got. */
export interface TurnState {
  /** `resp_…`, once `response.created` arrived. */
  id: string | null;
  mode: 'agent' | 'speak';
  userText: string;
  status: 'pending' | 'running' | 'completed' | 'cancelled' | 'failed';
  /** Audio chunks scheduled for this response. */
  scheduledBuffers: number;
  /** Their total duration, ms. */
  scheduledMs: number;
  /** Chunks that arrived after the page stopped this response, dropped unplayed. */
  framesIgnored: number;
  /** Sentences shown, each when its audio started. */
  sentences: string[];
  cancelSent: boolean;
  /** ms heard, once known (on stop or when playback finished). */
  playedMs: number | null;
  /** Stopped while it sounded: the reply is marked and trimmed to `heardText`. */
  interrupted: boolean;
  heardText: string | null;
  done: ResponseSummary | null;
}

/** The page's state. */
export interface DemoState {
  state: 'connecting' | 'open' | 'reconnecting' | 'closed';
  /** The session as the server last described it. */
  session: SessionInfo | null;
  /** Times the page got a new socket after losing one. */
  reconnects: number;
  /** The server answered 401: the token field is shown. */
  needsToken: boolean;
  /** Voice ids from `GET /v1/voices`. */
  voices: string[];
  /** Audio chunks scheduled on this page, all responses. */
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
  /** The highest output level the meter showed, 0–1. */
  peakLevel: number;
  /** Events in the events panel, both directions. */
  eventsLogged: number;
  /** Audio frames per response id, as the events panel counts them. */
  frameCounts: Record<string, { frames: number; ms: number }>;
  /** `sentence_index` of each `text.flushed` answer (-1: nothing was buffered), latest 50. */
  flushed: number[];
  /** Errors shown, oldest first. */
  errors: Array<{ code: string; message: string }>;
  turns: TurnState[];
}
