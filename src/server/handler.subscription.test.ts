// POST /api/subscription: the mock subscription.
import { describe, expect, test } from 'vitest';
import { type PersonaId } from '../paywall/personas.ts';
import {
  gated,
  REST,
  MINUTE,
  DAY,
  T0,
  setup,
  iso,
  reader,
  withActiveSubscription,
  request,
  post,
  postLogin,
  credentials,
  logIn,
  body,
  whoAmI,
} from './handler.testing.ts';

describe('POST /api/subscription (mock subscription)', () => {
  test.each<PersonaId>(['reader', 'expired'])(
    'the %s persona: 200 with an active subscription, and the rest is then readable',
    async (id) => {
      const { api } = setup();
      const cookie = await logIn(api, reader(id).email);
      const response = await api(request('/api/subscription', { method: 'POST', cookie }));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ reader: withActiveSubscription(id), expiresAt: iso(T0 + 30 * MINUTE) });
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: withActiveSubscription(id) });
      const rest = await api(request(REST, { cookie }));
      expect(rest.status).toBe(200);
      expect(await body(rest)).toMatchObject({ paragraphs: gated });
    },
  );

  test('the subscription outlives the session: a later login is already subscribed', async () => {
    const { api } = setup();
    const first = await logIn(api, 'reader@example.com');
    await api(request('/api/subscription', { method: 'POST', cookie: first }));
    await api(request('/api/session', { method: 'DELETE', cookie: first }));
    const response = await api(postLogin(credentials('reader@example.com')));
    expect(await body(response)).toMatchObject({ reader: withActiveSubscription('reader') });
  });

  test('subscribing one persona leaves the others as they were', async () => {
    const { api } = setup();
    const readerCookie = await logIn(api, 'reader@example.com');
    const expiredCookie = await logIn(api, 'expired@example.com');
    await api(request('/api/subscription', { method: 'POST', cookie: readerCookie }));
    expect(await whoAmI(api, expiredCookie)).toMatchObject({ reader: reader('expired') });
    expect((await api(request(REST, { cookie: expiredCookie }))).status).toBe(403);
  });

  test.each<[string, string | undefined]>([
    ['no session cookie', undefined],
    ['an unknown session cookie', 'not-a-session'],
  ])('with %s: 401 and nothing subscribed', async (_name, cookie) => {
    const { api } = setup();
    const response = await api(
      request('/api/subscription', { method: 'POST', ...(cookie === undefined ? {} : { cookie }) }),
    );
    expect(response.status).toBe(401);
    expect(await body(response)).toEqual({ error: 'Log in to subscribe.' });
  });

  test('with an idle-expired session: 401', async () => {
    const { api, advance } = setup();
    const cookie = await logIn(api, 'reader@example.com');
    advance(31 * MINUTE);
    expect((await api(request('/api/subscription', { method: 'POST', cookie }))).status).toBe(401);
    expect(await body(await api(postLogin(credentials('reader@example.com'))))).toMatchObject({
      reader: reader('reader'),
    });
  });

  test.each<[PersonaId, string]>([
    ['reader', 'subscribe'],
    ['expired', 'renew'],
  ])('after POST /api/test/reset the %s persona is back to 403 with reason %s', async (id, reason) => {
    const { api } = setup();
    const before = await logIn(api, reader(id).email);
    await api(request('/api/subscription', { method: 'POST', cookie: before }));
    expect((await api(request(REST, { cookie: before }))).status).toBe(200);

    expect((await api(request('/api/test/reset', { method: 'POST' }))).status).toBe(200);
    const after = await logIn(api, reader(id).email);
    expect(await whoAmI(api, after)).toMatchObject({ reader: reader(id) });
    const rest = await api(request(REST, { cookie: after }));
    expect(rest.status).toBe(403);
    expect(await body(rest)).toMatchObject({ reason });
  });

  test('a reset that keeps sessions still ends the subscription for the same session', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'reader@example.com');
    await api(request('/api/subscription', { method: 'POST', cookie }));
    await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('reader') });
    expect(await body(await api(request(REST, { cookie })))).toMatchObject({ reason: 'subscribe' });
  });
});

describe('POST /api/subscription/cancel and /resume', () => {
  const cancel = (cookie: string) => request('/api/subscription/cancel', { method: 'POST', cookie });
  const resume = (cookie: string) => request('/api/subscription/resume', { method: 'POST', cookie });
  const endsOn = (time: number) => new Date(time).toISOString().slice(0, 10);

  test('a subscriber cancels: active to the end of the 30-day period, then ended; resuming keeps it', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber+c@example.com', true);
    const cancelled = await api(cancel(cookie));
    expect(cancelled.status).toBe(200);
    const end = endsOn(T0 + 30 * DAY);
    expect(await body(cancelled)).toMatchObject({
      reader: { subscription: { status: 'active', standing: { kind: 'cancelled', endsOn: end } } },
    });
    expect((await api(cancel(cookie))).status).toBe(409);

    expect(await body(await api(resume(cookie)))).toMatchObject({ reader: { subscription: { status: 'active' } } });
    expect((await api(resume(cookie))).status).toBe(409);

    await api(cancel(cookie));
    // The world's clock, as a tester moves it (the store's expiry follows real time, not it).
    expect((await api(post('/api/test/clock', JSON.stringify({ advanceBy: 30 * DAY })))).status).toBe(200);
    // A session lasts 30 days at most: a new login finds the subscription ended.
    const later = await logIn(api, 'subscriber+c@example.com');
    expect(await whoAmI(api, later)).toMatchObject({ reader: { subscription: { status: 'expired', endedOn: end } } });
    expect((await api(request(REST, { cookie: later }))).status).toBe(403);
  });

  test('nothing to cancel for a reader without a subscription, nor for a gift; 401 when logged out', async () => {
    const { api } = setup();
    const readerCookie = await logIn(api, 'reader@example.com');
    expect(await body(await api(cancel(readerCookie)))).toEqual({
      error: 'There is no subscription to cancel.',
      reason: 'nothing-to-cancel',
    });
    const gifted = await logIn(api, 'gifted@example.com');
    expect((await api(cancel(gifted))).status).toBe(409);
    expect((await api(request('/api/subscription/cancel', { method: 'POST' }))).status).toBe(401);
  });

  test('the cancelled persona resumes: a paid subscription that no longer ends', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'cancelled@example.com', true);
    expect(await whoAmI(api, cookie)).toMatchObject({
      reader: { subscription: { standing: { kind: 'cancelled', endsOn: endsOn(T0 + 5 * DAY) } } },
    });
    expect(await body(await api(resume(cookie)))).toMatchObject({ reader: { subscription: { status: 'active' } } });
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: 6 * DAY })));
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: { subscription: { status: 'active' } } });
  });
});
