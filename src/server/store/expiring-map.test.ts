import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fakeClock } from '../fake-clock.testing.ts';
import { createExpiringMap, type ExpiringMap } from './expiring-map.ts';

function setup(ttlMs = 100, cap = 10): { map: ExpiringMap<string, number>; advance(ms: number): void } {
  const { now, advance } = fakeClock(0);
  return { map: createExpiringMap<string, number>({ ttlMs, cap, now }), advance };
}

describe('createExpiringMap', () => {
  test('an entry lives ttlMs after it was written, not a moment longer', () => {
    const { map, advance } = setup(100);
    map.set('a', 1);
    expect(map.expiresAt('a')).toBe(100);
    advance(99);
    expect(map.get('a')).toBe(1);
    advance(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  test('reading does not renew; writing does', () => {
    const { map, advance } = setup(100);
    map.set('a', 1);
    advance(60);
    map.get('a');
    advance(40);
    expect(map.get('a')).toBeUndefined();
    map.set('b', 1);
    advance(60);
    map.set('b', 2);
    advance(60);
    expect(map.get('b')).toBe(2);
  });

  test('writing sweeps every expired entry from the head, and only those', () => {
    const { map, advance } = setup(100);
    map.set('a', 1);
    advance(10);
    map.set('b', 2);
    advance(10);
    map.set('c', 3);
    advance(95); // a and b expired, c not
    map.set('d', 4);
    expect(map.size).toBe(2);
    expect(map.get('c')).toBe(3);
    expect(map.firstExpiry()).toBe(120);
  });

  test('a renewed entry moves to the back: the sweep passes over it no longer', () => {
    const { map, advance } = setup(100);
    map.set('a', 1);
    map.set('b', 2);
    advance(50);
    map.set('a', 1);
    advance(60); // b expired at 100; a lives until 150
    map.sweep();
    expect(map.size).toBe(1);
    expect(map.get('a')).toBe(1);
  });

  test('past the cap the oldest entry is evicted', () => {
    const { map } = setup(100, 3);
    for (const key of ['a', 'b', 'c', 'd']) map.set(key, 0);
    expect(map.size).toBe(3);
    expect(map.get('a')).toBeUndefined();
    map.set('b', 1); // renewed: now the newest
    map.set('e', 0);
    expect(['b', 'c', 'd', 'e'].map((key) => map.get(key) !== undefined)).toEqual([true, false, true, true]);
  });

  test('ttlMs Infinity: only the cap removes entries', () => {
    const { map, advance } = setup(Infinity, 2);
    map.set('a', 1);
    advance(Number.MAX_SAFE_INTEGER);
    map.sweep();
    expect(map.get('a')).toBe(1);
    map.set('b', 2);
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined();
  });

  test('delete and clear', () => {
    const { map } = setup();
    map.set('a', 1);
    map.set('b', 2);
    map.delete('a');
    map.delete('missing');
    expect(map.size).toBe(1);
    expect(map.firstExpiry()).toBe(100);
    map.clear();
    expect(map.size).toBe(0);
    expect(map.firstExpiry()).toBeUndefined();
    map.set('c', 3);
    expect(map.get('c')).toBe(3);
  });

  test.each([
    [0, 1],
    [1, 0],
    [-1, 1],
    [1, Number.NaN],
  ])('ttlMs %d, cap %d: refused', (ttlMs, cap) => {
    expect(() => createExpiringMap({ ttlMs, cap, now: () => 0 })).toThrow(RangeError);
  });

  test('property: behaves as a naive model (a plain list, scanned) under any operations and clock moves', () => {
    type Op =
      | { kind: 'set'; key: number; value: number }
      | { kind: 'get'; key: number }
      | { kind: 'delete'; key: number }
      | { kind: 'sweep' }
      | { kind: 'advance'; ms: number };
    const key = fc.integer({ min: 0, max: 7 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.constant({ kind: 'sweep' as const }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100 }), fc.array(op), (cap, ttlMs, ops) => {
        const { now, advance } = fakeClock(0);
        const map = createExpiringMap<number, number>({ ttlMs, cap, now });
        // The model: entries in write order, each with its expiry; every operation scans it.
        let model: { key: number; value: number; expiresAt: number }[] = [];
        const live = (): typeof model => model.filter((entry) => entry.expiresAt > now());
        for (const each of ops) {
          switch (each.kind) {
            case 'set':
              model = live().filter((entry) => entry.key !== each.key);
              model.push({ key: each.key, value: each.value, expiresAt: now() + ttlMs });
              if (model.length > cap) model = model.slice(model.length - cap);
              map.set(each.key, each.value);
              break;
            case 'get':
              expect(map.get(each.key)).toBe(live().find((entry) => entry.key === each.key)?.value);
              break;
            case 'delete':
              model = model.filter((entry) => entry.key !== each.key);
              map.delete(each.key);
              break;
            case 'sweep':
              model = live();
              map.sweep();
              expect(map.size).toBe(model.length);
              break;
            case 'advance':
              advance(each.ms);
              break;
          }
          expect(map.size).toBeLessThanOrEqual(cap);
        }
        map.sweep();
        expect(map.size).toBe(live().length);
        for (const entry of live()) expect(map.expiresAt(entry.key)).toBe(entry.expiresAt);
      }),
      { numRuns: 500 },
    );
  });
});
