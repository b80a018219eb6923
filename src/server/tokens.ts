// Single-purpose secrets handed out by email or to a browser: a sign-in link, a code, a password
// reset, an email verification, an unlock link, a second-factor challenge. Each is random, stored
// only as a hash (a leak of the store signs nobody in), bound to one purpose, one account and its
// world (the store's scope), and expires by the world's clock. What a purpose needs besides
// (attempts left, when it was first used) rides in `data`, rewritten only while the token is held.
import { createHash, randomBytes } from 'node:crypto';
import type { Scope } from './store/store.ts';

export type TokenPurpose =
  | 'sign-in-link'
  | 'sign-in-code'
  | 'password-reset'
  | 'verify-email'
  | 'unlock'
  | 'mfa-challenge'
  | 'trusted-device'
  /** Example ID's (the mock provider's) authorization code, access token and the grant both come from. */
  | 'oauth-code'
  | 'oauth-access-token'
  | 'oauth-grant'
  /** Lede's side of a sign-in with Example ID: its `state` and PKCE verifier, named by a cookie. */
  | 'oauth-attempt';

export interface TokenRecord {
  purpose: TokenPurpose;
  /** The account's address. */
  email: string;
  issuedAt: number;
  /** World time. */
  expiresAt: number;
  /** Whatever the purpose keeps with it: attempts, first use, the link's partner code. */
  data: Record<string, string | number | boolean>;
}

export type TokenLookup =
  | { kind: 'missing' }
  /** Held, but past its expiry: a page can say "this link has expired" rather than "is not valid". */
  | { kind: 'expired'; record: TokenRecord }
  | { kind: 'live'; record: TokenRecord };

export interface Tokens {
  /**
   * A new token for `purpose`: 32 random bytes, base64url, unless the caller chose the key (say,
   * the address a 6-digit code was sent to, with the code's hash and attempts in `data`).
   */
  issue(
    purpose: TokenPurpose,
    email: string,
    lifetimeMs: number,
    data?: TokenRecord['data'],
    secret?: string,
  ): Promise<{ token: string; record: TokenRecord }>;
  /** The token's record if it is held for this purpose, and whether it has expired by the world's clock. */
  find(purpose: TokenPurpose, token: string): Promise<TokenLookup>;
  /**
   * Spends a single-use token: true for the first caller only, however many arrive at the same
   * instant (an atomic write-if-absent), so one link or code does its work once.
   */
  claim(purpose: TokenPurpose, token: string): Promise<boolean>;
  /**
   * Counts one more try at a token, atomically, and answers how many there have been, counting at
   * most `upTo`: parallel guesses each get a number of their own, so none slips past a limit.
   */
  countTry(purpose: TokenPurpose, token: string, upTo: number): Promise<number>;
  /** Rewrites a held token's data (not its expiry); false if it is no longer held. */
  update(purpose: TokenPurpose, token: string, record: TokenRecord): Promise<boolean>;
  revoke(purpose: TokenPurpose, token: string): Promise<void>;
  clear(): Promise<void>;
  size(): Promise<number>;
}

/** The longest any token lives (a trusted device's 30 days), in real time: the store forgets after. */
export const TOKEN_MEMORY_MS = 31 * 24 * 60 * 60_000;
/**
 * A token's shape: what `issue` makes, or a key a caller chose (an address, for a code kept per
 * account with its attempts): printable ASCII, not too long. Anything else is never looked up.
 */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,320}$/;

export function hashToken(purpose: TokenPurpose, token: string): string {
  return createHash('sha256').update(`${purpose}:${token}`).digest('base64url');
}

/** Beside a token's record, in the same collection (so reset and the cap take them alike). */
const claimKey = (key: string) => `claimed:${key}`;
const triesKey = (key: string) => `tries:${key}`;

export function createTokens(scope: Scope, now: () => number, cap: number): Tokens {
  const held = scope.collection({ name: 'tokens', ttlMs: TOKEN_MEMORY_MS, cap, whenFull: 'evict-oldest' });
  const read = async (purpose: TokenPurpose, token: string): Promise<TokenLookup> => {
    if (!TOKEN_SHAPE.test(token)) return { kind: 'missing' };
    const found = await held.get(hashToken(purpose, token));
    if (found === undefined) return { kind: 'missing' };
    const record = JSON.parse(found) as TokenRecord;
    if (record.purpose !== purpose) return { kind: 'missing' };
    return record.expiresAt > now() ? { kind: 'live', record } : { kind: 'expired', record };
  };
  return {
    async issue(purpose, email, lifetimeMs, data = {}, secret?) {
      const token = secret ?? randomBytes(32).toString('base64url');
      const record: TokenRecord = { purpose, email, issuedAt: now(), expiresAt: now() + lifetimeMs, data };
      const key = hashToken(purpose, token);
      await held.put(key, JSON.stringify(record));
      // A key the caller chose is reused (a new code for the same address): it starts unspent, untried.
      if (secret !== undefined) await Promise.all([held.delete(claimKey(key)), held.delete(triesKey(key))]);
      return { token, record };
    },
    find: read,
    async claim(purpose, token) {
      if (!TOKEN_SHAPE.test(token)) return false;
      const claimed = await held.put(claimKey(hashToken(purpose, token)), '1', 'if-absent');
      return claimed.kind === 'stored';
    },
    async countTry(purpose, token, upTo) {
      if (!TOKEN_SHAPE.test(token)) return upTo;
      return (await held.append(triesKey(hashToken(purpose, token)), '1', upTo)).length;
    },
    async update(purpose, token, record) {
      if (!TOKEN_SHAPE.test(token)) return false;
      const written = await held.put(hashToken(purpose, token), JSON.stringify(record), 'if-present');
      return written.kind === 'stored';
    },
    async revoke(purpose, token) {
      if (TOKEN_SHAPE.test(token)) await held.delete(hashToken(purpose, token));
    },
    clear: () => held.clear(),
    size: () => held.size(),
  };
}
