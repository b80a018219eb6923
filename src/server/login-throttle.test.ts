import { describe, expect, test } from 'vitest';
import { memoryScope } from './store/memory-scope.testing.ts';
import { MINUTE, T0, fakeClock } from './fake-clock.testing.ts';
import { LOCKOUT_MS, MAX_FAILURES, WINDOW_MS, createLoginThrottle, type LoginThrottle } from './login-throttle.ts';

const EMAIL = 'reader@example.com';

function setup(cap?: number): { throttle: LoginThrottle; advance(ms: number): void } {
  const { now, advance } = fakeClock();
  return { throttle: createLoginThrottle(memoryScope(now), now, cap), advance };
}

async function fail(throttle: LoginThrottle, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await throttle.recordFailure(email);
}

describe('createLoginThrottle', () => {
  test('5 failures within 15 minutes, refused for 15 minutes', async () => {
    expect(MAX_FAILURES).toBe(5);
    expect(WINDOW_MS).toBe(15 * MINUTE);
    expect(LOCKOUT_MS).toBe(15 * MINUTE);
  });

  test('an email with no history is open', async () => {
    expect(await setup().throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test.each([1, 2, 3, 4])('%i failure(s) leave the email open', async (failures) => {
    const { throttle } = setup();
    await fail(throttle, EMAIL, failures);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test('the 5th failure refuses the email until 15 minutes after it', async () => {
    const { throttle, advance } = setup();
    await fail(throttle, EMAIL, 4);
    advance(MINUTE);
    await fail(throttle, EMAIL, 1);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + MINUTE + LOCKOUT_MS });
  });

  test('the refusal holds until just before retryAt and ends at retryAt', async () => {
    const { throttle, advance } = setup();
    await fail(throttle, EMAIL, 5);
    advance(LOCKOUT_MS - 1);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + LOCKOUT_MS });
    advance(1);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test('after a refusal ends the count starts afresh', async () => {
    const { throttle, advance } = setup();
    await fail(throttle, EMAIL, 5);
    advance(LOCKOUT_MS);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
    await fail(throttle, EMAIL, 4);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
    await fail(throttle, EMAIL, 1);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + 2 * LOCKOUT_MS });
  });

  test('emails are counted separately', async () => {
    const { throttle } = setup();
    await fail(throttle, EMAIL, 4);
    await fail(throttle, 'nobody@example.com', 4);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
    await fail(throttle, EMAIL, 1);
    expect(await throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
    expect(await throttle.check('nobody@example.com')).toEqual({ kind: 'open' });
  });

  test.each<[string, number, 'open' | 'refused']>([
    ['exactly 15 minutes old falls out of the window', WINDOW_MS, 'open'],
    ['1 ms less than 15 minutes old still counts', WINDOW_MS - 1, 'refused'],
  ])('a failure %s', async (_name, age, kind) => {
    const { throttle, advance } = setup();
    await fail(throttle, EMAIL, 1);
    advance(age - MINUTE);
    await fail(throttle, EMAIL, 3);
    advance(MINUTE);
    await fail(throttle, EMAIL, 1);
    expect((await throttle.check(EMAIL)).kind).toBe(kind);
  });

  test('a success clears the failures so far', async () => {
    const { throttle } = setup();
    await fail(throttle, EMAIL, 4);
    await throttle.recordSuccess(EMAIL);
    await fail(throttle, EMAIL, 4);
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
    await fail(throttle, EMAIL, 1);
    expect(await throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
  });

  test('a success for one email leaves another email’s failures counted', async () => {
    const { throttle } = setup();
    await fail(throttle, EMAIL, 4);
    await throttle.recordSuccess('subscriber@example.com');
    await fail(throttle, EMAIL, 1);
    expect(await throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
  });

  test('reset lifts refusals and forgets failures', async () => {
    const { throttle } = setup();
    await fail(throttle, EMAIL, 5);
    await fail(throttle, 'nobody@example.com', 4);
    await throttle.reset();
    expect(await throttle.check(EMAIL)).toEqual({ kind: 'open' });
    await fail(throttle, 'nobody@example.com', 1);
    expect(await throttle.check('nobody@example.com')).toEqual({ kind: 'open' });
  });
});

describe('a bounded throttle', () => {
  test('the store drops failures once their window has passed, and refusals once they end', async () => {
    const { throttle, advance } = setup();
    await fail(throttle, 'a@example.com', 1);
    await fail(throttle, EMAIL, MAX_FAILURES);
    expect(await throttle.size()).toBe(2);
    advance(WINDOW_MS);
    expect(await throttle.size()).toBe(0);
  });

  test('past the cap the oldest email is forgotten, and the newest kept', async () => {
    const { throttle, advance } = setup(3);
    for (const name of ['a', 'b', 'c', 'd']) {
      advance(1);
      await fail(throttle, `${name}@example.com`, MAX_FAILURES - 1);
    }
    await fail(throttle, 'a@example.com', 1);
    await fail(throttle, 'd@example.com', 1);
    expect(await throttle.check('a@example.com')).toEqual({ kind: 'open' });
    expect(await throttle.check('d@example.com')).toEqual({ kind: 'refused', retryAt: T0 + 4 + LOCKOUT_MS });
  });
});
