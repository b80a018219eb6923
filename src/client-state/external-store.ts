// A value owned outside React and read by it through useSyncExternalStore: a module-level
// current value, the listeners to tell when it changes, and what the server rendered.
import { useSyncExternalStore } from 'react';

export interface ExternalStore<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createExternalStore<T>(initial: T): ExternalStore<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (value) => {
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `prerendered` is what the server rendered: hydration renders it too, then the current value. */
export function useExternalStore<T>(store: ExternalStore<T>, prerendered: T): T {
  return useSyncExternalStore(store.subscribe, store.get, () => prerendered);
}
