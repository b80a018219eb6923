// GET, POST and DELETE /api/session: who is logged in, logging in and out, and the personas with a fault.
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, SLOW_RESPONSE_MS, type PersonaId } from '../paywall/personas.ts';
import {
  ACCOUNT_LOCKED,
  SERVICE_UNAVAILABLE,
  SESSION_COOKIE,
  WRONG_CREDENTIALS,
  createApiHandler,
  type ApiHandler,
} from './handler.ts';
import {
  REST,
  MINUTE,
  DAY,
  T0,
  findArticle,
  setup,
  iso,
  reader,
  request,
  post,
  postLogin,
  credentials,
  sessionIdFrom,
  logIn,
  failLogins,
  body,
  whoAmI,
  expectNoGatedText,
  waitFor,
} from './handler.testing.ts';

describe('GET /api/session', () => {
  test('anonymous: 200 with no reader', async () => {
    const response = await setup().api(request('/api/session'));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
  });

  test('an unknown session cookie reads as anonymous', async () => {
    const response = await setup().api(request('/api/session', { cookie: 'not-a-session' }));
    expect(await body(response)).toEqual({ reader: null });
  });

  test('with a session cookie: the reader and when the session expires', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/session', { cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 30 * MINUTE) });
  });
});

describe('POST /api/session (log in)', () => {
  test('success: 200 with the reader, expiresAt and an HttpOnly, SameSite=Lax, Path=/ session cookie', async () => {
    const response = await setup().api(postLogin(credentials('subscriber@example.com')));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 30 * MINUTE) });
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{20,};`));
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Secure(;|$)/i);
  });

  test.each<[string, boolean | undefined]>([
    ['remember omitted', undefined],
    ['remember: false', false],
  ])('%s: a browser-session cookie (no Max-Age, no Expires) and a 30-minute expiresAt', async (_name, remember) => {
    const response = await setup().api(postLogin(credentials('subscriber@example.com', DEMO_PASSWORD, remember)));
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).not.toMatch(/Max-Age|Expires/i);
    expect(await body(response)).toMatchObject({ expiresAt: iso(T0 + 30 * MINUTE) });
  });

  test('remember: true → a 30-day cookie (Max-Age=2592000) and expiresAt 7 idle days away', async () => {
    const response = await setup().api(postLogin(credentials('subscriber@example.com', DEMO_PASSWORD, true)));
    expect(response.status).toBe(200);
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/;\s*Max-Age=2592000(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(await body(response)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 7 * DAY) });
  });

  test('over https the cookie is also Secure', async () => {
    const response = await setup().api(
      new Request('https://localhost/api/session', {
        method: 'POST',
        body: credentials('subscriber@example.com'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(/;\s*Secure(;|$)/i);
  });

  test.each<PersonaId>(['subscriber', 'reader', 'expired', 'slow'])(
    'the %s persona logs in with the demo password and is then identified by its cookie',
    async (id) => {
      const { api } = setup();
      const response = await api(postLogin(credentials(reader(id).email)));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ reader: reader(id), expiresAt: iso(T0 + 30 * MINUTE) });
      expect(await whoAmI(api, sessionIdFrom(response))).toEqual({
        reader: reader(id),
        expiresAt: iso(T0 + 30 * MINUTE),
      });
    },
  );

  test('each login gets a fresh session id', async () => {
    const { api } = setup();
    const first = await logIn(api, 'subscriber@example.com');
    const second = await logIn(api, 'subscriber@example.com');
    expect(second).not.toBe(first);
  });

  test('logging in again replaces the session the request carried', async () => {
    const { api } = setup();
    const old = await logIn(api, 'reader@example.com');
    const response = await api(postLogin(credentials('subscriber@example.com'), { cookie: old }));
    expect(response.status).toBe(200);
    const fresh = sessionIdFrom(response);
    expect(fresh).not.toBe(old);
    expect(await whoAmI(api, old)).toEqual({ reader: null });
    expect(await whoAmI(api, fresh)).toMatchObject({ reader: reader('subscriber') });
  });

  test.each(['SUBSCRIBER@EXAMPLE.COM', '  subscriber@example.com\t', ' Subscriber@Example.com '])(
    'the email is case- and whitespace-insensitive: %j',
    async (email) => {
      const response = await setup().api(postLogin(credentials(email)));
      expect(response.status).toBe(200);
      expect(await body(response)).toMatchObject({ reader: reader('subscriber') });
    },
  );

  test('accepts a JSON content type with a charset', async () => {
    const response = await setup().api(
      postLogin(credentials('subscriber@example.com'), { contentType: 'application/json; charset=utf-8' }),
    );
    expect(response.status).toBe(200);
  });

  test('a wrong password and an unknown email get identical 401 bodies and no cookie', async () => {
    const { api } = setup();
    const responses = await Promise.all([
      api(postLogin(credentials('subscriber@example.com', 'wrong'))),
      api(postLogin(credentials('subscriber@example.com', DEMO_PASSWORD.toUpperCase()))),
      api(postLogin(credentials('nobody@example.com'))),
      api(postLogin(credentials('nobody@example.com', 'wrong'))),
    ]);
    const texts = await Promise.all(responses.map((response) => response.text()));
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect(new Set(texts).size).toBe(1);
    expect(JSON.parse(texts[0] ?? '')).toEqual({ error: 'Email or password is incorrect.' });
    expect(WRONG_CREDENTIALS).toBe('Email or password is incorrect.');
  });

  test('malformed JSON: 400 saying the body is not valid JSON', async () => {
    const response = await setup().api(postLogin('{"email": "subscriber@example.com",'));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON: /) });
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', ''])(
    'a %j content type: 415',
    async (contentType) => {
      const response = await setup().api(postLogin(credentials('subscriber@example.com'), { contentType }));
      expect(response.status).toBe(415);
      expect(await body(response)).toEqual({
        error: 'Send the body as JSON, with Content-Type: application/json.',
      });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    },
  );

  test.each([
    'null',
    '[]',
    '"x"',
    '42',
    'true',
    '{}',
    '{"email": "subscriber@example.com"}',
    `{"password": "${DEMO_PASSWORD}"}`,
    `{"email": 1, "password": "${DEMO_PASSWORD}"}`,
    '{"email": "subscriber@example.com", "password": null}',
    `[{"email": "subscriber@example.com", "password": "${DEMO_PASSWORD}"}]`,
    `{"email": "subscriber@example.com", "password": "${DEMO_PASSWORD}", "remember": "yes"}`,
    `{"email": "subscriber@example.com", "password": "${DEMO_PASSWORD}", "remember": 1}`,
    `{"email": "subscriber@example.com", "password": "${DEMO_PASSWORD}", "remember": null}`,
    `{"email": "subscriber@example.com", "password": "${DEMO_PASSWORD}", "remember": {}}`,
  ])('JSON that is not { email, password, remember? } (%s): 400, never 500, no cookie', async (text) => {
    const response = await setup().api(postLogin(text));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({
      error: 'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.',
    });
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('DELETE /api/session (log out)', () => {
  test('ends the session: the old cookie no longer reads the rest, and the cookie is expired', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);

    const response = await api(request('/api/session', { method: 'DELETE', cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cookie).toMatch(/;\s*Max-Age=0(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);

    const rest = await api(request(REST, { cookie: id }));
    expect(rest.status).toBe(401);
    expectNoGatedText(await rest.text());
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('ends a persistent session too', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    await api(request('/api/session', { method: 'DELETE', cookie: id }));
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('without a session still answers 200 and expires the cookie', async () => {
    const response = await setup().api(request('/api/session', { method: 'DELETE' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i);
  });

  test('logging one session out leaves another logged in', async () => {
    const { api } = setup();
    const first = await logIn(api, 'subscriber@example.com');
    const second = await logIn(api, 'subscriber@example.com');
    await api(request('/api/session', { method: 'DELETE', cookie: first }));
    expect((await api(request(REST, { cookie: second }))).status).toBe(200);
  });
});

describe('personas with a fault', () => {
  test('locked, right password: 403 ACCOUNT_LOCKED with reason locked and no cookie', async () => {
    const response = await setup().api(postLogin(credentials('locked@example.com')));
    expect(response.status).toBe(403);
    expect(await body(response)).toEqual({ error: ACCOUNT_LOCKED, reason: 'locked' });
    expect(ACCOUNT_LOCKED).toBe('This account is locked.');
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  test('locked, wrong password: the generic 401, byte for byte the unknown-email answer', async () => {
    const { api } = setup();
    const locked = await api(postLogin(credentials('locked@example.com', 'wrong')));
    const unknown = await api(postLogin(credentials('nobody@example.com', 'wrong')));
    expect(locked.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(locked.headers.get('Set-Cookie')).toBeNull();
    expect(await locked.text()).toBe(await unknown.text());
  });

  test('flaky: the first attempt is 503 SERVICE_UNAVAILABLE with no cookie; the second succeeds', async () => {
    const { api } = setup();
    const first = await api(postLogin(credentials('flaky@example.com')));
    expect(first.status).toBe(503);
    expect(await body(first)).toEqual({ error: SERVICE_UNAVAILABLE });
    expect(SERVICE_UNAVAILABLE).toBe('The service is unavailable. Try again.');
    expect(first.headers.get('Set-Cookie')).toBeNull();

    const second = await api(postLogin(credentials('flaky@example.com')));
    expect(second.status).toBe(200);
    expect(await body(second)).toEqual({ reader: reader('flaky'), expiresAt: iso(T0 + 30 * MINUTE) });
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(200);
  });

  test('flaky: the first attempt fails once per handler life', async () => {
    for (const { api } of [setup(), setup()]) {
      expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(503);
      expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(200);
    }
  });

  test('flaky: after POST /api/test/reset the first attempt fails again', async () => {
    const { api } = setup();
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(503);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(200);
    expect((await api(request('/api/test/reset', { method: 'POST' }))).status).toBe(200);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(503);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(200);
  });

  test('flaky: an unreadable request is not the first attempt', async () => {
    const { api } = setup();
    expect((await api(postLogin('{'))).status).toBe(400);
    expect((await api(postLogin(credentials('flaky@example.com'), { contentType: 'text/plain' }))).status).toBe(415);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(503);
  });
});

/** The slow persona's session in the test below: the logout must name it. */
let held = '';

describe('the slow persona', () => {
  test.each<[string, (api: ApiHandler, cookie: string) => Promise<Response>, number]>([
    ['login with the right password', (api) => api(postLogin(credentials('slow@example.com'))), 200],
    ['login with a wrong password', (api) => api(postLogin(credentials('slow@example.com', 'wrong'))), 401],
    ['login with the email spelt differently', (api) => api(postLogin(credentials(' SLOW@example.com'))), 200],
    ['GET /api/session', (api, cookie) => api(request('/api/session', { cookie })), 200],
    ['GET the rest', (api, cookie) => api(request(REST, { cookie })), 200],
    ['POST /api/subscription', (api, cookie) => api(request('/api/subscription', { method: 'POST', cookie })), 200],
    ['DELETE /api/session', (api, cookie) => api(request('/api/session', { method: 'DELETE', cookie })), 200],
  ])('%s awaits sleep(3000) exactly once', async (_name, send, status) => {
    const { api, sleeps } = setup();
    const cookie = await logIn(api, 'slow@example.com');
    sleeps.length = 0;
    const response = await send(api, cookie);
    expect(response.status).toBe(status);
    expect(sleeps).toEqual([SLOW_RESPONSE_MS]);
    expect(SLOW_RESPONSE_MS).toBe(3000);
  });

  test('the response is held until the sleep resolves', async () => {
    const released: (() => void)[] = [];
    const api = createApiHandler({
      findArticle,
      now: () => T0,
      sleep: () => new Promise<void>((resolve) => released.push(resolve)),
    });
    let settled = false;
    const pending = api(postLogin(credentials('slow@example.com'))).then((response) => {
      settled = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect(released).toHaveLength(1);
    for (const release of released) release();
    expect((await pending).status).toBe(200);
  });

  // The logout is the slow persona's own request, so it waits its 3 s too (1 more sleep).
  test.each<[string, (api: ApiHandler) => Promise<unknown>, number]>([
    ['logged out', (api) => api(request('/api/session', { method: 'DELETE', cookie: held })), 1],
    ['reset', (api) => api(request('/api/test/reset', { method: 'POST' })), 0],
    ['expired by the clock', (api) => api(post('/api/test/clock', JSON.stringify({ advanceBy: 31 * MINUTE }))), 0],
  ])('a session %s during the delay gets no gated text after it', async (_name, endSession, sleepsToo) => {
    const released: (() => void)[] = [];
    const { api } = setup({ sleep: () => new Promise<void>((resolve) => released.push(resolve)) });
    const login = api(postLogin(credentials('slow@example.com')));
    await waitFor(() => released.length === 1);
    released.shift()?.();
    held = sessionIdFrom(await login);
    const reading = api(request(REST, { cookie: held }));
    await waitFor(() => released.length === 1);
    const releaseReading = released.shift();
    const ending = endSession(api);
    await waitFor(() => released.length === sleepsToo);
    released.shift()?.();
    await ending;
    releaseReading?.();
    const response = await reading;
    expect(response.status).toBe(401);
    expectNoGatedText(await response.text());
  });

  test('requests for other personas and anonymous requests never call sleep', async () => {
    const { api, sleeps } = setup();
    const cookies = await Promise.all(
      (['subscriber', 'reader', 'expired'] as const).map((id) => logIn(api, reader(id).email)),
    );
    await api(postLogin(credentials('locked@example.com')));
    await api(postLogin(credentials('flaky@example.com')));
    await api(postLogin(credentials('nobody@example.com', 'wrong')));
    await api(request('/api/session'));
    await api(request(REST));
    for (const cookie of cookies) {
      await api(request('/api/session', { cookie }));
      await api(request(REST, { cookie }));
      await api(request('/api/subscription', { method: 'POST', cookie }));
      await api(request('/api/session', { method: 'DELETE', cookie }));
    }
    expect(sleeps).toEqual([]);
  });
});

describe('plus-addressing: persona+anything@example.com', () => {
  test.each<PersonaId>(['subscriber', 'reader', 'expired', 'slow'])(
    '%s+w1@example.com logs in as that persona, and the reader’s email is the address used',
    async (id) => {
      const response = await setup().api(postLogin(credentials(`${id}+W1@example.com`)));
      expect(response.status).toBe(200);
      expect(await body(response)).toMatchObject({ reader: { ...reader(id), email: `${id}+w1@example.com` } });
    },
  );

  test('locked+x: locked too', async () => {
    const response = await setup().api(postLogin(credentials('locked+x@example.com')));
    expect(response.status).toBe(403);
  });

  test('flaky+x: its own first failure, apart from flaky@ and flaky+y', async () => {
    const { api } = setup();
    expect((await api(postLogin(credentials('flaky+x@example.com')))).status).toBe(503);
    expect((await api(postLogin(credentials('flaky+x@example.com')))).status).toBe(200);
    expect((await api(postLogin(credentials('flaky+y@example.com')))).status).toBe(503);
    expect((await api(postLogin(credentials('flaky@example.com')))).status).toBe(503);
  });

  test('an address’s subscription is its own', async () => {
    const { api } = setup();
    const a = await logIn(api, 'reader+a@example.com');
    expect((await api(request('/api/subscription', { method: 'POST', cookie: a }))).status).toBe(200);
    expect((await api(request(REST, { cookie: a }))).status).toBe(200);
    for (const other of ['reader+b@example.com', 'reader@example.com']) {
      const cookie = await logIn(api, other);
      expect((await api(request(REST, { cookie }))).status).toBe(403);
    }
  });

  test('an address’s throttle is its own', async () => {
    const { api } = setup();
    await failLogins(api, 'reader+a@example.com', 5);
    expect((await api(postLogin(credentials('reader+a@example.com')))).status).toBe(429);
    expect((await api(postLogin(credentials('reader+b@example.com')))).status).toBe(200);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('an unknown name with a tag is no account: the generic 401', async () => {
    const response = await setup().api(postLogin(credentials('nobody+reader@example.com')));
    expect(response.status).toBe(401);
    expect(await body(response)).toEqual({ error: WRONG_CREDENTIALS });
  });
});
