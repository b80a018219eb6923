// The demo accounts as they stand while the server runs: mock subscriptions bought through the
// plans page, and the flaky persona's first attempt. Reset puts everything back.
import { findPersona, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';

export interface AccountStore {
  find(email: string): Persona | undefined;
  /** The reader as of now: with a mock subscription if one was started. */
  readerOf(persona: Persona): Reader;
  startSubscription(persona: Persona): Reader;
  /** True exactly once per server life (or reset) for a persona with the 'flaky' fault. */
  takeFlakyFailure(persona: Persona): boolean;
  reset(): void;
}

export function createAccountStore(): AccountStore {
  const subscribed = new Set<string>();
  const flakyFailed = new Set<string>();
  function readerOf({ reader }: Persona): Reader {
    return subscribed.has(reader.email) ? { ...reader, subscription: { status: 'active' } } : reader;
  }
  return {
    find: findPersona,
    readerOf,
    startSubscription(persona) {
      subscribed.add(persona.reader.email);
      return readerOf(persona);
    },
    takeFlakyFailure(persona) {
      if (persona.fault !== 'flaky' || flakyFailed.has(persona.reader.email)) return false;
      flakyFailed.add(persona.reader.email);
      return true;
    },
    reset() {
      subscribed.clear();
      flakyFailed.clear();
    },
  };
}
