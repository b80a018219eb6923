import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../paywall/personas.ts';
import { LOGIN_STEPS, decideLogin, type LoginOutcome } from './login.ts';
import { MAX_FAILURES } from './login-throttle.ts';
import { memoryScope } from './store/memory-scope.testing.ts';
import { DAY, fakeClock } from './fake-clock.testing.ts';
import { DEFAULT_WORLD_LIMITS, openWorld, type World } from './world.ts';

function world(): Promise<World> {
  const { now } = fakeClock();
  return openWorld(memoryScope(now), now, DEFAULT_WORLD_LIMITS);
}

/** The email refused by the throttle, without any attempt going through the table. */
async function throttled(pending: Promise<World>, email: string): Promise<World> {
  const target = await pending;
  for (let i = 0; i < MAX_FAILURES; i += 1) await target.throttle.recordFailure(email);
  return target;
}

describe('decideLogin', () => {
  test('the table’s order: throttle, flaky, password, locked, second factor', async () => {
    expect(LOGIN_STEPS.map(([name]) => name)).toEqual(['throttle', 'flaky', 'password', 'locked', 'second-factor']);
  });

  // Each row: who tries, with which password, in which world → what is decided.
  test.each<[string, () => Promise<World>, string, string, LoginOutcome['kind']]>([
    ['a subscriber, right password', world, 'subscriber@example.com', DEMO_PASSWORD, 'signed-in'],
    ['a subscriber, wrong password', world, 'subscriber@example.com', 'wrong', 'wrong-credentials'],
    ['an unknown email, the demo password', world, 'nobody@example.com', DEMO_PASSWORD, 'wrong-credentials'],
    [
      'throttled, right password',
      () => throttled(world(), 'reader@example.com'),
      'reader@example.com',
      DEMO_PASSWORD,
      'throttled',
    ],
    [
      'throttled unknown email',
      () => throttled(world(), 'nobody@example.com'),
      'nobody@example.com',
      DEMO_PASSWORD,
      'throttled',
    ],
    [
      'throttled before flaky',
      () => throttled(world(), 'flaky@example.com'),
      'flaky@example.com',
      DEMO_PASSWORD,
      'throttled',
    ],
    ['flaky first attempt, right password', world, 'flaky@example.com', DEMO_PASSWORD, 'unavailable'],
    ['flaky first attempt before the password', world, 'flaky@example.com', 'wrong', 'unavailable'],
    ['locked, wrong password: no word of the lock', world, 'locked@example.com', 'wrong', 'wrong-credentials'],
    ['locked, right password', world, 'locked@example.com', DEMO_PASSWORD, 'locked'],
    ['two-factor, wrong password: no word of the code', world, 'mfa@example.com', 'wrong', 'wrong-credentials'],
    ['two-factor, right password: the code next', world, 'mfa@example.com', DEMO_PASSWORD, 'second-factor'],
    ['two-factor, plus address', world, 'mfa+q@example.com', DEMO_PASSWORD, 'second-factor'],
    [
      'throttled before the second factor',
      () => throttled(world(), 'mfa@example.com'),
      'mfa@example.com',
      DEMO_PASSWORD,
      'throttled',
    ],
    [
      'throttled before locked',
      () => throttled(world(), 'locked@example.com'),
      'locked@example.com',
      DEMO_PASSWORD,
      'throttled',
    ],
  ])('%s → %s', async (_name, makeWorld, email, password, kind) => {
    expect((await decideLogin(await makeWorld(), { email, password })).kind).toBe(kind);
  });

  test('a throttled attempt does not use up the flaky persona’s first failure', async () => {
    const target = await throttled(world(), 'flaky@example.com');
    expect((await decideLogin(target, { email: 'flaky@example.com', password: DEMO_PASSWORD })).kind).toBe('throttled');
    expect(await target.accounts.size()).toBe(0);
  });

  test('a wrong password counts a failure; the flaky 503 and a lock do not', async () => {
    const target = await world();
    await decideLogin(target, { email: 'flaky@example.com', password: 'wrong' });
    await decideLogin(target, { email: 'locked@example.com', password: DEMO_PASSWORD });
    expect(await target.throttle.size()).toBe(0);
    await decideLogin(target, { email: 'locked@example.com', password: 'wrong' });
    expect(await target.throttle.size()).toBe(1);
  });

  test('success clears the email’s failures', async () => {
    const target = await world();
    for (let i = 0; i < MAX_FAILURES - 1; i += 1)
      await decideLogin(target, { email: 'reader@example.com', password: 'x' });
    expect((await decideLogin(target, { email: 'reader@example.com', password: DEMO_PASSWORD })).kind).toBe(
      'signed-in',
    );
    expect(await target.throttle.size()).toBe(0);
  });

  test('a trusted device skips the second factor, for the account it was given for only', async () => {
    const target = await world();
    const { token } = await target.tokens.issue('trusted-device', 'mfa@example.com', DAY);
    const withToken = (email: string, trustedDevice: string) =>
      decideLogin(target, { email, password: DEMO_PASSWORD, trustedDevice });
    expect((await withToken('mfa@example.com', token)).kind).toBe('signed-in');
    expect((await withToken('mfa+other@example.com', token)).kind).toBe('second-factor');
    expect((await withToken('mfa@example.com', 'forged')).kind).toBe('second-factor');
  });

  test('the signed-in account is the address as normalised, plus tag kept', async () => {
    const outcome = await decideLogin(await world(), { email: ' Reader+Q@Example.com ', password: DEMO_PASSWORD });
    expect(outcome).toMatchObject({ kind: 'signed-in', account: { address: 'reader+q@example.com' } });
  });
});
