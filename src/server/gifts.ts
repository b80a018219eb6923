// Gift links: a subscriber shares one article, which anyone with the link reads in full a few
// times until the link expires. The token is a random secret handed out once and stored hashed;
// each read is one item appended to the gift's list (atomically, so instances sharing a store
// count together). A subscriber gives at most GIFTS_PER_MONTH a calendar month (world time).
import { createHash, randomBytes } from 'node:crypto';
import type { Scope } from './store/store.ts';

export const GIFT_LIFETIME_MS = 14 * 24 * 60 * 60_000;
export const GIFT_READS = 5;
export const GIFTS_PER_MONTH = 5;
/** Longer than a gift lives, in real time: the store forgets a gift's record after. */
const GIFT_MEMORY_MS = 15 * 24 * 60 * 60_000;
/** The shape of a token: 24 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface Gift {
  slug: string;
  /** The giver's address. */
  from: string;
  createdAt: number;
  expiresAt: number;
}

/** Why a gift link opens nothing. */
export type GiftRefusal = 'invalid' | 'other-article' | 'expired' | 'used-up';

export type GiftRead = { kind: 'ok'; readsLeft: number } | { kind: 'refused'; why: GiftRefusal };

export type GiveResult =
  { kind: 'given'; token: string; gift: Gift; giftsLeft: number } | { kind: 'limit'; giftsLeft: 0 };

export interface Gifts {
  give(from: string, slug: string, now: number): Promise<GiveResult>;
  /** How many gifts `from` may still give this calendar month. */
  left(from: string, now: number): Promise<number>;
  /** Spends one read of the gift for `slug`, if the token opens it now. */
  read(token: string, slug: string, now: number): Promise<GiftRead>;
  reset(): Promise<void>;
  size(): Promise<number>;
}

export function createGifts(scope: Scope, cap = 100_000): Gifts {
  const spec = { ttlMs: GIFT_MEMORY_MS, cap, whenFull: 'evict-oldest' } as const;
  const records = scope.collection({ name: 'gifts:records', ...spec });
  const reads = scope.collection({ name: 'gifts:reads', ...spec });
  /** Each giver's gift times (world time, base 36), for the monthly limit. */
  const given = scope.collection({ name: 'gifts:given', ...spec, ttlMs: 32 * 24 * 60 * 60_000 });

  async function left(from: string, now: number): Promise<number> {
    const month = monthOf(now);
    const times = (await given.list(from)).map((item) => parseInt(item, 36));
    return Math.max(0, GIFTS_PER_MONTH - times.filter((time) => monthOf(time) === month).length);
  }

  return {
    left,
    async give(from, slug, now) {
      if ((await left(from, now)) === 0) return { kind: 'limit', giftsLeft: 0 };
      // Appended first, then counted: of two gifts at once with one left, the store's order decides.
      const times = (await given.append(from, now.toString(36), GIFTS_PER_MONTH * 2)).map((item) => parseInt(item, 36));
      const thisMonth = times.filter((time) => monthOf(time) === monthOf(now)).length;
      if (thisMonth > GIFTS_PER_MONTH) return { kind: 'limit', giftsLeft: 0 };
      const token = randomBytes(24).toString('base64url');
      const gift: Gift = { slug, from, createdAt: now, expiresAt: now + GIFT_LIFETIME_MS };
      await records.put(hashOf(token), JSON.stringify(gift));
      return { kind: 'given', token, gift, giftsLeft: GIFTS_PER_MONTH - thisMonth };
    },
    async read(token, slug, now) {
      if (!TOKEN.test(token)) return { kind: 'refused', why: 'invalid' };
      const key = hashOf(token);
      const gift = toGift(await records.get(key));
      if (gift === undefined) return { kind: 'refused', why: 'invalid' };
      if (gift.slug !== slug) return { kind: 'refused', why: 'other-article' };
      if (now >= gift.expiresAt) return { kind: 'refused', why: 'expired' };
      if ((await reads.list(key)).length >= GIFT_READS) return { kind: 'refused', why: 'used-up' };
      const after = await reads.append(key, now.toString(36), GIFT_READS + 1);
      // Of two reads at once with one left, the later is refused.
      if (after.length > GIFT_READS) return { kind: 'refused', why: 'used-up' };
      return { kind: 'ok', readsLeft: GIFT_READS - after.length };
    },
    async reset() {
      await Promise.all([records.clear(), reads.clear(), given.clear()]);
    },
    async size() {
      const sizes = await Promise.all([records.size(), reads.size(), given.size()]);
      return sizes.reduce((sum, size) => sum + size, 0);
    },
  };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

function toGift(stored: string | undefined): Gift | undefined {
  if (stored === undefined) return undefined;
  const value: unknown = JSON.parse(stored);
  if (typeof value !== 'object' || value === null) return undefined;
  const { slug, from, createdAt, expiresAt } = value as Record<string, unknown>;
  if (typeof slug !== 'string' || typeof from !== 'string') return undefined;
  if (typeof createdAt !== 'number' || typeof expiresAt !== 'number') return undefined;
  return { slug, from, createdAt, expiresAt };
}
