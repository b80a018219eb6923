import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseSeedMeta } from '../content/parse-seed-meta.ts';
import { parseSeed } from '../content/parse-seed.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import { DEMO_PASSWORD } from '../paywall/personas.ts';
import { SESSION_COOKIE, WRONG_CREDENTIALS, createApiHandler, type ApiHandler } from './handler.ts';

const article = parseSeed(
  'seeds/000_31233b9ac5c7d9cb.txt',
  readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.txt', import.meta.url)),
  parseSeedMeta(
    'seeds/000_31233b9ac5c7d9cb.json',
    readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.json', import.meta.url), 'utf8'),
  ),
);
const gated = getGatedParagraphs(article);
const REST = `/api/articles/${article.slug}/rest`;

function createApi(): ApiHandler {
  return createApiHandler({ findArticle: (slug) => (slug === article.slug ? article : undefined) });
}

function request(path: string, init: RequestInit & { cookie?: string } = {}): Request {
  const { cookie, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (cookie !== undefined) headers.set('Cookie', `${SESSION_COOKIE}=${cookie}`);
  return new Request(`http://localhost${path}`, { ...rest, headers });
}

function postLogin(body: string, extra: { cookie?: string; contentType?: string } = {}): Request {
  return request('/api/session', {
    method: 'POST',
    body,
    headers: { 'Content-Type': extra.contentType ?? 'application/json' },
    ...(extra.cookie === undefined ? {} : { cookie: extra.cookie }),
  });
}

function credentials(email: string, password = DEMO_PASSWORD): string {
  return JSON.stringify({ email, password });
}

/** The session id a response sets, or fails the test. */
function sessionIdFrom(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
  if (match?.[1] === undefined) throw new Error(`no ${SESSION_COOKIE} cookie in: ${header}`);
  return match[1];
}

async function logIn(api: ApiHandler, email: string): Promise<string> {
  const response = await api(postLogin(credentials(email)));
  expect(response.status).toBe(200);
  return sessionIdFrom(response);
}

async function body(response: Response): Promise<unknown> {
  const value: unknown = await response.json();
  return value;
}

function expectNoGatedText(text: string): void {
  for (const paragraph of gated) expect(text).not.toContain(paragraph);
  expect(text).not.toContain('Officials are also concerned');
}

const SUBSCRIBER = {
  email: 'subscriber@example.com',
  name: 'Sam Subscriber',
  subscription: { status: 'active' },
};

describe('GET /api/session', () => {
  test('anonymous: 200 with no reader', async () => {
    const response = await createApi()(request('/api/session'));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
  });

  test('an unknown session cookie reads as anonymous', async () => {
    const response = await createApi()(request('/api/session', { cookie: 'not-a-session' }));
    expect(await body(response)).toEqual({ reader: null });
  });
});

describe('POST /api/session (log in)', () => {
  test('success: 200 with the reader and an HttpOnly, SameSite=Lax, Path=/ session cookie', async () => {
    const response = await createApi()(postLogin(credentials('subscriber@example.com')));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: SUBSCRIBER });
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{20,};`));
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Secure(;|$)/i);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
  });

  test('over https the cookie is also Secure', async () => {
    const response = await createApi()(
      new Request('https://localhost/api/session', {
        method: 'POST',
        body: credentials('subscriber@example.com'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(/;\s*Secure(;|$)/i);
  });

  test('the cookie then identifies the reader on GET /api/session', async () => {
    const api = createApi();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/session', { cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: SUBSCRIBER });
  });

  test('each login gets a fresh session id', async () => {
    const api = createApi();
    const first = await logIn(api, 'subscriber@example.com');
    const second = await logIn(api, 'subscriber@example.com');
    expect(second).not.toBe(first);
  });

  test('logging in again replaces the session the request carried', async () => {
    const api = createApi();
    const old = await logIn(api, 'reader@example.com');
    const response = await api(postLogin(credentials('subscriber@example.com'), { cookie: old }));
    expect(response.status).toBe(200);
    const fresh = sessionIdFrom(response);
    expect(fresh).not.toBe(old);
    expect(await body(await api(request('/api/session', { cookie: old })))).toEqual({ reader: null });
    expect(await body(await api(request('/api/session', { cookie: fresh })))).toEqual({ reader: SUBSCRIBER });
  });

  test.each(['SUBSCRIBER@EXAMPLE.COM', '  subscriber@example.com\t', ' Subscriber@Example.com '])(
    'the email is case- and whitespace-insensitive: %j',
    async (email) => {
      const response = await createApi()(postLogin(credentials(email)));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ reader: SUBSCRIBER });
    },
  );

  test('accepts a JSON content type with a charset', async () => {
    const response = await createApi()(
      postLogin(credentials('subscriber@example.com'), { contentType: 'application/json; charset=utf-8' }),
    );
    expect(response.status).toBe(200);
  });

  test('a wrong password and an unknown email get identical 401 bodies', async () => {
    const api = createApi();
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
    const response = await createApi()(postLogin('{"email": "subscriber@example.com",'));
    expect(response.status).toBe(400);
    const error = await body(response);
    expect(error).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON: /) });
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', ''])(
    'a %j content type: 415',
    async (contentType) => {
      const response = await createApi()(postLogin(credentials('subscriber@example.com'), { contentType }));
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
  ])('JSON that is not { email, password } strings (%s): 400, never 500', async (text) => {
    const response = await createApi()(postLogin(text));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({
      error: 'Expected a JSON object { "email": string, "password": string }.',
    });
  });
});

describe('GET /api/articles/<slug>/rest', () => {
  test('a subscriber gets the 8 gated paragraphs', async () => {
    const api = createApi();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request(REST, { cookie: id }));
    expect(response.status).toBe(200);
    const result = await body(response);
    expect(result).toEqual({ paragraphs: gated });
    expect(gated).toHaveLength(8);
  });

  test('anonymous: 401 with reason sign-in and no gated text', async () => {
    const response = await createApi()(request(REST));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Log in to read the rest of this article.', reason: 'sign-in' });
    expectNoGatedText(text);
  });

  test('a reader without a subscription: 403 with reason subscribe and no gated text', async () => {
    const api = createApi();
    const id = await logIn(api, 'reader@example.com');
    const response = await api(request(REST, { cookie: id }));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'This account has no subscription.', reason: 'subscribe' });
    expectNoGatedText(text);
  });

  test('an unknown slug: 404', async () => {
    const api = createApi();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/articles/no-such-article/rest', { cookie: id }));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'No article "no-such-article".' });
  });
});

describe('DELETE /api/session (log out)', () => {
  test('ends the session: the old cookie no longer reads the rest, and the cookie is expired', async () => {
    const api = createApi();
    const id = await logIn(api, 'subscriber@example.com');
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);

    const response = await api(request('/api/session', { method: 'DELETE', cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ reader: null });
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cookie).toMatch(/;\s*Max-Age=0(;|$)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);

    const rest = await api(request(REST, { cookie: id }));
    expect(rest.status).toBe(401);
    expectNoGatedText(await rest.text());
    expect(await body(await api(request('/api/session', { cookie: id })))).toEqual({ reader: null });
  });

  test('without a session still answers 200 and expires the cookie', async () => {
    const response = await createApi()(request('/api/session', { method: 'DELETE' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i);
  });

  test('logging one session out leaves another logged in', async () => {
    const api = createApi();
    const first = await logIn(api, 'subscriber@example.com');
    const second = await logIn(api, 'subscriber@example.com');
    await api(request('/api/session', { method: 'DELETE', cookie: first }));
    expect((await api(request(REST, { cookie: second }))).status).toBe(200);
  });
});

describe('routing', () => {
  test.each(['/api', '/api/', '/api/nope', '/api/articles', `/api/articles/${article.slug}`, `${REST}/extra`])(
    'an unknown endpoint %s: 404',
    async (path) => {
      const response = await createApi()(request(path));
      expect(response.status).toBe(404);
      expect(await body(response)).toEqual({ error: `No such endpoint: GET ${path}` });
    },
  );

  test.each<[string, string, string]>([
    ['PUT', '/api/session', 'GET, POST, DELETE'],
    ['PATCH', '/api/session', 'GET, POST, DELETE'],
    ['POST', REST, 'GET'],
    ['DELETE', REST, 'GET'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const response = await createApi()(request(path, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    expect(await body(response)).toEqual({ error: `Method not allowed. Allowed: ${allow}.` });
  });

  test('every kind of response is Cache-Control: no-store', async () => {
    const api = createApi();
    const subscriber = await logIn(api, 'subscriber@example.com');
    const reader = await logIn(api, 'reader@example.com');
    const requests = [
      request('/api/session'),
      request('/api/session', { cookie: subscriber }),
      postLogin(credentials('subscriber@example.com')),
      postLogin(credentials('subscriber@example.com', 'wrong')),
      postLogin('{'),
      postLogin('null'),
      postLogin(credentials('subscriber@example.com'), { contentType: 'text/plain' }),
      request(REST),
      request(REST, { cookie: reader }),
      request(REST, { cookie: subscriber }),
      request('/api/articles/nope/rest'),
      request('/api/nope'),
      request('/api/session', { method: 'PUT' }),
      request('/api/session', { method: 'DELETE', cookie: subscriber }),
    ];
    const statuses: number[] = [];
    for (const each of requests) {
      const response = await api(each);
      statuses.push(response.status);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(new Set(statuses)).toEqual(new Set([200, 400, 401, 403, 404, 405, 415]));
  });
});
