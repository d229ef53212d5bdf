/** The `error` event body, built in one place for every path that reports an error. */
import { describe, expect, it } from 'vitest';
import { SaywireError } from '../../src/errors.js';
import { errorEvent } from '../../src/protocol/server-events.js';

describe('errorEvent', () => {
  it('echoes the event id, or null when no client event caused it', () => {
    expect(errorEvent(new SaywireError('UNKNOWN_EVENT', 'Unknown event type "x".'), 'e7')).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'UNKNOWN_EVENT', message: 'Unknown event type "x".', event_id: 'e7' },
    });
    expect(errorEvent(new SaywireError('WORKER_FAILED', 'boom'), undefined).error.event_id).toBeNull();
  });

  it('adds upstream_status only when the LLM endpoint gave one', () => {
    const upstream = new SaywireError('UPSTREAM_HTTP_ERROR', 'Bad gateway.', { upstreamStatus: 502 });
    expect(errorEvent(upstream, 'e1')).toEqual({
      type: 'error',
      error: { type: 'upstream_error', code: 'UPSTREAM_HTTP_ERROR', message: 'Bad gateway.', event_id: 'e1', upstream_status: 502 },
    });
    expect(errorEvent(new SaywireError('UPSTREAM_TIMEOUT', 'Silent.'), undefined).error).not.toHaveProperty('upstream_status');
  });
});
