// React's view of the session store.
import { useSyncExternalStore } from 'react';
import { getSession, subscribeToSession, type SessionState } from './session-store.ts';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeToSession, getSession, getSession);
}
