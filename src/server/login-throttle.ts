// Brute-force throttling: after MAX_FAILURES failed logins for one email within WINDOW_MS,
// that email is refused for LOCKOUT_MS. Known and unknown emails alike, so nothing is enumerated.
// Both collections are bounded (store/store.ts): a flood of distinct emails costs each failed
// login the same, and the entries go once their window has passed. Failures are appended
// atomically, so five spread over several server instances sharing one store count as five.
import type { Scope } from './store/store.ts';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

export type ThrottleVerdict = { kind: 'open' } | { kind: 'refused'; retryAt: number };

export interface LoginThrottle {
  check(email: string): Promise<ThrottleVerdict>;
  recordFailure(email: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
  /** Forgets the email's failures and any refusal (a password reset: the owner proved who they are). */
  forget(email: string): Promise<void>;
  reset(): Promise<void>;
  /** Emails with recent failures plus emails refused: what the throttle holds. */
  size(): Promise<number>;
}

/**
 * `now`: the world's clock. `cap`: the most emails held with recent failures, and the most held
 * refused. Past it the oldest is forgotten: a flood of distinct emails can make the throttle
 * forget an email's failures, never make the server slower or larger. `name`: the collections'
 * prefix, so another kind of guess (two-factor codes) has a throttle of its own.
 */
export function createLoginThrottle(scope: Scope, now: () => number, cap = 100_000, name = 'throttle'): LoginThrottle {
  /** Each email's latest failures (world times), oldest first; kept WINDOW_MS after the last one. */
  const failures = scope.collection({ name: `${name}:failures`, ttlMs: WINDOW_MS, cap, whenFull: 'evict-oldest' });
  /** When each refused email is open again (world time). */
  const refusedUntil = scope.collection({ name: `${name}:refused`, ttlMs: LOCKOUT_MS, cap, whenFull: 'evict-oldest' });
  return {
    async check(email) {
      const until = Number((await refusedUntil.get(email)) ?? Number.NaN);
      // Compared by the world's clock: moved past the lockout, the email is open at once.
      return until > now() ? { kind: 'refused', retryAt: until } : { kind: 'open' };
    },
    async recordFailure(email) {
      const at = now();
      // Only the last MAX_FAILURES are kept, so this is constant work.
      const latest = await failures.append(email, String(at), MAX_FAILURES);
      const recent = latest.filter((time) => Number(time) > at - WINDOW_MS);
      if (recent.length < MAX_FAILURES) return;
      await refusedUntil.put(email, String(at + LOCKOUT_MS));
      await failures.delete(email);
    },
    async recordSuccess(email) {
      await failures.delete(email);
    },
    async forget(email) {
      await Promise.all([failures.delete(email), refusedUntil.delete(email)]);
    },
    async reset() {
      await Promise.all([failures.clear(), refusedUntil.clear()]);
    },
    async size() {
      const [failing, refused] = await Promise.all([failures.size(), refusedUntil.size()]);
      return failing + refused;
    },
  };
}
