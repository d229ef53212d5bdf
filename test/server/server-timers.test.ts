/**
 * The server's repeating timers (heartbeat, admission window, turn sweep) on an injected clock:
 * each keeps one handle, not one per tick it has run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SaywireServer } from '../../src/server/server.js';
import { ManualClock } from '../support/in-process.js';
import { startServer } from '../support/server.js';

/** Records every clearTimeout of a handle whose timer had already run (or never existed). */
class AuditingClock extends ManualClock {
  staleClears = 0;
  override clearTimeout(handle: unknown): void {
    if (!this.isPending(handle)) this.staleClears++;
    super.clearTimeout(handle);
  }
}

let server: SaywireServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('repeating timers', () => {
  it('hold one pending handle each, however many ticks ran, and shutdown clears only those', async () => {
    const clock = new AuditingClock();
    server = await startServer({ heartbeatIntervalMs: 1000, admissionWindowMs: 100, turnSweepIntervalMs: 1000 }, { clock });
    // Three repeating timers and nothing else runs on this clock while no client is connected.
    expect(clock.pending).toBe(3);
    // 10,000 admission ticks and 1,000 of each of the others.
    for (let i = 0; i < 1000; i++) clock.advance(1000);
    expect(clock.pending).toBe(3);
    await server.close();
    server = undefined;
    // Before the fix the server kept every handle it had ever made and cleared 12,000 stale ones here.
    expect(clock.staleClears).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
