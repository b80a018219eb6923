// Where the mock backend keeps what it remembers: sessions, throttles, accounts, sandboxes, each
// world's clock. One small interface, two implementations: this process's memory (the default,
// memory-store.ts) and Redis (redis-store.ts), which lets any number of server instances behave
// as one. Everything above it (sessions.ts, login-throttle.ts, …) is written once, against this.
//
// The shape is the one every map the server holds already had: named collections of entries that
// expire a fixed time after they were last written, with a cap on how many are held. Each
// operation is atomic on its own, so two instances never lose each other's writes (no
// read-then-write of the same entry across an await, unless the write is a compare-and-set:
// update.ts); lifetimes are real time, kept by the store
// (Redis expires its keys itself). Worlds whose clock was moved compare their own times on read.

export interface CollectionSpec {
  /** Unique within its scope: letters, digits, ':' and '-'. */
  name: string;
  /** How long an entry lives after it was last written, in real time. */
  ttlMs: number;
  /** The most entries held. */
  cap: number;
  /**
   * Past the cap: forget the entry written longest ago (a cache: sessions, throttles), or refuse
   * the new one and say when room is next made (sandboxes: never end another tester's).
   */
  whenFull: 'evict-oldest' | 'refuse';
}

/**
 * `{ ifHolds }`: only while the entry still holds that value (a compare-and-set). A read, then a
 * write of what was computed from it, is refused when another write came in between, instead of
 * losing that write; the caller reads again and retries.
 */
export type PutCondition = 'always' | 'if-absent' | 'if-present' | { ifHolds: string };

export type PutResult =
  | { kind: 'stored' }
  /** The condition did not hold: nothing changed. */
  | { kind: 'not-stored' }
  /** A `refuse` collection at its cap: the oldest entry expires at `retryAt` (real time). */
  | { kind: 'full'; retryAt: number };

/**
 * A key holds either a value (`get`/`put`) or a list (`append`/`list`), never both.
 * Every write renews the entry: it lives `ttlMs` from now, and becomes the newest for the cap.
 */
export interface Collection {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string, condition?: PutCondition): Promise<PutResult>;
  /** True if the entry was held. */
  delete(key: string): Promise<boolean>;
  /** Appends `item` to the list at `key`, keeps its last `keep` items, and returns them, oldest first. */
  append(key: string, item: string, keep: number): Promise<string[]>;
  /** The list at `key`, oldest first, without renewing it: empty when none is held (or a value is). */
  list(key: string): Promise<string[]>;
  /**
   * Stores `value` if it is greater than the number held (or none is): an atomic maximum, for
   * what only moves forward. Returns the number held afterwards.
   */
  raise(key: string, value: number): Promise<number>;
  /** Entries held, the expired ones not counted. */
  size(): Promise<number>;
  clear(): Promise<void>;
}

/** The state of one world (the default one, or a sandbox): its collections, by name. */
export interface Scope {
  collection(spec: CollectionSpec): Collection;
}

export interface Store {
  readonly kind: 'memory' | 'redis';
  /** Resolves true when the store can serve requests now; never throws. */
  isReady(): Promise<boolean>;
  /**
   * The state named `name`. Held as long as it is used: a scope unused for the store's
   * `scopeIdleMs` may be forgotten with everything in it (a sandbox's idle lifetime).
   */
  scope(name: string): Scope;
  /**
   * Lets go of a scope whose collections were all cleared (an ended sandbox's world), so its room
   * is given back at once rather than after `scopeIdleMs`.
   */
  forget(name: string): void;
  /** Stops using the store's connections. */
  close(): Promise<void>;
}

/**
 * The store failed to answer (Redis unreachable, a timeout). The API answers 503 and serves
 * nothing it could not check: it fails closed.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
