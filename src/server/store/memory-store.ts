// The embedded store: everything in this process's memory, gone when it stops. Each collection is
// an expiring map (expiring-map.ts): bounded, swept from its head at O(1) amortised on each write.
// Answers are promises only to share the interface with Redis; nothing here waits on anything.
import { createExpiringMap, type ExpiringMap } from './expiring-map.ts';
import type { Collection, CollectionSpec, PutResult, Scope, Store } from './store.ts';

export interface MemoryStoreOptions {
  /** The real clock. */
  now?: () => number;
  /** A scope unused this long is forgotten (a sandbox's world, once the sandbox has ended). */
  scopeIdleMs: number;
  /** The most scopes held; past it the one used longest ago is forgotten. */
  maxScopes: number;
}

type Entry = string | string[];

const STORED: PutResult = { kind: 'stored' };
const NOT_STORED: PutResult = { kind: 'not-stored' };

export function createMemoryStore({ now = Date.now, scopeIdleMs, maxScopes }: MemoryStoreOptions): Store {
  const scopes = createExpiringMap<string, Scope>({ ttlMs: scopeIdleMs, cap: maxScopes, now });
  return {
    kind: 'memory',
    isReady: () => Promise.resolve(true),
    scope(name) {
      const scope = scopes.get(name) ?? createMemoryScope(now);
      scopes.set(name, scope);
      return scope;
    },
    forget(name) {
      scopes.delete(name);
    },
    close: () => Promise.resolve(),
  };
}

function createMemoryScope(now: () => number): Scope {
  // A world has a handful of collections, each named in the code: this map stays that small.
  const collections = new Map<string, Collection>();
  const maps: ExpiringMap<string, Entry>[] = [];
  // Any use of a scope sweeps all its collections, each from its oldest entry: O(1) amortised,
  // as each entry is dropped once. So memory comes back once entries expire, whichever
  // collection the next request happens to use (as Redis expires keys nobody reads).
  const sweep = (): void => {
    for (const map of maps) map.sweep();
  };
  return {
    collection(spec) {
      const held = collections.get(spec.name);
      if (held !== undefined) return held;
      const entries = createExpiringMap<string, Entry>({ ttlMs: spec.ttlMs, cap: spec.cap, now });
      maps.push(entries);
      const collection = createMemoryCollection(spec, entries, sweep);
      collections.set(spec.name, collection);
      return collection;
    },
  };
}

function createMemoryCollection(
  { cap, whenFull }: CollectionSpec,
  entries: ExpiringMap<string, Entry>,
  sweepScope: () => void,
): Collection {
  /** Whether `key` may be written: a refusing collection at its cap takes no new key. */
  function room(key: string): PutResult {
    if (whenFull === 'evict-oldest' || entries.get(key) !== undefined) return STORED;
    entries.sweep();
    const retryAt = entries.firstExpiry();
    return entries.size >= cap && retryAt !== undefined ? { kind: 'full', retryAt } : STORED;
  }
  return {
    get(key) {
      sweepScope();
      const entry = entries.get(key);
      return Promise.resolve(typeof entry === 'string' ? entry : undefined);
    },
    put(key, value, condition = 'always') {
      sweepScope();
      const entry = entries.get(key);
      const held = entry !== undefined;
      if (
        (condition === 'if-absent' && held) ||
        (condition === 'if-present' && !held) ||
        (typeof condition === 'object' && entry !== condition.ifHolds)
      ) {
        return Promise.resolve(NOT_STORED);
      }
      const allowed = room(key);
      if (allowed.kind === 'stored') entries.set(key, value);
      return Promise.resolve(allowed);
    },
    delete(key) {
      const held = entries.get(key) !== undefined;
      entries.delete(key);
      return Promise.resolve(held);
    },
    append(key, item, keep) {
      sweepScope();
      const held = entries.get(key);
      const list = [...(Array.isArray(held) ? held : []), item].slice(-keep);
      entries.set(key, list);
      return Promise.resolve(list);
    },
    list(key) {
      sweepScope();
      const held = entries.get(key);
      return Promise.resolve(Array.isArray(held) ? [...held] : []);
    },
    raise(key, value) {
      sweepScope();
      const held = Number(entries.get(key) ?? Number.NEGATIVE_INFINITY);
      const highest = Math.max(held, value);
      entries.set(key, String(highest));
      return Promise.resolve(highest);
    },
    size() {
      entries.sweep();
      return Promise.resolve(entries.size);
    },
    clear() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
