// Whether React runs the page yet. A prerendered page paints, and can be read, before the app's
// script has even been requested (scripts/prerender.mjs); a control that needs the app is disabled
// until then, so an early click waits (Playwright's click() waits for an enabled control) instead
// of landing on a button with no handler.
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** False while rendering on the server and hydrating; true once React runs the page. */
export function useIsLive(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
