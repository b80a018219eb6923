// update: a read, then a compare-and-set write, again from a fresh read when it lost a race.
import { describe, expect, test } from 'vitest';
import { memoryScope } from './memory-scope.testing.ts';
import { StoreUnavailableError, type Collection } from './store.ts';
import { update } from './update.ts';

const SPEC = { name: 'things', ttlMs: 60_000, cap: 10, whenFull: 'evict-oldest' } as const;

/** A collection another writer changes right after every read of it. */
function contended(collection: Collection): Collection {
  let writes = 0;
  return {
    ...collection,
    get: async (key) => {
      const held = await collection.get(key);
      await collection.put(key, `another writer's ${++writes}`);
      return held;
    },
  };
}

describe('update', () => {
  test('writes what edit makes of the value held; none held is written if absent', async () => {
    const things = memoryScope().collection(SPEC);
    expect(await update(things, 'a', (held) => `${held ?? ''}one`)).toBe('one');
    expect(await update(things, 'a', (held) => `${held ?? ''}, two`)).toBe('one, two');
    expect(await things.get('a')).toBe('one, two');
  });

  test('edit declining leaves the value as it is', async () => {
    const things = memoryScope().collection(SPEC);
    await things.put('a', 'kept');
    expect(await update(things, 'a', () => undefined)).toBeUndefined();
    expect(await things.get('a')).toBe('kept');
  });

  test('a lost race is read again, so the other write is kept', async () => {
    const things = memoryScope().collection(SPEC);
    await things.put('a', 'first');
    let reads = 0;
    const racing: Collection = {
      ...things,
      get: async (key) => {
        const held = await things.get(key);
        if (++reads === 1) await things.put(key, 'another writer');
        return held;
      },
    };
    expect(await update(racing, 'a', (held) => `${held ?? ''} + mine`)).toBe('another writer + mine');
    expect(reads).toBe(2);
  });

  test('bounded: a value that changes under every try fails as an unavailable store, after the tries given', async () => {
    const things = contended(memoryScope().collection(SPEC));
    let edits = 0;
    await expect(update(things, 'a', () => `mine ${++edits}`, 5)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(edits).toBe(5);
  });
});
