/**
 * The event handler's own duties, with an injected clock: rate-limit strikes that decay, and a
 * failure that is the server's own reported as a server error, logged with its stack.
 */
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../src/protocol/server-events.js';
import { EventHandler, type EventHandlerInit } from '../../src/session/event-handler.js';
import type { MessageProcessor } from '../../src/session/message-processor.js';
import { Session } from '../../src/session/session.js';
import { TokenBucket } from '../../src/session/token-bucket.js';
import { DEFAULT_ENGINE } from '../../src/speech/engines.js';
import { LogCapture } from '../support/log-capture.js';
import { ManualClock } from '../support/in-process.js';

function handler(processor: Partial<MessageProcessor>, clock: ManualClock, logs: LogCapture) {
  const sent: ServerEvent[] = [];
  const closes: Array<[number, string]> = [];
  const init: EventHandlerInit = {
    processor: processor as MessageProcessor,
    send: (event) => sent.push(event),
    limits: { maxTextBytes: 1024, rate: { min: 80, max: 450 }, pitch: { min: 0, max: 100 } },
    maxPendingEvents: 16,
    session: new Session({ id: 's', defaults: {} as never, engine: { voices: new Set(), list: [], description: DEFAULT_ENGINE.description }, agent: 'scripted', model: null }),
    rateLimit: { bucket: new TokenBucket(10, 5, clock), strikes: 3 },
    overloadStrikes: 5,
    close: (code, reason) => closes.push([code, reason]),
    logger: logs.logger('debug'),
  };
  return { handler: new EventHandler(init), sent, closes };
}

describe('EventHandler', () => {
  it('rate-limit strikes decay once the client rests: an occasional burst never adds up to a close', () => {
    const clock = new ManualClock();
    const { handler: h, closes, sent } = handler({}, clock, new LogCapture());
    for (let burst = 0; burst < 50; burst++) {
      // Seven events at once against a bucket of five: two refusals each time.
      for (let i = 0; i < 7; i++) h.receive('not json', false);
      clock.advance(1000);
    }
    expect(closes).toEqual([]);
    expect(sent.filter((e) => e.type === 'error' && e.error.code === 'RATE_LIMITED')).toHaveLength(100);
  });

  it('a flood that never lets the bucket refill is closed after rateLimitStrikes', () => {
    const clock = new ManualClock();
    const { handler: h, closes } = handler({}, clock, new LogCapture());
    for (let i = 0; i < 40; i++) {
      h.receive('not json', false);
      clock.advance(50);
    }
    expect(closes[0]).toEqual([1008, 'RATE_LIMITED']);
  });

  it('an uncoded failure while handling is a server_error INTERNAL, logged at error with its stack', async () => {
    const logs = new LogCapture();
    const clock = new ManualClock();
    const processor = {
      played: () => {
        throw new TypeError('boom inside the server');
      },
    };
    const { handler: h, sent } = handler(processor, clock, logs);
    h.receive('{"type":"response.played","response_id":"r","played_ms":5,"event_id":"e9"}', false);
    const logged = await logs.waitFor((l) => l.msg === 'event handling failed');
    expect(logged.level).toBe(50);
    expect((logged.err as { stack: string }).stack).toContain('boom inside the server');
    expect(sent).toEqual([
      { type: 'error', error: { type: 'server_error', code: 'INTERNAL', message: expect.stringContaining('logged'), event_id: 'e9' } },
    ]);
  });
});
