// How often Lede sends one kind of message to one address: at most one per SEND_INTERVAL_MS (a
// reset link, an unlock link, a verification link). Keyed by the address whether it has an
// account or not, so a refusal tells nothing about it. Bounded like the login throttle: a flood
// of distinct addresses makes it forget the oldest, never grow.
import type { Scope } from './store/store.ts';

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
      // Atomic for the common case: of two requests at once, one is counted.
      if ((await lastSent.put(key, until, 'if-absent')).kind === 'stored') return { kind: 'open' };
      const retryAt = Number((await lastSent.get(key)) ?? Number.NaN);
      // A world clock moved past the interval opens the address at once.
      if (retryAt > now()) return { kind: 'refused', retryAt };
      await lastSent.put(key, until);
      return { kind: 'open' };
    },
    reset: () => lastSent.clear(),
    size: () => lastSent.size(),
  };
}
