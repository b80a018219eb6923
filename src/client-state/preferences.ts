// How the reader likes to read: theme and text size, remembered in localStorage and applied as
// data attributes on <html>, which the stylesheet reads. Before the first paint, the prerendered
// page's inline script applies the same stored values (scripts/prerender.mjs), so nothing flashes.
import { createExternalStore, useExternalStore } from './external-store.ts';

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
/** What no data attribute means: the stylesheet's own theme (the system's) and size. */
export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', textSize: 'medium' };

const preferences = createExternalStore(DEFAULT_PREFERENCES);

function parse(stored: string | null): Preferences {
  try {
    const value: unknown = JSON.parse(stored ?? '{}');
    if (typeof value !== 'object' || value === null) return DEFAULT_PREFERENCES;
    const theme = 'theme' in value ? THEMES.find((known) => known === value.theme) : undefined;
    const textSize = 'textSize' in value ? TEXT_SIZES.find((known) => known === value.textSize) : undefined;
    return { theme: theme ?? DEFAULT_PREFERENCES.theme, textSize: textSize ?? DEFAULT_PREFERENCES.textSize };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

function apply({ theme, textSize }: Preferences): void {
  const { dataset } = document.documentElement;
  if (theme === DEFAULT_PREFERENCES.theme) delete dataset.theme;
  else dataset.theme = theme;
  if (textSize === DEFAULT_PREFERENCES.textSize) delete dataset.textSize;
  else dataset.textSize = textSize;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(PREFERENCES_KEY);
  } catch {
    return null; // storage blocked: preferences last for this page only
  }
}

function adopt(next: Preferences): void {
  apply(next);
  preferences.set(next);
}

/** Reads what was stored and applies it; another tab's change is followed too. */
export function startPreferences(): void {
  adopt(parse(readStored()));
  window.addEventListener('storage', (event) => {
    if (event.key === PREFERENCES_KEY) adopt(parse(event.newValue));
  });
}

export function setPreferences(change: Partial<Preferences>): void {
  const next = { ...preferences.get(), ...change };
  adopt(next);
  try {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify(next));
  } catch {
    // storage blocked: the change still holds for this page
  }
}

/** The server (and hydration) renders the defaults; the stored values follow at once. */
export function usePreferences(): Preferences {
  return useExternalStore(preferences, DEFAULT_PREFERENCES);
}
