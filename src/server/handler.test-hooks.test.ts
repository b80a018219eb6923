// The test hooks: POST /api/test/reset, and GET/POST /api/test/clock.
import { describe, expect, test } from 'vitest';
import { createApiHandler } from './handler.ts';
import {
  DAY,
  HOUR,
  MINUTE,
  SECOND,
  T0,
  iso,
  findArticle,
  setup,
  reader,
  request,
  post,
  postLogin,
  credentials,
  logIn,
  failLogins,
  body,
  whoAmI,
} from './handler.testing.ts';

describe('POST /api/test/reset', () => {
  test('without testHooks the endpoint does not exist: 404', async () => {
    const api = createApiHandler({ findArticle });
    const response = await api(request('/api/test/reset', { method: 'POST' }));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'No such endpoint: POST /api/test/reset' });
  });

  test('no body: clears sessions, throttles and subscriptions', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/test/reset', { method: 'POST' }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({
      cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
    });
    expect(await whoAmI(api, cookie)).toEqual({ reader: null });
  });

  test('{ "keepSessions": true }: keeps sessions, clears throttles and subscriptions', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    await failLogins(api, 'reader@example.com', 5);
    const response = await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({
      cleared: ['throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens'],
    });
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test.each(['{}', '{"keepSessions": false}', '{"other": 1}'])(
    'a JSON body without keepSessions: true (%s) clears sessions too',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'subscriber@example.com');
      const response = await api(post('/api/test/reset', text));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({
        cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
      });
      expect(await whoAmI(api, cookie)).toEqual({ reader: null });
    },
  );

  test.each(['{"keepSessions": "true"}', '{"keepSessions": 1}', 'null', '[]', 'true', '"keepSessions"'])(
    'a JSON body of the wrong shape (%s): 400 and nothing cleared',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'subscriber@example.com');
      const response = await api(post('/api/test/reset', text));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: 'Expected no body, or a JSON object { "keepSessions"?: boolean }.',
      });
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
    },
  );

  test('malformed JSON with Content-Type application/json: 400 and nothing cleared', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    const response = await api(post('/api/test/reset', '{"keepSessions":'));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON: /) });
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
  });

  test('GET: 405 with Allow: POST', async () => {
    const response = await setup().api(request('/api/test/reset'));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });
});

describe('GET and POST /api/test/clock', () => {
  const move = (value: unknown): Request => post('/api/test/clock', JSON.stringify(value));

  test('GET: the world’s now, which runs with the real clock', async () => {
    const { api, advance } = setup();
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0) });
    advance(5 * SECOND);
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0 + 5 * SECOND) });
  });

  test('{ advanceBy }: moves the clock forward by that many ms, and it keeps running from there', async () => {
    const { api, advance } = setup();
    const response = await api(move({ advanceBy: 90 * MINUTE }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ now: iso(T0 + 90 * MINUTE) });
    advance(SECOND);
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0 + 90 * MINUTE + SECOND) });
  });

  test.each(['2026-12-25T08:00:00.000Z', '2026-12-25T10:00:00+02:00', '2027-01-01T00:00:00Z'])(
    '{ now: %s }: moves the clock to that moment',
    async (time) => {
      const response = await setup().api(move({ now: time }));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ now: iso(Date.parse(time)) });
    },
  );

  test('{ advanceBy: 0 } and { now } equal to now are allowed (no move)', async () => {
    const { api } = setup();
    expect((await api(move({ advanceBy: 0 }))).status).toBe(200);
    expect((await api(move({ now: iso(T0) }))).status).toBe(200);
  });

  test.each([{ advanceBy: -1 }, { now: iso(T0 - 1) }, { now: '2020-01-01T00:00:00Z' }])(
    'backwards (%j): 400, and the clock stays',
    async (value) => {
      const { api } = setup();
      const response = await api(move(value));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: `The server clock only moves forward; it is ${iso(T0)}.`,
        now: iso(T0),
      });
    },
  );

  test('past the year 9999: 400, and the clock stays', async () => {
    const { api } = setup();
    const response = await api(move({ advanceBy: Number.MAX_SAFE_INTEGER }));
    expect(response.status).toBe(400);
    expect(await body(response)).toMatchObject({ error: 'The server clock cannot go past 9999-12-31T23:59:59.999Z.' });
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0) });
  });

  test.each([
    '{}',
    '{"advanceBy": "60000"}',
    '{"advanceBy": 1.5}',
    '{"advanceBy": 1, "now": "2027-01-01T00:00:00Z"}',
    '{"now": "tomorrow"}',
    '{"now": "2027-01-01"}',
    '{"now": 1798761600000}',
    '[]',
    'null',
  ])('a body of the wrong shape (%s): 400 that says what to send', async (text) => {
    const response = await setup().api(post('/api/test/clock', text));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({
      error: 'Expected a JSON object { "advanceBy": <milliseconds> } or { "now": "<ISO 8601 date-time>" }.',
    });
  });

  test('no body: 400', async () => {
    expect((await setup().api(request('/api/test/clock', { method: 'POST' }))).status).toBe(400);
  });

  test('PUT: 405 with Allow: GET, POST', async () => {
    const response = await setup().api(request('/api/test/clock', { method: 'PUT' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, POST');
  });

  test('without testHooks the clock does not exist in the default world: 404', async () => {
    const { api } = setup({ testHooks: false });
    expect((await api(request('/api/test/clock'))).status).toBe(404);
    expect((await api(move({ advanceBy: 1 }))).status).toBe(404);
  });

  test('a cross-origin move is refused', async () => {
    const { api } = setup();
    const response = await api(
      request('/api/test/clock', {
        method: 'POST',
        body: '{"advanceBy": 1000}',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
  });

  test('every answer’s Date header is the world’s time, so clients read expiresAt against the same clock', async () => {
    const { api } = setup();
    await api(move({ advanceBy: 2 * HOUR }));
    const response = await api(postLogin(credentials('subscriber@example.com')));
    expect(response.headers.get('Date')).toBe(new Date(T0 + 2 * HOUR).toUTCString());
    expect(await body(response)).toMatchObject({ expiresAt: iso(T0 + 2 * HOUR + 30 * MINUTE) });
  });

  test('the throttle follows the clock: refused, then open once the clock passes 15 minutes', async () => {
    const { api } = setup();
    await failLogins(api, 'reader@example.com', 5);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(429);
    await api(move({ advanceBy: 15 * MINUTE - 1 }));
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(429);
    await api(move({ advanceBy: 1 }));
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test.each<[string, boolean, number, boolean]>([
    ['a standard session, 29 idle minutes', false, 29 * MINUTE, true],
    ['a standard session, 30 idle minutes', false, 30 * MINUTE, false],
    ['a persistent session, 31 idle minutes', true, 31 * MINUTE, true],
    ['a persistent session, 7 idle days', true, 7 * DAY, false],
  ])('session lifetimes follow the clock: %s → live: %s', async (_name, remember, idle, live) => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com', remember);
    await api(move({ advanceBy: idle }));
    expect(await whoAmI(api, cookie)).toEqual(
      live ? expect.objectContaining({ reader: expect.anything() }) : { reader: null },
    );
  });

  test('a standard session used every 20 minutes by the moved clock ends at 12 hours', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    for (let elapsed = 20 * MINUTE; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      await api(move({ advanceBy: 20 * MINUTE }));
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
    }
    await api(move({ advanceBy: 20 * MINUTE }));
    expect(await whoAmI(api, cookie)).toEqual({ reader: null });
  });

  test('reset puts the clock back to the real time', async () => {
    const { api } = setup();
    await api(move({ advanceBy: DAY }));
    expect(await body(await api(request('/api/test/reset', { method: 'POST' })))).toMatchObject({
      cleared: expect.arrayContaining(['clock']),
    });
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0) });
  });
});

describe('reset and the clock', () => {
  test('keepSessions keeps the clock too: a kept session still ends at its limits', async () => {
    const { api } = setup();
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: DAY })));
    const cookie = await logIn(api, 'subscriber@example.com');
    const reset = await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(await body(reset)).toEqual({
      cleared: ['throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens'],
    });
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0 + DAY) });
    for (let elapsed = 20 * MINUTE; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      await api(post('/api/test/clock', JSON.stringify({ advanceBy: 20 * MINUTE })));
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
    }
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: 20 * MINUTE })));
    expect(await whoAmI(api, cookie)).toEqual({ reader: null });
  });
});
