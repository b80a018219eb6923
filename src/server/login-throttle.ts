// Brute-force throttling: after MAX_FAILURES failed logins for one email within WINDOW_MS,
// that email is refused for LOCKOUT_MS. Known and unknown emails alike, so nothing is enumerated.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

export type ThrottleVerdict = { kind: 'open' } | { kind: 'refused'; retryAt: number };

export interface LoginThrottle {
  check(email: string): ThrottleVerdict;
  recordFailure(email: string): void;
  recordSuccess(email: string): void;
  reset(): void;
}

export function createLoginThrottle(now: () => number): LoginThrottle {
  const failures = new Map<string, number[]>();
  const refusedUntil = new Map<string, number>();
  /** Drops failures older than the window, so emails tried a few times long ago are not kept forever. */
  function forgetStale(): void {
    for (const [email, times] of failures) {
      if (times.every((at) => at <= now() - WINDOW_MS)) failures.delete(email);
    }
    for (const [email, until] of refusedUntil) if (until <= now()) refusedUntil.delete(email);
  }
  return {
    check(email) {
      const until = refusedUntil.get(email);
      if (until !== undefined && until > now()) return { kind: 'refused', retryAt: until };
      refusedUntil.delete(email);
      return { kind: 'open' };
    },
    recordFailure(email) {
      forgetStale();
      const recent = (failures.get(email) ?? []).filter((at) => at > now() - WINDOW_MS);
      recent.push(now());
      if (recent.length >= MAX_FAILURES) {
        refusedUntil.set(email, now() + LOCKOUT_MS);
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
  };
}
