// Owns what the page knows of the site's paywall model. The model belongs to the browser's world
// (a tester switches a sandbox's with PUT /api/test/paywall), so the page asks on every article
// view, keeping the last answer meanwhile; a prerendered page knows none and shows the hard gate.
import { useEffect } from 'react';
import type { PaywallModelName } from '../paywall/paywall-model.ts';
import { fetchPaywallModel } from './api-client.ts';
import { createExternalStore, useExternalStore } from './external-store.ts';

const model = createExternalStore<PaywallModelName | undefined>(undefined);

/**
 * The site's model as last answered (undefined until the first answer, or while the service
 * cannot be reached): asked again each time a view that needs it mounts.
 */
export function usePaywallModel(): PaywallModelName | undefined {
  useEffect(() => {
    const controller = new AbortController();
    void fetchPaywallModel(controller.signal).then((answer) => {
      if (!controller.signal.aborted && answer.kind === 'ok' && answer.model !== model.get()) model.set(answer.model);
    });
    return () => controller.abort();
  }, []);
  return useExternalStore(model, undefined);
}
