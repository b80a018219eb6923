// A world: everything the mock backend remembers, for one tester or for everyone. The default
// world is what a visitor without a sandbox meets; each sandbox is a world of its own
// (sandboxes.ts). Whatever a later feature remembers belongs here too, so it is isolated and reset
// with the rest, and follows the world's clock. It is kept in the server's store (store/store.ts),
// so server instances sharing one store share every world.
import { createAccountStore, type AccountStore } from './accounts.ts';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { createGifts, type Gifts } from './gifts.ts';
import { createInbox, type Inbox } from './inbox.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';
import { createFaults, type Faults } from './faults.ts';
import { createTokens, type Tokens } from './tokens.ts';
import { createTwoFactorMemory, type TwoFactorMemory } from './two-factor.ts';
import { createSendLimit, type SendLimit } from './send-limit.ts';
import { createMeters, type Meters } from './meters.ts';
import { createPaywallSetting, type PaywallSetting } from './paywall-setting.ts';
import { createSessionStore, type SessionStore } from './sessions.ts';
import type { Scope } from './store/store.ts';
import { createWorldClock, type WorldClock } from './world-clock.ts';

/** The most entries each of a world's maps holds (sessions: of each kind). */
export interface WorldLimits {
  sessions: number;
  throttle: number;
  accounts: number;
  /** Readers the meter counts reads for (visitors and accounts together). */
  meters: number;
  /** Gift links (and, apart, their reads and their givers). */
  gifts: number;
  /** Messages in the test inbox (the oldest go first). */
  inbox: number;
  /** Sign-in links and codes, reset and verification links, challenges, trusted devices. */
  tokens: number;
}

export const DEFAULT_WORLD_LIMITS: WorldLimits = {
  sessions: 100_000,
  throttle: 100_000,
  accounts: 100_000,
  meters: 100_000,
  gifts: 100_000,
  inbox: 1_000,
  tokens: 100_000,
};
/**
 * A sandbox is one tester's world: room for far more than a test needs, and bounded. Meters: a test
 * needs a few readers; each may hold up to 105 short reads.
 */
export const SANDBOX_WORLD_LIMITS: WorldLimits = {
  sessions: 200,
  throttle: 200,
  accounts: 200,
  meters: 50,
  gifts: 100,
  inbox: 200,
  tokens: 500,
};

/** What a reset put back: always the same list, so a tester can assert it exactly. */
export type Cleared =
  'sessions' | 'throttles' | 'subscriptions' | 'accounts' | 'gifts' | 'paywall' | 'inbox' | 'tokens' | 'clock';

/** A world as one request sees it: its state, and the world's time when the request came. */
export interface World {
  /** The world's clock at the request: one reading decides everything the request does. */
  now: number;
  clock: WorldClock;
  sessions: SessionStore;
  accounts: AccountStore;
  throttle: LoginThrottle;
  /** The site's paywall model in this world: the hard paywall unless a tester set another. */
  paywall: PaywallSetting;
  /** Each reader's reads counted by the meter. */
  meters: Meters;
  /** Gift links subscribers made, and their reads. */
  gifts: Gifts;
  /** What Lede "sent" by email in this world. */
  inbox: Inbox;
  /** Single-purpose secrets: sign-in links and codes, reset links, challenges (tokens.ts). */
  tokens: Tokens;
  /** The world's last API requests, for testers (request-log.ts); a reset keeps it. */
  requests: RequestLog;
  /** Faults a tester set (faults.ts); a reset keeps them too (DELETE /api/test/faults clears them). */
  faults: Faults;
  /** Second factors: codes accepted, recovery codes spent, wrong guesses (two-factor.ts). */
  twoFactor: TwoFactorMemory;
  /** How often a reset, unlock or verification link may be sent to one address. */
  sendLimit: SendLimit;
  /**
   * Back to a fresh world. Asked to keep sessions, it keeps the clock they were made by too:
   * a session dated by a moved clock would otherwise outlive its limits once the clock went back.
   */
  reset(options: { keepSessions: boolean }): Promise<Cleared[]>;
}

/** Opens a world kept in `scope`, reading its clock once (the only read every request pays). */
export async function openWorld(scope: Scope, realNow: () => number, limits: WorldLimits): Promise<World> {
  const clock = createWorldClock(scope, realNow);
  const at = await clock.now();
  const now = (): number => at;
  const sessions = createSessionStore(scope, now, limits.sessions);
  const accounts = createAccountStore(scope, limits.accounts, now);
  const throttle = createLoginThrottle(scope, now, limits.throttle);
  const paywall = createPaywallSetting(scope);
  const meters = createMeters(scope, limits.meters);
  const gifts = createGifts(scope, limits.gifts);
  const inbox = createInbox(scope, now, limits.inbox);
  const tokens = createTokens(scope, now, limits.tokens);
  const requests = createRequestLog(scope);
  const faults = createFaults(scope);
  const twoFactor = createTwoFactorMemory(scope, now, limits.tokens);
  // As many addresses as the login throttle holds: the same flood bounds both.
  const sendLimit = createSendLimit(scope, now, limits.throttle);
  return {
    now: at,
    clock,
    sessions,
    accounts,
    throttle,
    paywall,
    meters,
    gifts,
    inbox,
    tokens,
    requests,
    faults,
    twoFactor,
    sendLimit,
    async reset({ keepSessions }) {
      await Promise.all([
        throttle.reset(),
        accounts.reset(),
        paywall.reset(),
        meters.reset(),
        gifts.reset(),
        inbox.clear(),
        tokens.clear(),
        twoFactor.reset(),
        sendLimit.reset(),
      ]);
      // The same list whatever the world held: a tester can assert it exactly. (The send limit is
      // one of the throttles.)
      const cleared: Cleared[] = ['throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens'];
      if (keepSessions) return cleared;
      await Promise.all([sessions.clear(), clock.reset()]);
      return ['sessions', ...cleared, 'clock'];
    },
  };
}
