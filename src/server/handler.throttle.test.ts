// The login throttle, through POST /api/session.
import { describe, expect, test } from 'vitest';
import { WRONG_CREDENTIALS } from './handler.ts';
import {
  SECOND,
  MINUTE,
  T0,
  setup,
  iso,
  request,
  postLogin,
  credentials,
  logIn,
  failLogins,
  body,
  TOO_MANY,
} from './handler.testing.ts';

describe('login throttle', () => {
  test.each(['reader@example.com', 'nobody@example.com'])(
    '5 failures for %s → the 6th attempt, even with the right password, is 429 with Retry-After: 900',
    async (email) => {
      const { api } = setup();
      await failLogins(api, email, 5);
      const response = await api(postLogin(credentials(email)));
      expect(response.status).toBe(429);
      expect(response.headers.get('Retry-After')).toBe('900');
      expect(response.headers.get('Set-Cookie')).toBeNull();
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(await body(response)).toEqual({ error: TOO_MANY, retryAt: iso(T0 + 15 * MINUTE) });
    },
  );

  test('a known and an unknown email are throttled identically: same status, headers and body', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 5);
    await failLogins(api, 'nobody@example.com', 5);
    const known = await api(postLogin(credentials('reader@example.com', 'wrong')));
    const unknown = await api(postLogin(credentials('nobody@example.com', 'wrong')));
    expect(known.status).toBe(unknown.status);
    expect(known.headers.get('Retry-After')).toBe(unknown.headers.get('Retry-After'));
    expect(await known.text()).toBe(await unknown.text());
  });

  test('the 5th failure itself is still the generic 401', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 4);
    const fifth = await api(postLogin(credentials('reader@example.com', 'wrong')));
    expect(fifth.status).toBe(401);
    expect(await body(fifth)).toEqual({ error: WRONG_CREDENTIALS });
  });

  test('other emails are unaffected', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 5);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(429);
    expect((await api(postLogin(credentials('subscriber@example.com')))).status).toBe(200);
    expect((await api(postLogin(credentials('expired@example.com', 'wrong')))).status).toBe(401);
  });

  test('the email is throttled however it is spelt (case, whitespace)', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 2);
    await failLogins(api, 'READER@example.com', 2);
    await failLogins(api, '  reader@EXAMPLE.com ', 1);
    expect((await api(postLogin(credentials(' Reader@Example.Com')))).status).toBe(429);
  });

  test('a session carried by the request does not lift the throttle', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    await failLogins(api, 'reader@example.com', 5);
    expect((await api(postLogin(credentials('reader@example.com'), { cookie: id }))).status).toBe(429);
  });

  test('the refusal counts down, then after 15 minutes login works again', async () => {
    const { api, advance } = setup();
    await failLogins(api, 'reader@example.com', 5);

    advance(10 * MINUTE);
    const later = await api(postLogin(credentials('reader@example.com')));
    expect(later.status).toBe(429);
    expect(later.headers.get('Retry-After')).toBe('300');
    expect(await body(later)).toEqual({
      error: 'Too many failed attempts. Try again in 5 minutes.',
      retryAt: iso(T0 + 15 * MINUTE),
    });

    advance(5 * MINUTE - SECOND);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(429);
    advance(SECOND);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('attempts while refused do not extend the refusal', async () => {
    const { api, advance } = setup();
    await failLogins(api, 'reader@example.com', 5);
    for (let i = 0; i < 5; i += 1) {
      advance(2 * MINUTE);
      expect((await api(postLogin(credentials('reader@example.com', 'wrong')))).status).toBe(429);
    }
    advance(5 * MINUTE);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('after a refusal ends, it takes 5 fresh failures to be refused again', async () => {
    const { api, advance } = setup();
    await failLogins(api, 'nobody@example.com', 5);
    advance(15 * MINUTE);
    await failLogins(api, 'nobody@example.com', 4);
    expect((await api(postLogin(credentials('nobody@example.com', 'wrong')))).status).toBe(401);
    expect((await api(postLogin(credentials('nobody@example.com', 'wrong')))).status).toBe(429);
  });

  test('a success before the 5th failure resets the count (4 failures, success, 4 failures → still open)', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 4);
    await logIn(api, 'reader@example.com');
    await failLogins(api, 'reader@example.com', 4);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('failures older than 15 minutes fall out of the window', async () => {
    const { api, advance } = setup();
    await failLogins(api, 'reader@example.com', 4);
    advance(15 * MINUTE);
    await failLogins(api, 'reader@example.com', 1);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('5 failures spread over just under 15 minutes still count', async () => {
    const { api, advance } = setup();
    await failLogins(api, 'reader@example.com', 1);
    for (let i = 0; i < 4; i += 1) {
      advance(3 * MINUTE + 44 * SECOND);
      await failLogins(api, 'reader@example.com', 1);
    }
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(429);
  });

  test('a flaky 503 is not a failure', async () => {
    const { api } = setup();
    expect((await api(postLogin(credentials('flaky@example.com', 'wrong')))).status).toBe(503);
    await failLogins(api, 'flaky@example.com', 4);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(200);
  });

  test('400 and 415 answers are not failures', async () => {
    const { api } = setup();
    for (let i = 0; i < 5; i += 1) {
      const unsupported = await api(
        postLogin(credentials('reader@example.com', 'wrong'), { contentType: 'text/plain' }),
      );
      expect(unsupported.status).toBe(415);
      const invalid = await api(postLogin(JSON.stringify({ email: 'reader@example.com', password: 1 })));
      expect(invalid.status).toBe(400);
    }
    await failLogins(api, 'reader@example.com', 4);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('a wrong password for the locked persona counts as a failure', async () => {
    const { api } = setup();
    await failLogins(api, 'locked@example.com', 5);
    expect((await api(postLogin(credentials('locked@example.com')))).status).toBe(429);
  });

  test('POST /api/test/reset lifts a refusal', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 5);
    expect((await api(request('/api/test/reset', { method: 'POST' }))).status).toBe(200);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });
});
