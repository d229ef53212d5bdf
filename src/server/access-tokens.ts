/**
 * Short-lived, one-use WebSocket tokens for browsers. Shipping the server's `authToken` to a page
 * hands it to anyone who opens the page's source; instead the page's own backend asks
 * `POST /v1/tokens` (with the `authToken`) for a token that opens one socket within `tokenTtlMs`.
 *
 * A token is `swt1.<expiry>.<nonce>.<mac>`: the expiry in epoch ms (base 36), 16 random bytes, and
 * an HMAC-SHA256 over both, so nothing is stored when one is issued. The signing key is derived
 * from the `authToken`, so instances that share it accept each other's tokens; the one-use rule
 * is kept by each instance's set of redeemed nonces, held until their tokens expire and bounded by
 * `maxUsed` (past it a redemption is refused rather than forgotten).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Most redeemed, unexpired tokens an instance remembers by default. */
export const MAX_USED_TOKENS = 100_000;

const PREFIX = 'swt1';
const EXPIRY = /^[0-9a-z]{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

export interface AccessTokensOptions {
  /** The server's `authToken`; the signing key comes from it (a random key when it is empty). */
  authToken: string;
  /** How long a token is valid, ms (`tokenTtlMs`). */
  ttlMs: number;
  /** The wall clock, epoch ms: an expiry must mean the same on every instance. */
  now: () => number;
  /** Most redeemed, unexpired tokens remembered; default {@link MAX_USED_TOKENS}. */
  maxUsed?: number;
}

/** An issued token and when it expires (epoch ms). */
export interface IssuedToken {
  token: string;
  expiresAt: number;
}

export class AccessTokens {
  readonly #key: Buffer;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #maxUsed: number;
  /** Redeemed nonces and their tokens' expiry, epoch ms. */
  readonly #used = new Map<string, number>();

  constructor(options: AccessTokensOptions) {
    const secret = options.authToken === '' ? randomBytes(32) : options.authToken;
    // A key of its own, so a MAC never doubles as anything signed with the authToken itself.
    this.#key = createHmac('sha256', secret).update('saywire websocket token key v1').digest();
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
    this.#maxUsed = options.maxUsed ?? MAX_USED_TOKENS;
  }

  /** Redeemed tokens still remembered. */
  get usedCount(): number {
    return this.#used.size;
  }

  issue(): IssuedToken {
    const expiresAt = Math.floor(this.#now()) + this.#ttlMs;
    const body = `${PREFIX}.${expiresAt.toString(36)}.${randomBytes(16).toString('base64url')}`;
    return { token: `${body}.${this.#mac(body).toString('base64url')}`, expiresAt };
  }

  /** True, once, for a token this key signed that has not expired; false for anything else. */
  redeem(token: string): boolean {
    const parts = token.split('.');
    if (parts.length !== 4) return false;
    const [prefix, expiry, nonce, mac] = parts as [string, string, string, string];
    if (prefix !== PREFIX || !EXPIRY.test(expiry) || !NONCE.test(nonce)) return false;
    // Compared as text: base64 decoding is lenient (a last character's spare bits, stray
    // characters), so only the canonical spelling of the MAC is the token.
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.#mac(`${prefix}.${expiry}.${nonce}`).toString('base64url'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const expiresAt = Number.parseInt(expiry, 36);
    const now = this.#now();
    if (now >= expiresAt || this.#used.has(nonce)) return false;
    if (this.#used.size >= this.#maxUsed) this.#forgetExpired(now);
    if (this.#used.size >= this.#maxUsed) return false;
    this.#used.set(nonce, expiresAt);
    return true;
  }

  /** An expired token is refused on its expiry alone, so its nonce need not be kept. */
  #forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.#used) if (now >= expiresAt) this.#used.delete(nonce);
  }

  #mac(body: string): Buffer {
    return createHmac('sha256', this.#key).update(body).digest();
  }
}
