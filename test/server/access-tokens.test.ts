/** One-use WebSocket tokens: signed, expiring, redeemed once, and a bounded memory of redeemed ones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from '../../src/server/access-tokens.js';

function tokens(options: { ttlMs?: number; maxUsed?: number; authToken?: string } = {}) {
  const wall = { now: 1_764_480_000_000 };
  const issuer = new AccessTokens({ authToken: options.authToken ?? 'server-secret', ttlMs: options.ttlMs ?? 60_000, now: () => wall.now, maxUsed: options.maxUsed });
  return { issuer, wall };
}

describe('AccessTokens', () => {
  it('redeems a token once, within its lifetime', () => {
    const { issuer, wall } = tokens();
    const { token, expiresAt } = issuer.issue();
    expect(expiresAt).toBe(wall.now + 60_000);
    expect(token).toMatch(/^swt1\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(issuer.redeem(token)).toBe(true);
    expect(issuer.redeem(token)).toBe(false);
  });

  it('refuses a token at its expiry, never having been used', () => {
    const { issuer, wall } = tokens();
    const { token } = issuer.issue();
    wall.now += 59_999;
    const other = issuer.issue().token;
    wall.now += 1;
    expect(issuer.redeem(token)).toBe(false);
    expect(issuer.redeem(other)).toBe(true);
  });

  it('refuses a token whose expiry, nonce or signature was changed, or that another key signed', () => {
    const { issuer } = tokens();
    const [prefix, expiry, nonce, mac] = issuer.issue().token.split('.') as [string, string, string, string];
    const later = (Number.parseInt(expiry, 36) + 3_600_000).toString(36);
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(issuer.redeem([prefix, later, nonce, mac].join('.'))).toBe(false);
    expect(issuer.redeem([prefix, expiry, flip(nonce), mac].join('.'))).toBe(false);
    expect(issuer.redeem([prefix, expiry, nonce, flip(mac)].join('.'))).toBe(false);
    expect(issuer.redeem([prefix, expiry, nonce, mac.slice(0, -2)].join('.'))).toBe(false);
    expect(tokens({ authToken: 'another-secret' }).issuer.redeem([prefix, expiry, nonce, mac].join('.'))).toBe(false);
    // Same authToken, another instance: accepted there (once, there).
    expect(tokens().issuer.redeem([prefix, expiry, nonce, mac].join('.'))).toBe(true);
    expect(issuer.redeem([prefix, expiry, nonce, mac].join('.'))).toBe(true);
  });

  it('never redeems a string it did not issue', () => {
    const { issuer } = tokens();
    const real = issuer.issue().token;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        fc.pre(s !== real);
        expect(issuer.redeem(s)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.nat(real.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
        const changed = real.slice(0, at) + c + real.slice(at + 1);
        fc.pre(changed !== real);
        expect(issuer.redeem(changed)).toBe(false);
      }),
    );
  });

  it('remembers at most maxUsed redeemed tokens: past it, refuses until some expire, then forgets those', () => {
    const { issuer, wall } = tokens({ ttlMs: 10_000, maxUsed: 3 });
    const early = [issuer.issue(), issuer.issue()];
    wall.now += 5000;
    const late = [issuer.issue(), issuer.issue(), issuer.issue()];
    for (const t of early) expect(issuer.redeem(t.token)).toBe(true);
    expect(issuer.redeem(late[0]!.token)).toBe(true);
    expect(issuer.usedCount).toBe(3);
    // Full of unexpired tokens: refusing is the only way to keep "once".
    expect(issuer.redeem(late[1]!.token)).toBe(false);
    expect(issuer.usedCount).toBe(3);
    wall.now += 5000;
    // The early two expired: forgotten, which makes room; a replay of them is still refused.
    expect(issuer.redeem(late[1]!.token)).toBe(true);
    expect(issuer.usedCount).toBe(2);
    for (const t of early) expect(issuer.redeem(t.token)).toBe(false);
    expect(issuer.redeem(late[0]!.token)).toBe(false);
    expect(issuer.redeem(late[2]!.token)).toBe(true);
    expect(issuer.redeem(issuer.issue().token)).toBe(false);
    expect(issuer.usedCount).toBe(3);
  });
});
