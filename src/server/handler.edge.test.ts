// The HTTP edge: routing, cross-origin refusals, stale session cookies and request validation.
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../paywall/personas.ts';
import { SESSION_COOKIE } from './handler.ts';
import {
  article,
  REST,
  MINUTE,
  T0,
  type Harness,
  setup,
  iso,
  reader,
  request,
  post,
  postLogin,
  credentials,
  logIn,
  failLogins,
  body,
  whoAmI,
  expectNoGatedText,
} from './handler.testing.ts';

describe('routing', () => {
  test.each(['/api', '/api/', '/api/nope', '/api/articles', `/api/articles/${article.slug}`, `${REST}/extra`])(
    'an unknown endpoint %s: 404',
    async (path) => {
      const response = await setup().api(request(path));
      expect(response.status).toBe(404);
      expect(await body(response)).toEqual({ error: `No such endpoint: GET ${path}` });
    },
  );

  test.each<[string, string, string]>([
    ['PUT', '/api/session', 'GET, POST, DELETE'],
    ['PATCH', '/api/session', 'GET, POST, DELETE'],
    ['POST', REST, 'GET'],
    ['DELETE', REST, 'GET'],
    ['GET', '/api/subscription', 'POST'],
    ['DELETE', '/api/subscription', 'POST'],
    ['GET', '/api/test/reset', 'POST'],
    ['PUT', '/api/test/reset', 'POST'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const response = await setup().api(request(path, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    expect(await body(response)).toEqual({ error: `Method not allowed. Allowed: ${allow}.` });
  });

  test('every kind of response is Cache-Control: no-store', async () => {
    const { api } = setup();
    const subscriber = await logIn(api, 'subscriber@example.com');
    const registered = await logIn(api, 'reader@example.com');
    await failLogins(api, 'nobody@example.com', 5);
    const requests = [
      request('/api/session'),
      request('/api/session', { cookie: subscriber }),
      postLogin(credentials('subscriber@example.com')),
      postLogin(credentials('subscriber@example.com', DEMO_PASSWORD, true)),
      postLogin(credentials('subscriber@example.com', 'wrong')),
      postLogin(credentials('locked@example.com')),
      postLogin(credentials('flaky@example.com')),
      postLogin(credentials('nobody@example.com')),
      postLogin('{'),
      postLogin('null'),
      postLogin(credentials('subscriber@example.com'), { contentType: 'text/plain' }),
      request(REST),
      request(REST, { cookie: registered }),
      request(REST, { cookie: subscriber }),
      request('/api/articles/nope/rest'),
      request('/api/subscription', { method: 'POST' }),
      request('/api/subscription', { method: 'POST', cookie: registered }),
      request('/api/nope'),
      request('/api/session', { method: 'PUT' }),
      request('/api/session', { method: 'DELETE', cookie: subscriber }),
      post('/api/test/reset', '{'),
      request('/api/test/reset', { method: 'POST' }),
    ];
    const statuses: number[] = [];
    for (const each of requests) {
      const response = await api(each);
      statuses.push(response.status);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(new Set(statuses)).toEqual(new Set([200, 400, 401, 403, 404, 405, 415, 429, 503]));
  });
});

describe('cross-origin requests (CSRF)', () => {
  test.each<[string, string, string]>([
    ['log in', '/api/session', credentials('subscriber@example.com')],
    ['reset', '/api/test/reset', ''],
    ['subscribe', '/api/subscription', '{"plan":"monthly"}'],
  ])('%s from another origin is refused with 403', async (_name, path, payload) => {
    const { api } = setup();
    const response = await api(
      new Request(`http://localhost${path}`, {
        method: 'POST',
        body: payload,
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
    expect(await body(response)).toEqual({ error: 'Cross-origin request refused.' });
  });

  test('the same origin, or no Origin header at all (curl, Playwright request), is served', async () => {
    const { api } = setup();
    const sameOrigin = await api(
      new Request('http://localhost/api/session', {
        method: 'POST',
        body: credentials('subscriber@example.com'),
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      }),
    );
    expect(sameOrigin.status).toBe(200);
    expect((await api(postLogin(credentials('subscriber@example.com')))).status).toBe(200);
  });
});

/** The Set-Cookie that clears the session cookie, with the attributes it was set with. */
function expectClearsSessionCookie(response: Response): void {
  const cookie = response.headers.get('Set-Cookie') ?? '';
  expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  expect(cookie).toMatch(/;\s*Max-Age=0(;|$)/i);
  expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
  expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
}

/** A request with this exact Cookie header. */
function withCookieHeader(path: string, header: string, init: RequestInit = {}): Request {
  return request(path, { ...init, headers: { ...init.headers, Cookie: header } });
}

describe('a session cookie that names no live session reads as anonymous, and is cleared', () => {
  /** Each case: how to make the Cookie header, given a real, live session id. */
  const stale: [string, (live: string, harness: Harness) => Promise<string> | string][] = [
    ['garbage', () => `${SESSION_COOKIE}=<garbage>`],
    ['an empty value', () => `${SESSION_COOKIE}=`],
    ['a truncated id', (live) => `${SESSION_COOKIE}=${live.slice(0, -1)}`],
    ['a padded id', (live) => `${SESSION_COOKIE}=${live}x`],
    [
      'a forged id of the right shape',
      (live) => `${SESSION_COOKIE}=${live.slice(0, -1)}${live.endsWith('A') ? 'B' : 'A'}`,
    ],
    ['invalid percent-encoding', () => `${SESSION_COOKIE}=%E0%A4%A`],
    ['a huge value', () => `${SESSION_COOKIE}=${'x'.repeat(64 * 1024)}`],
    ['the live id twice', (live) => `${SESSION_COOKIE}=${live}; ${SESSION_COOKIE}=${live}`],
    ['the live id and a forged one', (live) => `${SESSION_COOKIE}=${live}; ${SESSION_COOKIE}=${'A'.repeat(43)}`],
    [
      'the id of a session that expired',
      (live, { advance }) => {
        advance(31 * MINUTE);
        return `${SESSION_COOKIE}=${live}`;
      },
    ],
    [
      'the id of a session that was logged out',
      async (live, { api }) => {
        await api(request('/api/session', { method: 'DELETE', cookie: live }));
        return `${SESSION_COOKIE}=${live}`;
      },
    ],
    [
      'the id of a session from before a reset',
      async (live, { api }) => {
        await api(request('/api/test/reset', { method: 'POST' }));
        return `${SESSION_COOKIE}=${live}`;
      },
    ],
  ];

  test.each(stale)('%s: GET /api/session → 200 { reader: null }', async (_name, make) => {
    const harness = setup();
    const header = await make(await logIn(harness.api, 'subscriber@example.com'), harness);
    const response = await harness.api(withCookieHeader('/api/session', header));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
    expectClearsSessionCookie(response);
  });

  test.each(stale)('%s: the rest → 401 sign-in, no gated text', async (_name, make) => {
    const harness = setup();
    const header = await make(await logIn(harness.api, 'subscriber@example.com'), harness);
    const response = await harness.api(withCookieHeader(REST, header));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ reason: 'sign-in' });
    expectNoGatedText(text);
    expectClearsSessionCookie(response);
  });

  test.each(stale)('%s: POST /api/subscription → 401, nothing subscribed', async (_name, make) => {
    const harness = setup();
    const header = await make(await logIn(harness.api, 'reader@example.com'), harness);
    const response = await harness.api(withCookieHeader('/api/subscription', header, { method: 'POST' }));
    expect(response.status).toBe(401);
    expectClearsSessionCookie(response);
    const fresh = await logIn(harness.api, 'reader@example.com');
    expect(await whoAmI(harness.api, fresh)).toMatchObject({ reader: reader('reader') });
  });

  test.each(stale)('%s: an error answer (404, 405) clears it too', async (_name, make) => {
    const harness = setup();
    const header = await make(await logIn(harness.api, 'subscriber@example.com'), harness);
    for (const each of [withCookieHeader('/api/nope', header), withCookieHeader(REST, header, { method: 'PUT' })]) {
      const response = await harness.api(each);
      expect(response.status).toBeGreaterThanOrEqual(404);
      expectClearsSessionCookie(response);
    }
  });

  test('logging in with a stale cookie sets the new session, not a clearing cookie', async () => {
    const { api } = setup();
    const response = await api(
      withCookieHeader('/api/session', `${SESSION_COOKIE}=junk`, {
        method: 'POST',
        body: credentials('subscriber@example.com'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
  });

  test('over https the clearing cookie is Secure, like the one it clears', async () => {
    const response = await setup().api(
      new Request('https://localhost/api/session', { headers: { Cookie: `${SESSION_COOKIE}=junk` } }),
    );
    expectClearsSessionCookie(response);
    expect(response.headers.get('Set-Cookie')).toMatch(/;\s*Secure(;|$)/i);
  });

  test.each<[string, string | undefined]>([
    ['no Cookie header', undefined],
    ['only other cookies', 'theme=dark; lang=en'],
    ['garbage that is not a session cookie', '%%%;;;==='],
  ])('%s: anonymous, and no Set-Cookie', async (_name, header) => {
    const response = await setup().api(
      header === undefined ? request('/api/session') : withCookieHeader('/api/session', header),
    );
    expect(await body(response)).toEqual({ reader: null });
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  test('a live session among other cookies is read, and no Set-Cookie is sent', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(withCookieHeader(REST, `theme=dark; ${SESSION_COOKIE}=${id}; lang=en`));
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('request validation', () => {
  test.each<[string, string, string]>([
    ['OPTIONS', '/api/session', 'GET, POST, DELETE'],
    ['HEAD', '/api/session', 'GET, POST, DELETE'],
    ['PROPFIND', '/api/session', 'GET, POST, DELETE'],
    ['HEAD', REST, 'GET'],
    ['OPTIONS', REST, 'GET'],
    ['PUT', '/api/subscription', 'POST'],
    ['HEAD', '/api/subscription', 'POST'],
    ['OPTIONS', '/api/test/reset', 'POST'],
    ['DELETE', '/api/test/reset', 'POST'],
  ])('%s %s: 405 JSON with Allow: %s', async (method, path, allow) => {
    const response = await setup().api(request(path, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  test.each(['/api/session', '/api/subscription', '/api/test/reset'])(
    'POST %s with a body that is not declared JSON: 415',
    async (path) => {
      const { api } = setup();
      const cookie = await logIn(api, 'reader@example.com');
      const response = await api(post(path, '{"keepSessions": true}', { cookie, contentType: 'text/plain' }));
      expect(response.status).toBe(415);
      expect(await body(response)).toEqual({ error: 'Send the body as JSON, with Content-Type: application/json.' });
    },
  );

  test.each(['/api/session', '/api/subscription', '/api/test/reset'])(
    'POST %s with a body over 16 KB: 413, and nothing done',
    async (path) => {
      const { api } = setup();
      const cookie = await logIn(api, 'reader@example.com');
      const huge = JSON.stringify({ email: 'reader@example.com', password: DEMO_PASSWORD, pad: 'x'.repeat(16 * 1024) });
      const response = await api(post(path, huge, { cookie }));
      expect(response.status).toBe(413);
      expect(await body(response)).toEqual({ error: 'The request body is larger than 16384 bytes.' });
      expect(response.headers.get('Set-Cookie')).toBeNull();
      expect(await whoAmI(api, cookie)).toEqual({ reader: reader('reader'), expiresAt: iso(T0 + 30 * MINUTE) });
    },
  );

  test('a login body of exactly 16 KB is accepted', async () => {
    const text = credentials('subscriber@example.com');
    const padded = `${text}${' '.repeat(16 * 1024 - text.length)}`;
    expect(new TextEncoder().encode(padded).byteLength).toBe(16 * 1024);
    expect((await setup().api(postLogin(padded))).status).toBe(200);
  });

  test('a login body that is not UTF-8: 400', async () => {
    const response = await setup().api(
      request('/api/session', {
        method: 'POST',
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: 'The request body is not valid UTF-8.' });
  });

  test('a login with an empty body: 400, and it is not a failed attempt', async () => {
    const { api } = setup();
    for (let i = 0; i < 6; i += 1) {
      const response = await api(postLogin(''));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: 'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.',
      });
    }
    expect((await api(postLogin(credentials('subscriber@example.com')))).status).toBe(200);
  });

  test.each<[string, string]>([
    ['an email over 254 characters', credentials(`${'a'.repeat(9_988)}@example.com`)],
    ['a password over 1024 characters', credentials('subscriber@example.com', `${'p'.repeat(1025)}`)],
  ])('a login with %s gets the generic answer, not a hint about which field', async (_name, text) => {
    const response = await setup().api(postLogin(text));
    expect(response.status).toBe(401);
    expect(await body(response)).toEqual({ error: 'Email or password is incorrect.' });
  });

  test('an email of exactly 254 characters is an ordinary wrong login', async () => {
    const response = await setup().api(postLogin(credentials(`${'a'.repeat(242)}@example.com`)));
    expect(response.status).toBe(401);
  });

  test.each(['{"plan": "monthly"}', '{"plan": "yearly"}', '{}', ''])(
    'POST /api/subscription with %j: 200',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'reader@example.com');
      expect((await api(post('/api/subscription', text, { cookie }))).status).toBe(200);
    },
  );

  test.each(['null', '[]', '"monthly"', '{"plan": 1}', '{"plan": null}', `{"plan": "${'m'.repeat(65)}"}`, '{"plan":'])(
    'POST /api/subscription with %s: 400, nothing subscribed',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'reader@example.com');
      const response = await api(post('/api/subscription', text, { cookie }));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({ error: expect.any(String) });
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('reader') });
    },
  );

  test.each([
    [`{"plan": "${'m'.repeat(65)}"}`, '"plan" is longer than 64 characters.'],
    ['{"plan": 1}', 'Expected no body, or a JSON object { "plan"?: string }.'],
  ])('POST /api/subscription with %s says what is wrong: %s', async (text, words) => {
    const { api } = setup();
    const cookie = await logIn(api, 'reader@example.com');
    expect(await body(await api(post('/api/subscription', text, { cookie })))).toEqual({ error: words });
  });

  test.each([
    '/api/articles/%2e%2e/rest',
    `/api/articles/${encodeURIComponent('ü')}/rest`,
    `/api/articles/${article.slug}%2Frest`,
    `/api/articles/${article.slug.toUpperCase()}/rest`,
    `/api/articles/${article.slug.replace('-', '%2D')}/rest`,
    `//api/session`,
    `/api//session`,
    `/api/session/`,
    `/api/session%00`,
    `/api/%E0%A4%A`,
    `/api/${'x'.repeat(100_000)}`,
    `/api/articles/${'x'.repeat(100_000)}/rest`,
    '/api/\u{1F4F0}',
  ])('an odd path (%s): 404 JSON, its echo cut short', async (path) => {
    const response = await setup().api(request(path));
    expect(response.status).toBe(404);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/^No (such endpoint|article)/) });
    expect(text.length).toBeLessThan(500);
  });

  test('a path with ".." is resolved as URLs are, before routing', async () => {
    const response = await setup().api(request('/api/articles/../session'));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
  });

  test('a cross-origin POST is refused, whatever its body', async () => {
    const response = await setup().api(
      new Request('http://localhost/api/session', {
        method: 'POST',
        body: 'x'.repeat(20_000),
        headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
  });
});
