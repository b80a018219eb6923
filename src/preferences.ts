// How the reader likes to read: theme and text size, remembered in localStorage and applied as
// data attributes on <html>, which the stylesheet reads. Before the first paint, the prerendered
// page's inline script applies the same stored values (scripts/prerender.mjs), so nothing flashes.
import { useSyncExternalStore } from 'react';

export const THEMES = ['system', 'light', 'dark'] as const;
export const TEXT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export type Theme = (typeof THEMES)[number];
export type TextSize = (typeof TEXT_SIZES)[number];

export interface Preferences {
  theme: Theme;
  textSize: TextSize;
}

/** The localStorage key; the prerendered pages' inline script reads the same one. */
export const PREFERENCES_KEY = 'lede-preferences';
const DEFAULTS: Preferences = { theme: 'system', textSize: 'medium' };

let current: Preferences = DEFAULTS;
const listeners = new Set<() => void>();

function parse(stored: string | null): Preferences {
  try {
    const value: unknown = JSON.parse(stored ?? '{}');
    if (typeof value !== 'object' || value === null) return DEFAULTS;
    const theme = 'theme' in value ? THEMES.find((known) => known === value.theme) : undefined;
    const textSize = 'textSize' in value ? TEXT_SIZES.find((known) => known === value.textSize) : undefined;
    return { theme: theme ?? DEFAULTS.theme, textSize: textSize ?? DEFAULTS.textSize };
  } catch {
    return DEFAULTS;
  }
}

function apply({ theme, textSize }: Preferences): void {
  const { dataset } = document.documentElement;
  if (theme === 'system') delete dataset.theme;
  else dataset.theme = theme;
  if (textSize === 'medium') delete dataset.textSize;
  else dataset.textSize = textSize;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(PREFERENCES_KEY);
  } catch {
    return null; // storage blocked: preferences last for this page only
  }
}

/** Reads what was stored and applies it; another tab's change is followed too. */
export function startPreferences(): void {
  current = parse(readStored());
  apply(current);
  window.addEventListener('storage', (event) => {
    if (event.key !== PREFERENCES_KEY) return;
    current = parse(event.newValue);
    apply(current);
    for (const listener of listeners) listener();
  });
}

export function setPreferences(change: Partial<Preferences>): void {
  current = { ...current, ...change };
  apply(current);
  try {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify(current));
  } catch {
    // storage blocked: the change still holds for this page
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The server (and hydration) renders the defaults; the stored values follow at once. */
export function usePreferences(): Preferences {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => DEFAULTS,
  );
}
