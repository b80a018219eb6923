// The meter's memory: each reader's counted full reads, in the world's store. A reader is a
// visitor (the `lede_visitor` cookie) or a logged-in account (its address). Each read is one list
// item, "<world time, base 36> <article key>", appended atomically, so instances sharing a store
// count together; the article key is a short hash of the slug (meterArticleKey), so an item is
// about 20 characters however long the slug;
// a list keeps only its last `limit` + METER_SLACK items, and lives METER_MEMORY_MS after its last
// read (real time): longer than either window. Which reads count is decided on reading
// (paywall/meter.ts), by the world's clock, so moving the clock ends a window at once.
import { createHash } from 'node:crypto';
import type { MeterRead } from '../paywall/meter.ts';
import type { Scope } from './store/store.ts';

/** Longer than the longest window (31 days), in real time. */
export const METER_MEMORY_MS = 32 * 24 * 60 * 60_000;

/**
 * Items kept beyond the limit: room for reads that left the window still being in the list, and
 * for two first reads recorded at once. Counted reads are never more than `limit`.
 */
export const METER_SLACK = 5;

/** Whose reads a list holds: an anonymous visitor's, by cookie, or an account's, by address. */
export type MeterKey = { kind: 'visitor'; id: string } | { kind: 'account'; address: string };

/**
 * How the meter names an article: 66 bits of the slug's SHA-256, base64url. Reads are recorded
 * and compared by this key, never by the slug itself.
 */
export function meterArticleKey(slug: string): string {
  return createHash('sha256').update(slug).digest('base64url').slice(0, 11);
}

export interface Meters {
  reads(who: MeterKey): Promise<MeterRead[]>;
  /** Appends the read (its `slug` an article key) and returns the list as it stands after, oldest first. */
  record(who: MeterKey, read: MeterRead, limit: number): Promise<MeterRead[]>;
  /** Forgets every reader's reads. */
  reset(): Promise<void>;
  /** Readers with reads held. */
  size(): Promise<number>;
}

/** `cap`: the most readers held; past it the one whose last read is oldest is forgotten. */
export function createMeters(scope: Scope, cap = 100_000): Meters {
  const lists = scope.collection({ name: 'meter:reads', ttlMs: METER_MEMORY_MS, cap, whenFull: 'evict-oldest' });
  return {
    async reads(who) {
      return parse(await lists.list(keyOf(who)));
    },
    async record(who, { at, slug }, limit) {
      return parse(await lists.append(keyOf(who), `${at.toString(36)} ${slug}`, limit + METER_SLACK));
    },
    reset: () => lists.clear(),
    size: () => lists.size(),
  };
}

function keyOf(who: MeterKey): string {
  return who.kind === 'visitor' ? `visitor:${who.id}` : `account:${who.address}`;
}

function parse(items: readonly string[]): MeterRead[] {
  return items.flatMap((item) => {
    const space = item.indexOf(' ');
    const at = parseInt(item.slice(0, space), 36);
    return space > 0 && Number.isSafeInteger(at) ? [{ at, slug: item.slice(space + 1) }] : [];
  });
}
