// A fresh in-memory scope for unit tests of what is kept in a store, on a clock the test controls.
import { createMemoryStore } from './memory-store.ts';
import type { Scope } from './store.ts';

const YEAR = 365 * 24 * 60 * 60_000;

export function memoryScope(now: () => number = Date.now): Scope {
  return createMemoryStore({ now, scopeIdleMs: YEAR, maxScopes: 1 }).scope('test');
}
