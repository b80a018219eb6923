// The demo accounts as they stand in one world: mock subscriptions bought through the plans page,
// and the flaky persona's first attempt. An account is an address: `reader@example.com` and
// `reader+a@example.com` are the same persona with accounts of their own (plus-addressing), so a
// test can isolate itself by its address alone. Reset puts everything back. Kept in the world's
// store (store/store.ts), so every server instance sharing it sees the same accounts.
import { findPersona, normaliseEmail, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import type { Scope } from './store/store.ts';

export interface Account {
  /** The address as logged in with, normalised: it names the account and is the reader's email. */
  address: string;
  persona: Persona;
}

export interface AccountStore {
  find(email: string): Account | undefined;
  /** The reader as of now: with a mock subscription if one was started. */
  readerOf(account: Account): Promise<Reader>;
  startSubscription(account: Account): Promise<Reader>;
  /** True exactly once per world life (or reset) for an account whose persona has the 'flaky' fault. */
  takeFlakyFailure(account: Account): Promise<boolean>;
  reset(): Promise<void>;
  /** Accounts whose state differs from their persona's (of each kind of state). */
  size(): Promise<number>;
}

/** A mock subscription lasts a month of real time after it was bought, as a monthly plan would. */
export const ACCOUNT_STATE_MS = 30 * 24 * 60 * 60_000;

/**
 * `cap`: the most accounts whose state is held, of each kind. Past it the one written longest
 * ago goes back to its persona's state — plus-addressing makes addresses unlimited, memory is not.
 */
export function createAccountStore(scope: Scope, cap = 100_000): AccountStore {
  const spec = { ttlMs: ACCOUNT_STATE_MS, cap, whenFull: 'evict-oldest' } as const;
  const subscribed = scope.collection({ name: 'accounts:subscribed', ...spec });
  /** Flaky accounts whose one failure has been served. */
  const flakyFailed = scope.collection({ name: 'accounts:flaky-failed', ...spec });
  async function readerOf(account: Account): Promise<Reader> {
    const { reader } = account.persona;
    const started = (await subscribed.get(account.address)) !== undefined;
    const subscription = started ? { status: 'active' as const } : reader.subscription;
    return { ...reader, email: account.address, subscription };
  }
  return {
    find(email) {
      const persona = findPersona(email);
      return persona === undefined ? undefined : { address: normaliseEmail(email), persona };
    },
    readerOf,
    async startSubscription(account) {
      await subscribed.put(account.address, 'active');
      return readerOf(account);
    },
    async takeFlakyFailure(account) {
      if (account.persona.fault !== 'flaky') return false;
      // Atomic: of two instances trying at once, exactly one serves the failure.
      const first = await flakyFailed.put(account.address, 'served', 'if-absent');
      return first.kind === 'stored';
    },
    async reset() {
      await Promise.all([subscribed.clear(), flakyFailed.clear()]);
    },
    async size() {
      const [subscriptions, failures] = await Promise.all([subscribed.size(), flakyFailed.size()]);
      return subscriptions + failures;
    },
  };
}
