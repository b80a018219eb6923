// What every store does, pinned once and run against each implementation (store.contract.test.ts):
// the memory store and the Redis store must be interchangeable under the server.
//
// Time: Redis expires keys by its own clock, which no test can move. So every test that needs an
// entry to expire uses a short real ttl and really waits, and the store is given the real clock
// (`now: Date.now`): the same test is then truthful for both. A wait never ends early but may end
// late on a busy machine, so each check that an entry is still held leaves it 100 ms or more.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection, CollectionSpec, PutCondition, Store } from './store.ts';

export type MakeStore = (options: {
  now: () => number;
  scopeIdleMs: number;
}) => Promise<{ store: Store; cleanup(): Promise<void> }>;

const LONG_TTL_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Distinct scope names, so no test ever sees another's entries, whatever the store keeps. */
let scopes = 0;
const freshScope = () => `contract-${process.pid}-${++scopes}`;

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`the store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore({ now: Date.now, scopeIdleMs: LONG_TTL_MS }));
    });
    afterEach(async () => {
      await cleanup();
    });

    function collection(spec: Partial<CollectionSpec> = {}, scope = freshScope()): Collection {
      return store
        .scope(scope)
        .collection({ name: 'things', ttlMs: LONG_TTL_MS, cap: 100, whenFull: 'evict-oldest', ...spec });
    }

    it('is ready', async () => {
      expect(await store.isReady()).toBe(true);
    });

    it('gets what was put, and undefined for what never was', async () => {
      const things = collection();
      expect(await things.get('a')).toBeUndefined();
      expect(await things.put('a', 'one')).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('one');
      expect(await things.put('a', 'two')).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('two');
      // Keys and values are opaque strings.
      expect(await things.put('b:c d/é', '')).toEqual({ kind: 'stored' });
      expect(await things.get('b:c d/é')).toBe('');
    });

    it('puts if-absent only where nothing is held, and if-present only where something is', async () => {
      const things = collection();
      expect(await things.put('a', 'one', 'if-present')).toEqual({ kind: 'not-stored' });
      expect(await things.get('a')).toBeUndefined();
      expect(await things.size()).toBe(0);
      expect(await things.put('a', 'one', 'if-absent')).toEqual({ kind: 'stored' });
      expect(await things.put('a', 'two', 'if-absent')).toEqual({ kind: 'not-stored' });
      expect(await things.get('a')).toBe('one');
      expect(await things.put('a', 'three', 'if-present')).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('three');
      expect(await things.put('a', 'four', 'always')).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('four');
    });

    it('puts if it holds only while the entry still holds the value read: a write in between wins', async () => {
      const things = collection();
      expect(await things.put('a', 'one', { ifHolds: '' })).toEqual({ kind: 'not-stored' });
      expect(await things.size()).toBe(0);
      await things.put('a', 'one');
      const read = await things.get('a');
      if (read === undefined) throw new Error('a was not stored');
      await things.put('a', 'another writer');
      expect(await things.put('a', 'two', { ifHolds: read })).toEqual({ kind: 'not-stored' });
      expect(await things.get('a')).toBe('another writer');
      expect(await things.put('a', 'two', { ifHolds: 'another writer' })).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('two');
      await things.append('l', 'item', 2);
      expect(await things.put('l', 'value', { ifHolds: 'item' })).toEqual({ kind: 'not-stored' });
      expect(await things.list('l')).toEqual(['item']);
    });

    it('forgets an entry ttlMs after it was last written, and a put renews it', async () => {
      const things = collection({ ttlMs: 300 });
      await things.put('a', 'one');
      await things.put('b', 'one');
      await sleep(200);
      expect(await things.get('a')).toBe('one');
      await things.put('a', 'two');
      await sleep(150);
      // b was written 350 ms ago; a, 150 ms ago.
      expect(await things.get('b')).toBeUndefined();
      expect(await things.get('a')).toBe('two');
      expect(await things.put('b', 'again', 'if-absent')).toEqual({ kind: 'stored' });
      await sleep(380);
      expect(await things.get('a')).toBeUndefined();
      expect(await things.get('b')).toBeUndefined();
      expect(await things.size()).toBe(0);
    });

    it('deletes, saying whether the entry was held', async () => {
      const things = collection();
      await things.put('a', 'one');
      await things.append('list', 'x', 5);
      expect(await things.delete('a')).toBe(true);
      expect(await things.delete('a')).toBe(false);
      expect(await things.delete('never')).toBe(false);
      expect(await things.delete('list')).toBe(true);
      expect(await things.get('a')).toBeUndefined();
      expect(await things.append('list', 'y', 5)).toEqual(['y']);
      expect(await things.size()).toBe(1);
    });

    it('appends, keeping the last `keep` items oldest first', async () => {
      const things = collection();
      expect(await things.append('list', 'a', 3)).toEqual(['a']);
      expect(await things.append('list', 'b', 3)).toEqual(['a', 'b']);
      expect(await things.append('list', 'c', 3)).toEqual(['a', 'b', 'c']);
      expect(await things.append('list', 'd', 3)).toEqual(['b', 'c', 'd']);
      expect(await things.append('list', 'e', 2)).toEqual(['d', 'e']);
      expect(await things.append('other', 'z', 3)).toEqual(['z']);
      // A key holds a list or a value: the list is no value.
      expect(await things.get('list')).toBeUndefined();
    });

    it('lists what was appended, oldest first, without renewing it', async () => {
      const things = collection({ ttlMs: 300 });
      expect(await things.list('list')).toEqual([]);
      await things.append('list', 'a', 3);
      await things.append('list', 'b', 3);
      expect(await things.list('list')).toEqual(['a', 'b']);
      await things.put('value', 'v');
      // A key holds a list or a value: the value is no list.
      expect(await things.list('value')).toEqual([]);
      await sleep(200);
      expect(await things.list('list')).toEqual(['a', 'b']);
      await sleep(180);
      expect(await things.list('list')).toEqual([]);
    });

    it('renews a list on each append', async () => {
      const things = collection({ ttlMs: 300 });
      await things.append('list', 'a', 5);
      await sleep(200);
      await things.append('list', 'b', 5);
      await sleep(200);
      expect(await things.append('list', 'c', 5)).toEqual(['a', 'b', 'c']);
      await sleep(380);
      expect(await things.append('list', 'd', 5)).toEqual(['d']);
    });

    it('raises to the maximum: the first write stores, a lower value leaves the higher', async () => {
      const things = collection();
      expect(await things.raise('clock', 10)).toBe(10);
      expect(await things.get('clock')).toBe('10');
      expect(await things.raise('clock', 25)).toBe(25);
      expect(await things.raise('clock', 7)).toBe(25);
      expect(await things.get('clock')).toBe('25');
      expect(await things.raise('negative', -5)).toBe(-5);
      expect(await things.raise('negative', -9)).toBe(-5);
      expect(await things.raise('fraction', 1.5)).toBe(1.5);
      expect(await things.raise('fraction', 1.25)).toBe(1.5);
      expect(await things.raise('big', 1_796_000_000_123)).toBe(1_796_000_000_123);
      expect(await things.raise('big', 1_796_000_000_122)).toBe(1_796_000_000_123);
    });

    it('renews an entry on raise, even when the value held stays', async () => {
      const things = collection({ ttlMs: 300 });
      await things.raise('clock', 10);
      await sleep(200);
      expect(await things.raise('clock', 5)).toBe(10);
      await sleep(200);
      expect(await things.get('clock')).toBe('10');
    });

    it('counts the entries held, not the expired ones', async () => {
      const things = collection({ ttlMs: 300 });
      expect(await things.size()).toBe(0);
      await things.put('a', '1');
      await things.append('b', '1', 3);
      await sleep(150);
      await things.raise('c', 1);
      expect(await things.size()).toBe(3);
      await sleep(200);
      expect(await things.size()).toBe(1);
    });

    it('clears one collection, and only that one', async () => {
      const scope = freshScope();
      const things = collection({}, scope);
      const others = collection({ name: 'others' }, scope);
      const elsewhere = collection({}, freshScope());
      for (const target of [things, others, elsewhere]) {
        await target.put('a', 'one');
        await target.append('list', 'x', 3);
      }
      await things.clear();
      expect(await things.size()).toBe(0);
      expect(await things.get('a')).toBeUndefined();
      expect(await things.append('list', 'y', 3)).toEqual(['y']);
      expect(await others.get('a')).toBe('one');
      expect(await others.size()).toBe(2);
      expect(await elsewhere.get('a')).toBe('one');
      expect(await elsewhere.size()).toBe(2);
      await collection({ name: 'never-written' }).clear();
    });

    it('keeps scopes apart', async () => {
      const spec = { name: 'shared-name' };
      const one = collection(spec, freshScope());
      const two = collection(spec, freshScope());
      await one.put('a', 'one');
      expect(await two.get('a')).toBeUndefined();
      await two.put('a', 'two');
      expect(await one.get('a')).toBe('one');
      await one.raise('n', 5);
      expect(await two.raise('n', 1)).toBe(1);
      expect(await one.delete('a')).toBe(true);
      expect(await two.get('a')).toBe('two');
      expect([await one.size(), await two.size()]).toEqual([1, 2]);
    });

    it('keeps the collections of one scope apart, and the same scope and name is the same collection', async () => {
      const scope = freshScope();
      const one = collection({ name: 'one' }, scope);
      const two = collection({ name: 'two' }, scope);
      await one.put('a', 'one');
      expect(await two.get('a')).toBeUndefined();
      expect(await two.put('a', 'two', 'if-absent')).toEqual({ kind: 'stored' });
      expect(await one.get('a')).toBe('one');
      expect(await collection({ name: 'one' }, scope).get('a')).toBe('one');
    });

    it('evict-oldest: past the cap, forgets the entry written longest ago', async () => {
      const things = collection({ cap: 3 });
      await things.put('a', '1');
      await things.put('b', '1');
      await things.append('c', '1', 3);
      // Rewriting makes an entry the newest.
      await things.put('a', '2');
      await things.raise('d', 1);
      expect(await things.get('b')).toBeUndefined();
      expect(await things.get('a')).toBe('2');
      expect(await things.append('c', '2', 3)).toEqual(['1', '2']);
      expect(await things.size()).toBe(3);
      await things.put('e', '1');
      expect(await things.get('a')).toBeUndefined();
      expect(await things.get('d')).toBe('1');
      expect(await things.size()).toBe(3);
    });

    it('refuse: at the cap, refuses a new key until the oldest entry expires, and says when', async () => {
      const ttlMs = 400;
      const things = collection({ cap: 2, ttlMs, whenFull: 'refuse' });
      const before = Date.now();
      await things.put('a', '1');
      const after = Date.now();
      await sleep(200);
      await things.put('b', '1');
      const refused = await things.put('c', '1');
      expect(refused.kind).toBe('full');
      const retryAt = refused.kind === 'full' ? refused.retryAt : Number.NaN;
      expect(retryAt).toBeGreaterThanOrEqual(before + ttlMs);
      expect(retryAt).toBeLessThanOrEqual(after + ttlMs + 1);
      expect(await things.get('c')).toBeUndefined();
      expect(await things.put('c', '1', 'if-absent')).toMatchObject({ kind: 'full' });
      expect(await things.size()).toBe(2);
      // An entry already held may still be rewritten.
      expect(await things.put('b', '2')).toEqual({ kind: 'stored' });
      expect(await things.get('b')).toBe('2');
      await sleep(retryAt - Date.now() + 60);
      expect(await things.get('a')).toBeUndefined();
      expect(await things.put('c', '1')).toEqual({ kind: 'stored' });
      expect(await things.get('b')).toBe('2');
      expect(await things.size()).toBe(2);
    });

    it('refuse: a rewrite renews, so the next to expire is the other; a delete makes room', async () => {
      const ttlMs = LONG_TTL_MS;
      const things = collection({ cap: 2, ttlMs, whenFull: 'refuse' });
      await things.put('a', '1');
      await sleep(5);
      const before = Date.now();
      await things.put('b', '1');
      const after = Date.now();
      await sleep(5);
      await things.put('a', '2');
      const refused = await things.put('c', '1');
      expect(refused.kind).toBe('full');
      if (refused.kind === 'full') {
        expect(refused.retryAt).toBeGreaterThanOrEqual(before + ttlMs);
        expect(refused.retryAt).toBeLessThanOrEqual(after + ttlMs + 1);
      }
      expect(await things.delete('b')).toBe(true);
      expect(await things.put('c', '1')).toEqual({ kind: 'stored' });
      expect(await things.put('d', '1')).toMatchObject({ kind: 'full' });
      await things.clear();
      expect(await things.put('d', '1')).toEqual({ kind: 'stored' });
    });

    it('loses nothing to concurrent raises and appends', async () => {
      const things = collection();
      const values = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: 40, seed: 7 });
      const raised = await Promise.all(values.map((value) => things.raise('max', value)));
      raised.forEach((held, i) => expect(held).toBeGreaterThanOrEqual(values[i] ?? Infinity));
      expect(await things.raise('max', -1)).toBe(Math.max(...values));

      const items = Array.from({ length: 40 }, (_, i) => `item-${i}`);
      const lists = await Promise.all(items.map((item) => things.append('list', item, 100)));
      const final = await things.append('list', 'last', 100);
      expect(final).toHaveLength(items.length + 1);
      expect(new Set(final)).toEqual(new Set([...items, 'last']));
      // Each append saw its own item last, and a list that only grew.
      lists.forEach((list, i) => expect(list.at(-1)).toBe(items[i]));
      expect(new Set(lists.map((list) => list.length))).toEqual(new Set(items.map((_, i) => i + 1)));
    });

    it('behaves like a capped, ordered map for any sequence of operations (evict-oldest)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), async (operations) => {
          const cap = 4;
          const things = collection({ cap });
          const model = createModel(cap);
          for (const op of operations) {
            expect(await apply(things, op)).toEqual(applyToModel(model, op));
          }
          expect(await things.size()).toBe(model.entries.size);
          for (const key of ALL_KEYS) expect(await things.get(key)).toBe(modelGet(model, key));
        }),
        { numRuns: 50 },
      );
    });
  });
}

// The property test's operations: values on some keys, lists on others, numbers on the rest (a
// key holding one kind is only ever read as another by get and delete, as the server does).
const VALUE_KEYS = ['v0', 'v1', 'v2'] as const;
const LIST_KEYS = ['l0', 'l1'] as const;
const NUMBER_KEYS = ['n0', 'n1'] as const;
const ALL_KEYS = [...VALUE_KEYS, ...LIST_KEYS, ...NUMBER_KEYS];

type Operation =
  | { op: 'get'; key: string }
  | { op: 'put'; key: string; value: string; condition: PutCondition }
  | { op: 'delete'; key: string }
  | { op: 'append'; key: string; item: string; keep: number }
  | { op: 'raise'; key: string; value: number }
  | { op: 'size' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('get' as const), key: fc.constantFrom(...ALL_KEYS) }),
  fc.record({
    op: fc.constant('put' as const),
    key: fc.constantFrom(...VALUE_KEYS),
    value: fc.string({ maxLength: 3 }),
    condition: fc.oneof(
      fc.constantFrom('always' as const, 'if-absent' as const, 'if-present' as const),
      // Short values, so the expected one is often the one held.
      fc.record({ ifHolds: fc.string({ maxLength: 1 }) }),
    ),
  }),
  fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...ALL_KEYS) }),
  fc.record({
    op: fc.constant('append' as const),
    key: fc.constantFrom(...LIST_KEYS),
    item: fc.string({ maxLength: 3 }),
    keep: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    op: fc.constant('raise' as const),
    key: fc.constantFrom(...NUMBER_KEYS),
    value: fc.integer({ min: -100, max: 100 }),
  }),
  fc.record({ op: fc.constant('size' as const) }),
);

function apply(things: Collection, op: Operation): Promise<unknown> {
  switch (op.op) {
    case 'get':
      return things.get(op.key);
    case 'put':
      return things.put(op.key, op.value, op.condition);
    case 'delete':
      return things.delete(op.key);
    case 'append':
      return things.append(op.key, op.item, op.keep);
    case 'raise':
      return things.raise(op.key, op.value);
    case 'size':
      return things.size();
  }
}

/** The reference: a Map in write order (oldest first), each entry with its expiry time. */
interface Model {
  cap: number;
  entries: Map<string, { value: string | string[]; expiresAt: number }>;
}

function createModel(cap: number): Model {
  return { cap, entries: new Map() };
}

function sweep(model: Model): void {
  const now = Date.now();
  for (const [key, entry] of model.entries) if (entry.expiresAt <= now) model.entries.delete(key);
}

function write(model: Model, key: string, value: string | string[]): void {
  model.entries.delete(key);
  model.entries.set(key, { value, expiresAt: Date.now() + LONG_TTL_MS });
  for (const oldest of model.entries.keys()) {
    if (model.entries.size <= model.cap) break;
    model.entries.delete(oldest);
  }
}

function modelGet(model: Model, key: string): string | undefined {
  sweep(model);
  const value = model.entries.get(key)?.value;
  return typeof value === 'string' ? value : undefined;
}

function applyToModel(model: Model, op: Operation): unknown {
  sweep(model);
  switch (op.op) {
    case 'get':
      return modelGet(model, op.key);
    case 'put': {
      const held = model.entries.get(op.key)?.value;
      if (
        (op.condition === 'if-absent' && held !== undefined) ||
        (op.condition === 'if-present' && held === undefined) ||
        (typeof op.condition === 'object' && held !== op.condition.ifHolds)
      ) {
        return { kind: 'not-stored' };
      }
      write(model, op.key, op.value);
      return { kind: 'stored' };
    }
    case 'delete':
      return model.entries.delete(op.key);
    case 'append': {
      const held = model.entries.get(op.key)?.value;
      const list = [...(Array.isArray(held) ? held : []), op.item].slice(-op.keep);
      write(model, op.key, list);
      return list;
    }
    case 'raise': {
      const held = model.entries.get(op.key)?.value;
      const highest = typeof held === 'string' ? Math.max(Number(held), op.value) : op.value;
      write(model, op.key, String(highest));
      return highest;
    }
    case 'size':
      return model.entries.size;
  }
}
