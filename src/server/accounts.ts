// The demo accounts as they stand in one world: mock subscriptions bought through the plans page,
// and the flaky persona's first attempt. An account is an address: `reader@example.com` and
// `reader+a@example.com` are the same persona with accounts of their own (plus-addressing), so a
// test can isolate itself by its address alone. Reset puts everything back.
import { findPersona, normaliseEmail, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import { createExpiringMap } from './store/expiring-map.ts';

export interface Account {
  /** The address as logged in with, normalised: it names the account and is the reader's email. */
  address: string;
  persona: Persona;
}

export interface AccountStore {
  find(email: string): Account | undefined;
  /** The reader as of now: with a mock subscription if one was started. */
  readerOf(account: Account): Reader;
  startSubscription(account: Account): Reader;
  /** True exactly once per world life (or reset) for an account whose persona has the 'flaky' fault. */
  takeFlakyFailure(account: Account): boolean;
  reset(): void;
  /** Accounts whose state differs from their persona's. */
  readonly size: number;
}

interface AccountState {
  subscribed: boolean;
  flakyFailed: boolean;
}

const PRISTINE: AccountState = { subscribed: false, flakyFailed: false };

/**
 * `cap`: the most accounts whose state is held. Past it the one written longest ago goes back
 * to its persona's state — plus-addressing makes addresses unlimited, memory is not.
 */
export function createAccountStore(cap = 100_000): AccountStore {
  const states = createExpiringMap<string, AccountState>({ ttlMs: Infinity, cap, now: () => 0 });
  const stateOf = (account: Account): AccountState => states.get(account.address) ?? PRISTINE;
  function readerOf(account: Account): Reader {
    const { reader } = account.persona;
    const subscription = stateOf(account).subscribed ? { status: 'active' as const } : reader.subscription;
    return { ...reader, email: account.address, subscription };
  }
  return {
    find(email) {
      const persona = findPersona(email);
      return persona === undefined ? undefined : { address: normaliseEmail(email), persona };
    },
    readerOf,
    startSubscription(account) {
      states.set(account.address, { ...stateOf(account), subscribed: true });
      return readerOf(account);
    },
    takeFlakyFailure(account) {
      const state = stateOf(account);
      if (account.persona.fault !== 'flaky' || state.flakyFailed) return false;
      states.set(account.address, { ...state, flakyFailed: true });
      return true;
    },
    reset() {
      states.clear();
    },
    get size() {
      return states.size;
    },
  };
}
