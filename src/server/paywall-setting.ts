// The world's paywall model: which one the site runs (paywall/paywall-model.ts), set by a tester
// with PUT /api/test/paywall. Kept in the world's store like its clock, so each sandbox has its
// own and a reset puts back the hard paywall, the default world's for good.
import { HARD_PAYWALL, type PaywallModel } from '../paywall/paywall-model.ts';
import { toStoredPaywall } from './request-schemas.ts';
import type { Scope } from './store/store.ts';

/** A model set is remembered this long after it was set (real time), as a moved clock is. */
export const PAYWALL_MEMORY_MS = 365 * 24 * 60 * 60_000;

const MODEL = 'model';

export interface PaywallSetting {
  /** The model in force: the hard paywall unless one was set. */
  get(): Promise<PaywallModel>;
  set(model: PaywallModel): Promise<void>;
  /** Back to the hard paywall. */
  reset(): Promise<void>;
}

export function createPaywallSetting(scope: Scope): PaywallSetting {
  const models = scope.collection({ name: 'paywall', ttlMs: PAYWALL_MEMORY_MS, cap: 1, whenFull: 'evict-oldest' });
  return {
    async get() {
      const held = await models.get(MODEL);
      // Written by this code only; should it ever not read back, the hard paywall opens nothing.
      return held === undefined ? HARD_PAYWALL : (toStoredPaywall(held) ?? HARD_PAYWALL);
    },
    async set(model) {
      await models.put(MODEL, JSON.stringify(model));
    },
    reset: () => models.clear(),
  };
}
