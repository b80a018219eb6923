// How often Lede sends one kind of message to one address: at most one per SEND_INTERVAL_MS (a
// reset link, an unlock link, a verification link). Keyed by the address whether it has an
// account or not, so a refusal tells nothing about it. Bounded like the login throttle: a flood
// of distinct addresses makes it forget the oldest, never grow.
import type { Scope } from './store/store.ts';
import { update } from './store/update.ts';

export const SEND_INTERVAL_MS = 60_000;

/** What is limited apart: a reset link does not wait for an unlock link. */
export type SendKind = 'password-reset' | 'unlock' | 'verify-email';

export type SendVerdict = { kind: 'open' } | { kind: 'refused'; retryAt: number };

export interface SendLimit {
  /** Counts a send to `address` now, unless one was counted within SEND_INTERVAL_MS. */
  take(kind: SendKind, address: string): Promise<SendVerdict>;
  reset(): Promise<void>;
  size(): Promise<number>;
}

/** `now`: the world's clock; `cap`: the most addresses held. */
export function createSendLimit(scope: Scope, now: () => number, cap: number): SendLimit {
  // Kept in real time for the interval; which sends count is decided by the world's clock.
  const lastSent = scope.collection({ name: 'send-limit', ttlMs: SEND_INTERVAL_MS, cap, whenFull: 'evict-oldest' });
  return {
    async take(kind, address) {
      const key = `${kind}:${address}`;
      const until = String(now() + SEND_INTERVAL_MS);
      // A compare-and-set: of two requests at once, one is counted and the other refused, also
      // when a world clock moved past the interval has just opened the address again.
      let refusedUntil: number | undefined;
      await update(lastSent, key, (held) => {
        const retryAt = Number(held ?? Number.NaN);
        refusedUntil = retryAt > now() ? retryAt : undefined;
        return refusedUntil === undefined ? until : undefined;
      });
      return refusedUntil === undefined ? { kind: 'open' } : { kind: 'refused', retryAt: refusedUntil };
    },
    reset: () => lastSent.clear(),
    size: () => lastSent.size(),
  };
}
