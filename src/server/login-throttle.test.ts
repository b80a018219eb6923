import { describe, expect, test } from 'vitest';
import { LOCKOUT_MS, MAX_FAILURES, WINDOW_MS, createLoginThrottle, type LoginThrottle } from './login-throttle.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-24T12:00:00Z');
const EMAIL = 'reader@example.com';

function setup(): { throttle: LoginThrottle; advance(ms: number): void } {
  let t = T0;
  return {
    throttle: createLoginThrottle(() => t),
    advance: (ms) => {
      t += ms;
    },
  };
}

function fail(throttle: LoginThrottle, email: string, times: number): void {
  for (let i = 0; i < times; i += 1) throttle.recordFailure(email);
}

describe('createLoginThrottle', () => {
  test('5 failures within 15 minutes, refused for 15 minutes', () => {
    expect(MAX_FAILURES).toBe(5);
    expect(WINDOW_MS).toBe(15 * MINUTE);
    expect(LOCKOUT_MS).toBe(15 * MINUTE);
  });

  test('an email with no history is open', () => {
    expect(setup().throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test.each([1, 2, 3, 4])('%i failure(s) leave the email open', (failures) => {
    const { throttle } = setup();
    fail(throttle, EMAIL, failures);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test('the 5th failure refuses the email until 15 minutes after it', () => {
    const { throttle, advance } = setup();
    fail(throttle, EMAIL, 4);
    advance(MINUTE);
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + MINUTE + LOCKOUT_MS });
  });

  test('the refusal holds until just before retryAt and ends at retryAt', () => {
    const { throttle, advance } = setup();
    fail(throttle, EMAIL, 5);
    advance(LOCKOUT_MS - 1);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + LOCKOUT_MS });
    advance(1);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
  });

  test('after a refusal ends the count starts afresh', () => {
    const { throttle, advance } = setup();
    fail(throttle, EMAIL, 5);
    advance(LOCKOUT_MS);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
    fail(throttle, EMAIL, 4);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'refused', retryAt: T0 + 2 * LOCKOUT_MS });
  });

  test('emails are counted separately', () => {
    const { throttle } = setup();
    fail(throttle, EMAIL, 4);
    fail(throttle, 'nobody@example.com', 4);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
    expect(throttle.check('nobody@example.com')).toEqual({ kind: 'open' });
  });

  test.each<[string, number, 'open' | 'refused']>([
    ['exactly 15 minutes old falls out of the window', WINDOW_MS, 'open'],
    ['1 ms less than 15 minutes old still counts', WINDOW_MS - 1, 'refused'],
  ])('a failure %s', (_name, age, kind) => {
    const { throttle, advance } = setup();
    fail(throttle, EMAIL, 1);
    advance(age - MINUTE);
    fail(throttle, EMAIL, 3);
    advance(MINUTE);
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL).kind).toBe(kind);
  });

  test('a success clears the failures so far', () => {
    const { throttle } = setup();
    fail(throttle, EMAIL, 4);
    throttle.recordSuccess(EMAIL);
    fail(throttle, EMAIL, 4);
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
  });

  test('a success for one email leaves another email’s failures counted', () => {
    const { throttle } = setup();
    fail(throttle, EMAIL, 4);
    throttle.recordSuccess('subscriber@example.com');
    fail(throttle, EMAIL, 1);
    expect(throttle.check(EMAIL)).toMatchObject({ kind: 'refused' });
  });

  test('reset lifts refusals and forgets failures', () => {
    const { throttle } = setup();
    fail(throttle, EMAIL, 5);
    fail(throttle, 'nobody@example.com', 4);
    throttle.reset();
    expect(throttle.check(EMAIL)).toEqual({ kind: 'open' });
    fail(throttle, 'nobody@example.com', 1);
    expect(throttle.check('nobody@example.com')).toEqual({ kind: 'open' });
  });
});

describe('a bounded throttle', () => {
  test('sweep drops failures once their window has passed, and refusals once they end', () => {
    const { throttle, advance } = setup();
    fail(throttle, 'a@example.com', 1);
    fail(throttle, EMAIL, MAX_FAILURES);
    expect(throttle.size).toBe(2);
    advance(WINDOW_MS);
    throttle.sweep();
    expect(throttle.size).toBe(0);
  });

  test('past the cap the oldest email is forgotten, and the newest kept', () => {
    let t = T0;
    const throttle = createLoginThrottle(() => t, 3);
    for (const name of ['a', 'b', 'c', 'd']) {
      t += 1;
      fail(throttle, `${name}@example.com`, MAX_FAILURES - 1);
    }
    fail(throttle, 'a@example.com', 1);
    fail(throttle, 'd@example.com', 1);
    expect(throttle.check('a@example.com')).toEqual({ kind: 'open' });
    expect(throttle.check('d@example.com')).toEqual({ kind: 'refused', retryAt: t + LOCKOUT_MS });
  });
});
