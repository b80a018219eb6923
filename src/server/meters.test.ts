import { describe, expect, test } from 'vitest';
import { METER_SLACK, createMeters, meterArticleKey } from './meters.ts';
import { memoryScope } from './store/memory-scope.testing.ts';

const T = Date.parse('2026-11-24T12:00:00Z');

describe('the meters', () => {
  test('reads come back as recorded, oldest first, per reader', async () => {
    const meters = createMeters(memoryScope());
    const visitor = { kind: 'visitor', id: 'v'.repeat(22) } as const;
    const account = { kind: 'account', address: 'reader@example.com' } as const;
    expect(await meters.reads(visitor)).toEqual([]);
    await meters.record(visitor, { at: T, slug: 'a' }, 3);
    expect(await meters.record(visitor, { at: T + 1, slug: 'b' }, 3)).toEqual([
      { at: T, slug: 'a' },
      { at: T + 1, slug: 'b' },
    ]);
    expect(await meters.reads(visitor)).toEqual([
      { at: T, slug: 'a' },
      { at: T + 1, slug: 'b' },
    ]);
    expect(await meters.reads(account)).toEqual([]);
    expect(await meters.size()).toBe(1);
  });

  test(`a reader's list keeps the last limit + ${METER_SLACK} reads`, async () => {
    const meters = createMeters(memoryScope());
    const who = { kind: 'visitor', id: 'x'.repeat(22) } as const;
    for (let i = 0; i < 20; i += 1) await meters.record(who, { at: T + i, slug: `s${i}` }, 2);
    const reads = await meters.reads(who);
    expect(reads).toHaveLength(2 + METER_SLACK);
    expect(reads.at(-1)).toEqual({ at: T + 19, slug: 's19' });
  });

  test('past the cap, the reader counted longest ago is forgotten', async () => {
    const meters = createMeters(memoryScope(), 2);
    for (const id of ['a', 'b', 'c']) await meters.record({ kind: 'visitor', id }, { at: T, slug: 'k' }, 3);
    expect(await meters.size()).toBe(2);
    expect(await meters.reads({ kind: 'visitor', id: 'a' })).toEqual([]);
    expect(await meters.reads({ kind: 'visitor', id: 'c' })).toHaveLength(1);
  });

  test('reset forgets every reader', async () => {
    const meters = createMeters(memoryScope());
    await meters.record({ kind: 'account', address: 'a@example.com' }, { at: T, slug: 'k' }, 3);
    expect(await meters.size()).toBe(1);
    await meters.reset();
    expect(await meters.size()).toBe(0);
  });

  test('an article key is short, stable, and differs between slugs', () => {
    const key = meterArticleKey('report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    expect(key).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(meterArticleKey('report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran')).toBe(key);
    expect(meterArticleKey('placeholder-article-1')).not.toBe(meterArticleKey('placeholder-article-2'));
  });
});
