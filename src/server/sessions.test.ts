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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-24T12:00:00Z');
const EMAIL = 'subscriber@example.com';

function setup(): { store: SessionStore; advance(ms: number): void } {
  let t = T0;
  return {
    store: createSessionStore(() => t),
    advance: (ms) => {
      t += ms;
    },
  };
}

function session(persistent: boolean, createdAt: number, lastSeenAt: number): Session {
  return { id: 'id', email: EMAIL, persistent, createdAt, lastSeenAt };
}

describe('session policies', () => {
  test('standard: 30 idle minutes, 12 hours in all; persistent: 7 idle days, 30 days in all', () => {
    expect(STANDARD_SESSION).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
    expect(PERSISTENT_SESSION).toEqual({ idleMs: 7 * DAY, absoluteMs: 30 * DAY });
  });

  test.each([
    [false, STANDARD_SESSION],
    [true, PERSISTENT_SESSION],
  ])('persistent: %s → its policy', (persistent, policy) => {
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
  ])('%s', (_name, value, expected) => {
    expect(expiresAt(value)).toBe(expected);
  });
});

describe('createSessionStore', () => {
  test('create: a random 256-bit base64url id, created and seen now', () => {
    const { store } = setup();
    const created = store.create(EMAIL, false);
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      email: EMAIL,
      persistent: false,
      createdAt: T0,
      lastSeenAt: T0,
    });
    expect(store.create(EMAIL, true)).toMatchObject({ persistent: true });
  });

  test('create: every session gets a different id', () => {
    const { store } = setup();
    const ids = new Set(Array.from({ length: 50 }, () => store.create(EMAIL, false).id));
    expect(ids.size).toBe(50);
  });

  test.each<[string, string | undefined]>([
    ['no id', undefined],
    ['an unknown id', 'not-a-session'],
    ['an empty id', ''],
  ])('touch with %s: undefined', (_name, id) => {
    const { store } = setup();
    store.create(EMAIL, false);
    expect(store.touch(id)).toBeUndefined();
  });

  test('touch: a live session, marked as seen now', () => {
    const { store, advance } = setup();
    const { id } = store.create(EMAIL, false);
    advance(29 * MINUTE);
    expect(store.touch(id)).toMatchObject({ id, email: EMAIL, createdAt: T0, lastSeenAt: T0 + 29 * MINUTE });
    advance(29 * MINUTE);
    expect(store.touch(id)).toMatchObject({ lastSeenAt: T0 + 58 * MINUTE });
  });

  test.each<[string, boolean, number]>([
    ['standard, idle 30 minutes', false, 30 * MINUTE],
    ['persistent, idle 7 days', true, 7 * DAY],
  ])('touch: a session expired by idleness (%s) is dropped', (_name, persistent, idle) => {
    const { store, advance } = setup();
    const { id } = store.create(EMAIL, persistent);
    advance(idle - 1);
    expect(store.touch(id)).toBeDefined();
    advance(idle);
    expect(store.touch(id)).toBeUndefined();
    advance(-idle); // with the clock turned back it is still gone: dropped, not merely out of date

    expect(store.touch(id)).toBeUndefined();
  });

  test.each<[string, boolean, number, number]>([
    ['standard, 12 hours', false, 20 * MINUTE, 12 * HOUR],
    ['persistent, 30 days', true, 6 * DAY, 30 * DAY],
  ])('touch: a session kept busy still ends at its absolute lifetime (%s)', (_name, persistent, step, absolute) => {
    const { store, advance } = setup();
    const { id } = store.create(EMAIL, persistent);
    let elapsed = 0;
    while (elapsed + step < absolute) {
      advance(step);
      elapsed += step;
      expect(store.touch(id)).toBeDefined();
    }
    advance(absolute - elapsed);
    expect(store.touch(id)).toBeUndefined();
  });

  test('remove: ends one session and leaves the others; undefined is a no-op', () => {
    const { store } = setup();
    const first = store.create(EMAIL, false);
    const second = store.create(EMAIL, true);
    store.remove(first.id);
    store.remove(undefined);
    expect(store.touch(first.id)).toBeUndefined();
    expect(store.touch(second.id)).toMatchObject({ id: second.id });
  });

  test('clear: ends every session', () => {
    const { store } = setup();
    const ids = [store.create(EMAIL, false).id, store.create('reader@example.com', true).id];
    store.clear();
    for (const id of ids) expect(store.touch(id)).toBeUndefined();
  });

  test('stores are independent', () => {
    const { store } = setup();
    const other = setup().store;
    const { id } = store.create(EMAIL, false);
    expect(other.touch(id)).toBeUndefined();
  });
});

describe('a bounded store', () => {
  test('sweep drops sessions idle past their policy, each kind by its own limit', () => {
    const { store, advance } = setup();
    store.create(EMAIL, false);
    store.create(EMAIL, true);
    advance(31 * MINUTE);
    store.sweep();
    expect(store.size).toBe(1);
    advance(7 * DAY);
    store.sweep();
    expect(store.size).toBe(0);
  });

  test('a session in use is never swept before its time', () => {
    const { store, advance } = setup();
    const kept = store.create(EMAIL, false);
    for (let i = 0; i < 5; i += 1) {
      advance(20 * MINUTE);
      store.create(EMAIL, false);
      expect(store.touch(kept.id)).toBeDefined();
    }
  });

  test('past the cap, logging in ends the least recently used session of that kind', () => {
    let t = T0;
    const store = createSessionStore(() => t, 2);
    const [a, b] = [store.create(EMAIL, false), store.create(EMAIL, false)];
    t += 1;
    store.touch(a.id);
    const c = store.create(EMAIL, false);
    const persistent = store.create(EMAIL, true);
    expect([a, b, c, persistent].map((each) => store.touch(each.id) !== undefined)).toEqual([true, false, true, true]);
    expect(store.size).toBe(3);
  });
});
