// One polite live region for the whole app (rendered by Layout, so it exists before anything is
// said): changes a screen-reader user would otherwise miss are announced through it.
import { createExternalStore, useExternalStore } from './external-store.ts';

export interface Announcement {
  message: string;
  /** Counts up, so the same words said twice are announced twice. */
  id: number;
}

const SILENCE: Announcement = { message: '', id: 0 };
const announcement = createExternalStore(SILENCE);

export function announce(message: string): void {
  announcement.set({ message, id: announcement.get().id + 1 });
}

export function useAnnouncement(): Announcement {
  return useExternalStore(announcement, SILENCE);
}
