// One polite live region for the whole app (rendered by Layout, so it exists before anything is
// said): changes a screen-reader user would otherwise miss are announced through it.
import { useSyncExternalStore } from 'react';

export interface Announcement {
  message: string;
  /** Counts up, so the same words said twice are announced twice. */
  id: number;
}

let current: Announcement = { message: '', id: 0 };
const listeners = new Set<() => void>();

export function announce(message: string): void {
  current = { message, id: current.id + 1 };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SILENCE: Announcement = { message: '', id: 0 };

export function useAnnouncement(): Announcement {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => SILENCE,
  );
}
