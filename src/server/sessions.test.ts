import { describe, expect, test } from 'vitest';
import {
  PERSISTENT_SESSION,
  STANDARD_SESSION,
  createSessionStore,
  expiresAt,
  policyOf,
  type Session,
  type SessionStore,
} from './sessions.ts';
import { memoryScope } from './store/memory-scope.testing.ts';
import { DAY, HOUR, MINUTE, T0, fakeClock } from './fake-clock.testing.ts';

const EMAIL = 'subscriber@example.com';

function setup(cap?: number): { store: SessionStore; advance(ms: number): void } {
  const { now, advance } = fakeClock();
  return { store: createSessionStore(memoryScope(now), now, cap), advance };
}

function session(persistent: boolean, createdAt: number, lastSeenAt: number): Session {
  return { id: 'id', email: EMAIL, persistent, createdAt, lastSeenAt };
}

describe('session policies', () => {
  test('standard: 30 idle minutes, 12 hours in all; persistent: 7 idle days, 30 days in all', async () => {
    expect(STANDARD_SESSION).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
    expect(PERSISTENT_SESSION).toEqual({ idleMs: 7 * DAY, absoluteMs: 30 * DAY });
  });

  test.each([
    [false, STANDARD_SESSION],
    [true, PERSISTENT_SESSION],
  ])('persistent: %s → its policy', async (persistent, policy) => {
    expect(policyOf({ persistent })).toBe(policy);
  });
});

describe('expiresAt', () => {
  test.each<[string, Session, number]>([
    ['a fresh standard session: 30 minutes on', session(false, T0, T0), T0 + 30 * MINUTE],
    ['a standard session seen 1 hour in', session(false, T0, T0 + HOUR), T0 + HOUR + 30 * MINUTE],
    [
      'a standard session seen 11h45 in: capped at 12 hours',
      session(false, T0, T0 + 11 * HOUR + 45 * MINUTE),
      T0 + 12 * HOUR,
    ],
    ['a fresh persistent session: 7 days on', session(true, T0, T0), T0 + 7 * DAY],
    ['a persistent session seen 10 days in', session(true, T0, T0 + 10 * DAY), T0 + 17 * DAY],
    ['a persistent session seen 25 days in: capped at 30 days', session(true, T0, T0 + 25 * DAY), T0 + 30 * DAY],
  ])('%s', async (_name, value, expected) => {
    expect(expiresAt(value)).toBe(expected);
  });
});

describe('createSessionStore', () => {
  test('create: a random 256-bit base64url id, created and seen now', async () => {
    const { store } = setup();
    const created = await store.create(EMAIL, false);
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      email: EMAIL,
      persistent: false,
      createdAt: T0,
      lastSeenAt: T0,
    });
    expect(await store.create(EMAIL, true)).toMatchObject({ persistent: true });
  });

  test('create: every session gets a different id', async () => {
    const { store } = setup();
    const created = await Promise.all(Array.from({ length: 50 }, () => store.create(EMAIL, false)));
    const ids = new Set(created.map((each) => each.id));
    expect(ids.size).toBe(50);
  });

  test.each<[string, string | undefined]>([
    ['no id', undefined],
    ['an unknown id', 'not-a-session'],
    ['an empty id', ''],
  ])('touch with %s: undefined', async (_name, id) => {
    const { store } = setup();
    await store.create(EMAIL, false);
    expect(await store.touch(id)).toBeUndefined();
  });

  test('touch: a live session, marked as seen now', async () => {
    const { store, advance } = setup();
    const { id } = await store.create(EMAIL, false);
    advance(29 * MINUTE);
    expect(await store.touch(id)).toMatchObject({ id, email: EMAIL, createdAt: T0, lastSeenAt: T0 + 29 * MINUTE });
    advance(29 * MINUTE);
    expect(await store.touch(id)).toMatchObject({ lastSeenAt: T0 + 58 * MINUTE });
  });

  test.each<[string, boolean, number]>([
    ['standard, idle 30 minutes', false, 30 * MINUTE],
    ['persistent, idle 7 days', true, 7 * DAY],
  ])('touch: a session expired by idleness (%s) is dropped', async (_name, persistent, idle) => {
    const { store, advance } = setup();
    const { id } = await store.create(EMAIL, persistent);
    advance(idle - 1);
    expect(await store.touch(id)).toBeDefined();
    advance(idle);
    expect(await store.touch(id)).toBeUndefined();
    advance(-idle); // with the clock turned back it is still gone: dropped, not merely out of date

    expect(await store.touch(id)).toBeUndefined();
  });

  test.each<[string, boolean, number, number]>([
    ['standard, 12 hours', false, 20 * MINUTE, 12 * HOUR],
    ['persistent, 30 days', true, 6 * DAY, 30 * DAY],
  ])(
    'touch: a session kept busy still ends at its absolute lifetime (%s)',
    async (_name, persistent, step, absolute) => {
      const { store, advance } = setup();
      const { id } = await store.create(EMAIL, persistent);
      let elapsed = 0;
      while (elapsed + step < absolute) {
        advance(step);
        elapsed += step;
        expect(await store.touch(id)).toBeDefined();
      }
      advance(absolute - elapsed);
      expect(await store.touch(id)).toBeUndefined();
    },
  );

  test('remove: ends one session and leaves the others; undefined is a no-op', async () => {
    const { store } = setup();
    const first = await store.create(EMAIL, false);
    const second = await store.create(EMAIL, true);
    await store.remove(first.id);
    await store.remove(undefined);
    expect(await store.touch(first.id)).toBeUndefined();
    expect(await store.touch(second.id)).toMatchObject({ id: second.id });
  });

  test('clear: ends every session', async () => {
    const { store } = setup();
    const ids = [(await store.create(EMAIL, false)).id, (await store.create('reader@example.com', true)).id];
    await store.clear();
    for (const id of ids) expect(await store.touch(id)).toBeUndefined();
  });

  test('stores are independent', async () => {
    const { store } = setup();
    const other = setup().store;
    const { id } = await store.create(EMAIL, false);
    expect(await other.touch(id)).toBeUndefined();
  });
});

describe('a bounded store', () => {
  test('the store drops sessions idle past their policy, each kind by its own limit', async () => {
    const { store, advance } = setup();
    await store.create(EMAIL, false);
    await store.create(EMAIL, true);
    advance(31 * MINUTE);
    expect(await store.size()).toBe(1);
    advance(7 * DAY);
    expect(await store.size()).toBe(0);
  });

  test('a session in use is never dropped before its time', async () => {
    const { store, advance } = setup();
    const kept = await store.create(EMAIL, false);
    for (let i = 0; i < 5; i += 1) {
      advance(20 * MINUTE);
      await store.create(EMAIL, false);
      expect(await store.touch(kept.id)).toBeDefined();
    }
  });

  test('past the cap, logging in ends the least recently used session of that kind', async () => {
    const { store, advance } = setup(2);
    const [a, b] = [await store.create(EMAIL, false), await store.create(EMAIL, false)];
    advance(1);
    await store.touch(a.id);
    const c = await store.create(EMAIL, false);
    const persistent = await store.create(EMAIL, true);
    const live = await Promise.all(
      [a, b, c, persistent].map(async (each) => (await store.touch(each.id)) !== undefined),
    );
    expect(live).toEqual([true, false, true, true]);
    expect(await store.size()).toBe(3);
  });
});
