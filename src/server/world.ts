// A world: everything the mock backend remembers, for one tester or for everyone. The default
// world is what a visitor without a sandbox meets; each sandbox is a world of its own
// (sandboxes.ts). Whatever a later feature remembers belongs here too, so it is isolated and reset
// with the rest, and follows the world's clock.
import { createAccountStore, type AccountStore } from './accounts.ts';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { createSessionStore, type SessionStore } from './sessions.ts';
import { createWorldClock, type WorldClock } from './world-clock.ts';

/** The most entries each of a world's maps holds (sessions: of each kind). */
export interface WorldLimits {
  sessions: number;
  throttle: number;
  accounts: number;
}

export const DEFAULT_WORLD_LIMITS: WorldLimits = { sessions: 100_000, throttle: 100_000, accounts: 100_000 };
/** A sandbox is one tester's world: room for far more than a test needs, and bounded. */
export const SANDBOX_WORLD_LIMITS: WorldLimits = { sessions: 200, throttle: 200, accounts: 200 };

export type Cleared = 'sessions' | 'throttles' | 'subscriptions' | 'clock';

export interface World {
  clock: WorldClock;
  sessions: SessionStore;
  accounts: AccountStore;
  throttle: LoginThrottle;
  /** Drops whatever has expired by the world's clock; every request does, at O(1) amortised. */
  sweep(): void;
  /**
   * Back to a fresh world. Asked to keep sessions, it keeps the clock they were made by too:
   * a session dated by a moved clock would otherwise outlive its limits once the clock went back.
   */
  reset(options: { keepSessions: boolean }): Cleared[];
}

export function createWorld(realNow: () => number, limits: WorldLimits): World {
  const clock = createWorldClock(realNow);
  const sessions = createSessionStore(clock.now, limits.sessions);
  const accounts = createAccountStore(limits.accounts);
  const throttle = createLoginThrottle(clock.now, limits.throttle);
  return {
    clock,
    sessions,
    accounts,
    throttle,
    sweep() {
      sessions.sweep();
      throttle.sweep();
    },
    reset({ keepSessions }) {
      throttle.reset();
      accounts.reset();
      if (keepSessions) return ['throttles', 'subscriptions'];
      sessions.clear();
      clock.reset();
      return ['sessions', 'throttles', 'subscriptions', 'clock'];
    },
  };
}
