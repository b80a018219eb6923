// Brute-force throttling: after MAX_FAILURES failed logins for one email within WINDOW_MS,
// that email is refused for LOCKOUT_MS. Known and unknown emails alike, so nothing is enumerated.
// Both maps are bounded (see expiring-map.ts): a flood of distinct emails costs each failed login
// the same, and the entries go once their window has passed.
import { createExpiringMap } from './store/expiring-map.ts';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

export type ThrottleVerdict = { kind: 'open' } | { kind: 'refused'; retryAt: number };

export interface LoginThrottle {
  check(email: string): ThrottleVerdict;
  recordFailure(email: string): void;
  recordSuccess(email: string): void;
  reset(): void;
  /** Drops entries whose window has passed: O(1) amortised (see expiring-map.ts). */
  sweep(): void;
  /** Emails with recent failures plus emails refused: what the throttle holds. */
  readonly size: number;
}

/**
 * `cap`: the most emails held with recent failures, and the most held refused. Past it the
 * oldest is forgotten: a flood of distinct emails can make the throttle forget an email's
 * failures, never make the server slower or larger.
 */
export function createLoginThrottle(now: () => number, cap = 100_000): LoginThrottle {
  /** Each email's failures within the window, oldest first; an entry lives WINDOW_MS after its last failure. */
  const failures = createExpiringMap<string, number[]>({ ttlMs: WINDOW_MS, cap, now });
  const refusedUntil = createExpiringMap<string, number>({ ttlMs: LOCKOUT_MS, cap, now });
  return {
    check(email) {
      const until = refusedUntil.get(email);
      return until === undefined ? { kind: 'open' } : { kind: 'refused', retryAt: until };
    },
    recordFailure(email) {
      const at = now();
      // At most MAX_FAILURES - 1 earlier failures are kept, so this is constant work.
      const recent = (failures.get(email) ?? []).filter((time) => time > at - WINDOW_MS);
      recent.push(at);
      if (recent.length >= MAX_FAILURES) {
        refusedUntil.set(email, at + LOCKOUT_MS);
        failures.delete(email);
      } else {
        failures.set(email, recent);
      }
    },
    recordSuccess(email) {
      failures.delete(email);
    },
    reset() {
      failures.clear();
      refusedUntil.clear();
    },
    sweep() {
      failures.sweep();
      refusedUntil.sweep();
    },
    get size() {
      this.sweep();
      return failures.size + refusedUntil.size;
    },
  };
}
