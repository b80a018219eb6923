import { describe, expect, test } from 'vitest';
import { memoryScope } from './store/memory-scope.testing.ts';
import { createTokens, hashToken } from './tokens.ts';

const HOUR = 60 * 60_000;

function setup() {
  let time = Date.UTC(2026, 10, 30, 12);
  const scope = memoryScope();
  return { tokens: createTokens(scope, () => time, 10), scope, advance: (ms: number) => (time += ms) };
}

describe('createTokens', () => {
  test('a token opens its own purpose only, until it expires by the world clock', async () => {
    const { tokens, advance } = setup();
    const { token, record } = await tokens.issue('password-reset', 'reader@example.com', HOUR);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await tokens.find('password-reset', token)).toEqual({ kind: 'live', record });
    expect(await tokens.find('sign-in-link', token)).toEqual({ kind: 'missing' });
    advance(HOUR);
    expect(await tokens.find('password-reset', token)).toEqual({ kind: 'expired', record });
  });

  test('only a hash is stored: the token itself is nowhere in the store', async () => {
    const { tokens, scope } = setup();
    const { token } = await tokens.issue('sign-in-link', 'reader@example.com', HOUR);
    const held = scope.collection({ name: 'tokens', ttlMs: HOUR, cap: 10, whenFull: 'evict-oldest' });
    expect(await held.get(token)).toBeUndefined();
    expect(await held.get(hashToken('sign-in-link', token))).toContain('reader@example.com');
  });

  test('a caller may choose the key (an address, for a code kept with its attempts); update rewrites data', async () => {
    const { tokens } = setup();
    const { record } = await tokens.issue('sign-in-code', 'a@example.com', HOUR, { attempts: 0 }, 'a@example.com');
    expect(await tokens.update('sign-in-code', 'a@example.com', { ...record, data: { attempts: 1 } })).toBe(true);
    expect(await tokens.find('sign-in-code', 'a@example.com')).toMatchObject({ record: { data: { attempts: 1 } } });
    await tokens.revoke('sign-in-code', 'a@example.com');
    expect(await tokens.find('sign-in-code', 'a@example.com')).toEqual({ kind: 'missing' });
    expect(await tokens.update('sign-in-code', 'a@example.com', record)).toBe(false);
  });

  test('a claim succeeds once, even for claims made at the same instant; a new code under the same key starts unclaimed', async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue('unlock', 'reader@example.com', HOUR);
    const claims = await Promise.all([tokens.claim('unlock', token), tokens.claim('unlock', token)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await tokens.claim('unlock', token)).toBe(false);
    await tokens.issue('sign-in-code', 'a@example.com', HOUR, {}, 'a@example.com');
    expect(await tokens.claim('sign-in-code', 'a@example.com')).toBe(true);
    await tokens.issue('sign-in-code', 'a@example.com', HOUR, {}, 'a@example.com');
    expect(await tokens.claim('sign-in-code', 'a@example.com')).toBe(true);
  });

  test('tries are counted one by one, parallel ones too, up to a ceiling; a new code under the same key starts at none', async () => {
    const { tokens } = setup();
    await tokens.issue('sign-in-code', 'a@example.com', HOUR, {}, 'a@example.com');
    const counts = await Promise.all([1, 2, 3].map(() => tokens.countTry('sign-in-code', 'a@example.com', 5)));
    expect(counts.sort()).toEqual([1, 2, 3]);
    for (let i = 0; i < 4; i += 1) await tokens.countTry('sign-in-code', 'a@example.com', 5);
    expect(await tokens.countTry('sign-in-code', 'a@example.com', 5)).toBe(5);
    await tokens.issue('sign-in-code', 'a@example.com', HOUR, {}, 'a@example.com');
    expect(await tokens.countTry('sign-in-code', 'a@example.com', 5)).toBe(1);
  });

  test.each(['', ' ', 'a\nb', 'x'.repeat(321), 'é'])(
    'a token of another shape (%j) is never looked up',
    async (token) => {
      const { tokens } = setup();
      expect(await tokens.find('unlock', token)).toEqual({ kind: 'missing' });
    },
  );

  test('bounded: past the cap the oldest token is forgotten; clear forgets all', async () => {
    const { tokens } = setup();
    const issued = [];
    for (let i = 0; i < 11; i += 1) issued.push((await tokens.issue('unlock', `r${i}@example.com`, HOUR)).token);
    expect(await tokens.size()).toBe(10);
    expect(await tokens.find('unlock', issued[0] ?? '')).toEqual({ kind: 'missing' });
    await tokens.clear();
    expect(await tokens.size()).toBe(0);
  });
});
