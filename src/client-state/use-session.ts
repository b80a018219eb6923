// Owns React's view of the session store.
import { useSyncExternalStore } from 'react';
import { getSession, subscribeToSession, type SessionState } from './session-store.ts';

/**
 * What prerendered pages were rendered with. Hydration must render the same, even when it comes
 * late (a lazily loaded page hydrates once its code arrives, by which time the session is known);
 * React then re-renders with the real session.
 */
const AS_PRERENDERED: SessionState = { status: 'checking' };

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeToSession, getSession, () => AS_PRERENDERED);
}
