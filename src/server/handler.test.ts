import { loadRealSeed } from '../build/real-seed.ts';
import { describe, expect, test } from 'vitest';
import { getGatedParagraphs } from '../content/split-article.ts';
import { DEMO_PASSWORD, PERSONAS, SLOW_RESPONSE_MS, type PersonaId } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import {
  ACCOUNT_LOCKED,
  SERVICE_UNAVAILABLE,
  SESSION_COOKIE,
  WRONG_CREDENTIALS,
  createApiHandler,
  type ApiHandler,
} from './handler.ts';

const article = loadRealSeed();
const gated = getGatedParagraphs(article);
const REST = `/api/articles/${article.slug}/rest`;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-24T12:00:00Z');

function findArticle(slug: string): typeof article | undefined {
  return slug === article.slug ? article : undefined;
}

interface Harness {
  api: ApiHandler;
  /** The ms of every `sleep` the handler asked for, in order. */
  sleeps: number[];
  advance(ms: number): void;
  now(): number;
}

/** A handler with an injected clock starting at T0 and a sleep that records and returns at once. */
function setup({ testHooks = true }: { testHooks?: boolean } = {}): Harness {
  let t = T0;
  const sleeps: number[] = [];
  const api = createApiHandler({
    findArticle,
    testHooks,
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return {
    api,
    sleeps,
    advance: (ms) => {
      t += ms;
    },
    now: () => t,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function reader(id: PersonaId): Reader {
  const persona = PERSONAS.find((each) => each.id === id);
  if (persona === undefined) throw new Error(`no persona ${id}`);
  return persona.reader;
}

function withActiveSubscription(id: PersonaId): Reader {
  return { ...reader(id), subscription: { status: 'active' } };
}

function request(path: string, init: RequestInit & { cookie?: string } = {}): Request {
  const { cookie, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (cookie !== undefined) headers.set('Cookie', `${SESSION_COOKIE}=${cookie}`);
  return new Request(`http://localhost${path}`, { ...rest, headers });
}

function post(path: string, body: string, extra: { cookie?: string; contentType?: string } = {}): Request {
  return request(path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': extra.contentType ?? 'application/json' },
    ...(extra.cookie === undefined ? {} : { cookie: extra.cookie }),
  });
}

function postLogin(body: string, extra: { cookie?: string; contentType?: string } = {}): Request {
  return post('/api/session', body, extra);
}

function credentials(email: string, password = DEMO_PASSWORD, remember?: boolean): string {
  return JSON.stringify(remember === undefined ? { email, password } : { email, password, remember });
}

/** The session id a response sets, or fails the test. */
function sessionIdFrom(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
  if (match?.[1] === undefined) throw new Error(`no ${SESSION_COOKIE} cookie in: ${header}`);
  return match[1];
}

async function logIn(api: ApiHandler, email: string, remember?: boolean): Promise<string> {
  const response = await api(postLogin(credentials(email, DEMO_PASSWORD, remember)));
  expect(response.status).toBe(200);
  return sessionIdFrom(response);
}

async function failLogins(api: ApiHandler, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const response = await api(postLogin(credentials(email, 'wrong')));
    expect(response.status).toBe(401);
  }
}

async function body(response: Response): Promise<unknown> {
  const value: unknown = await response.json();
  return value;
}

function whoAmI(api: ApiHandler, cookie: string): Promise<unknown> {
  return api(request('/api/session', { cookie })).then(body);
}

function expectNoGatedText(text: string): void {
  for (const paragraph of gated) expect(text).not.toContain(paragraph);
  expect(text).not.toContain('Officials are also concerned');
}

const TOO_MANY = 'Too many failed attempts. Try again in 15 minutes.';

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

describe('session lifetime', () => {
  test('after 29 idle minutes a standard session still works and its expiresAt moves on', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(29 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 59 * MINUTE) });
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);
  });

  test('after 31 idle minutes a standard session is gone: { reader: null } and the rest is 401', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(31 * MINUTE);
    const rest = await api(request(REST, { cookie: id }));
    expect(rest.status).toBe(401);
    expectNoGatedText(await rest.text());
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('reading the rest counts as activity and refreshes the idle timeout', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(20 * MINUTE);
    expect(await body(await api(request(REST, { cookie: id })))).toEqual({
      paragraphs: gated,
      expiresAt: iso(T0 + 50 * MINUTE),
    });
    advance(20 * MINUTE);
    expect(await whoAmI(api, id)).toMatchObject({ reader: reader('subscriber') });
  });

  test('a standard session touched every 20 minutes ends at 12 hours', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      advance(20 * MINUTE);
      expect(await whoAmI(api, id)).toEqual({
        reader: reader('subscriber'),
        expiresAt: iso(Math.min(T0 + 12 * HOUR, T0 + (minutes + 30) * MINUTE)),
      });
    }
    advance(20 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
    expect((await api(request(REST, { cookie: id }))).status).toBe(401);
  });

  test('a persistent session survives 31 idle minutes', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    advance(31 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 31 * MINUTE + 7 * DAY) });
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);
  });

  test('a persistent session ends after 7 idle days', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    advance(7 * DAY - MINUTE);
    expect(await whoAmI(api, id)).toMatchObject({ reader: reader('subscriber') });
    advance(7 * DAY);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('a persistent session used every 6 days ends at 30 days', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    for (let days = 6; days < 30; days += 6) {
      advance(6 * DAY);
      expect(await whoAmI(api, id)).toEqual({
        reader: reader('subscriber'),
        expiresAt: iso(Math.min(T0 + 30 * DAY, T0 + (days + 7) * DAY)),
      });
    }
    advance(6 * DAY);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
    expect((await api(request(REST, { cookie: id }))).status).toBe(401);
  });
});

describe('GET /api/articles/<slug>/rest', () => {
  test('a subscriber gets the 8 gated paragraphs and the session expiry', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request(REST, { cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ paragraphs: gated, expiresAt: iso(T0 + 30 * MINUTE) });
    expect(gated).toHaveLength(8);
  });

  test('anonymous: 401 with reason sign-in and no gated text', async () => {
    const response = await setup().api(request(REST));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Log in to read the rest of this article.', reason: 'sign-in' });
    expectNoGatedText(text);
  });

  test.each<[PersonaId, string, string]>([
    ['reader', 'subscribe', 'This account has no subscription.'],
    ['expired', 'renew', 'This account’s subscription has ended.'],
  ])('the %s persona: 403 with reason %s and no gated text', async (id, reason, error) => {
    const { api } = setup();
    const cookie = await logIn(api, reader(id).email);
    const response = await api(request(REST, { cookie }));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error, reason });
    expectNoGatedText(text);
  });

  test('an unknown slug: 404', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/articles/no-such-article/rest', { cookie: id }));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'No article "no-such-article".' });
  });
});

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
    expect(await body(response)).toEqual({ cleared: ['sessions', 'throttles', 'subscriptions'] });
    expect(await whoAmI(api, cookie)).toEqual({ reader: null });
  });

  test('{ "keepSessions": true }: keeps sessions, clears throttles and subscriptions', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    await failLogins(api, 'reader@example.com', 5);
    const response = await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ cleared: ['throttles', 'subscriptions'] });
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
      expect(await body(response)).toEqual({ cleared: ['sessions', 'throttles', 'subscriptions'] });
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
