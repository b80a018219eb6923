// Paywall models: PUT/GET /api/test/paywall, GET /api/meter, and what GET /api/articles/<slug>/rest
// answers under each model for each access level and reader — the meter counted on the server,
// by visitor cookie or account, over the world's clock. Articles here are placeholders.
import { describe, expect, test } from 'vitest';
import type { Article } from '../content/article.ts';
import type { AccessLevel, PaywallModel } from '../paywall/paywall-model.ts';
import { createApiHandler, type ApiHandler } from './handler.ts';
import {
  DAY,
  MINUTE,
  PLACEHOLDER_PARAGRAPH,
  T0,
  article,
  body,
  createSandbox,
  findArticle,
  iso,
  logIn,
  placeholderArticle,
  post,
  request,
  restPath,
  sandboxed,
  setup,
  type HarnessOptions,
} from './handler.testing.ts';
import { METER_SLACK } from './meters.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { VISITOR_COOKIE } from './visitor-cookie.ts';

/** Placeholder article n at each level: 1 free, 2 registered, 3 metered, 4 subscriber; 5–9 metered. */
const BY_LEVEL: Record<AccessLevel, Article> = {
  free: placeholderArticle(1, 'free'),
  registered: placeholderArticle(2, 'registered'),
  metered: placeholderArticle(3, 'metered'),
  subscriber: placeholderArticle(4, 'subscriber'),
};
const MORE = [5, 6, 7, 8, 9].map((n) => placeholderArticle(n, 'metered'));
const ARTICLES = [...Object.values(BY_LEVEL), ...MORE];
const GATED = [PLACEHOLDER_PARAGRAPH, PLACEHOLDER_PARAGRAPH, PLACEHOLDER_PARAGRAPH];
const [A, B, C] = MORE.map((each) => each.slug) as [string, string, string];

const PAYWALL = '/api/test/paywall';
const METER = '/api/meter';

function start(options: HarnessOptions = {}): ReturnType<typeof setup> {
  return setup({ articles: ARTICLES, ...options });
}

function put(path: string, text: string, contentType = 'application/json'): Request {
  return request(path, { method: 'PUT', body: text, headers: { 'Content-Type': contentType } });
}

async function setModel(api: ApiHandler, model: unknown): Promise<void> {
  const response = await api(put(PAYWALL, JSON.stringify(model)));
  expect(response.status).toBe(200);
}

/** A request with the session and visitor cookies given. */
function withCookies(path: string, { session, visitor }: { session?: string; visitor?: string }): Request {
  const pairs = [
    ...(session === undefined ? [] : [`${SESSION_COOKIE}=${session}`]),
    ...(visitor === undefined ? [] : [`${VISITOR_COOKIE}=${visitor}`]),
  ];
  return request(path, pairs.length === 0 ? {} : { headers: { Cookie: pairs.join('; ') } });
}

interface Read {
  status: number;
  json: Record<string, unknown>;
  text: string;
  /** The visitor id a `Set-Cookie` gave, if any. */
  setVisitor: string | undefined;
  setCookies: string[];
}

async function read(
  api: ApiHandler,
  slug: string,
  cookies: { session?: string; visitor?: string } = {},
  path = restPath(slug),
): Promise<Read> {
  const response = await api(withCookies(path, cookies));
  const text = await response.text();
  const setCookies = response.headers.getSetCookie();
  const visitorCookie = setCookies.find((cookie) => cookie.startsWith(`${VISITOR_COOKIE}=`));
  return {
    status: response.status,
    json: JSON.parse(text) as Record<string, unknown>,
    text,
    setVisitor: visitorCookie?.split(';')[0]?.split('=')[1],
    setCookies,
  };
}

/** A browser that keeps its visitor cookie, as a real one would. */
function browser(api: ApiHandler, session?: string): (slug: string) => Promise<Read> {
  let visitor: string | undefined;
  return async (slug) => {
    const answer = await read(api, slug, {
      ...(session === undefined ? {} : { session }),
      ...(visitor === undefined ? {} : { visitor }),
    });
    visitor = answer.setVisitor ?? visitor;
    return answer;
  };
}

function expectNoPlaceholderText({ text }: Read): void {
  expect(text).not.toContain(PLACEHOLDER_PARAGRAPH);
}

describe('PUT and GET /api/test/paywall', () => {
  test('a world starts with the hard paywall', async () => {
    const { api } = start();
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
  });

  test.each<[string, unknown, PaywallModel]>([
    ['hard', { model: 'hard' }, { model: 'hard' }],
    ['free', { model: 'free' }, { model: 'free' }],
    ['registration', { model: 'registration' }, { model: 'registration' }],
    [
      'metered without a meter: three articles a calendar month',
      { model: 'metered' },
      { model: 'metered', meter: { limit: 3, window: 'calendar-month', counts: 'articles' } },
    ],
    [
      'metered with part of a meter: the rest by default',
      { model: 'metered', meter: { limit: 5 } },
      { model: 'metered', meter: { limit: 5, window: 'calendar-month', counts: 'articles' } },
    ],
    [
      'metered with a whole meter',
      { model: 'metered', meter: { limit: 100, window: 'rolling-30-days', counts: 'views' } },
      { model: 'metered', meter: { limit: 100, window: 'rolling-30-days', counts: 'views' } },
    ],
  ])('%s: 200 with the model as stored, and GET says the same', async (_name, sent, stored) => {
    const { api } = start();
    const response = await api(put(PAYWALL, JSON.stringify(sent)));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await body(response)).toEqual(stored);
    expect(await body(await api(request(PAYWALL)))).toEqual(stored);
  });

  const EXPECTED =
    'Expected a JSON object { "model": "hard" | "metered" | "registration" | "free", "meter"?: { "limit"?: 1 to 100, "window"?: "rolling-30-days" | "calendar-month", "counts"?: "articles" | "views" } }.';
  const MODEL = '"model" must be one of: "hard", "metered", "registration", "free".';
  const LIMIT = '"meter.limit" must be a whole number from 1 to 100.';
  test.each<[string, string]>([
    ['{}', MODEL],
    ['{"model":"soft"}', MODEL],
    ['{"model":"HARD"}', MODEL],
    ['{"model":null}', MODEL],
    ['{"model":"hard","meter":{"limit":3}}', 'Only the "metered" model takes a "meter".'],
    ['{"model":"free","meter":null}', 'Only the "metered" model takes a "meter".'],
    ['{"model":"metered","meter":{"limit":0}}', LIMIT],
    ['{"model":"metered","meter":{"limit":101}}', LIMIT],
    ['{"model":"metered","meter":{"limit":2.5}}', LIMIT],
    ['{"model":"metered","meter":{"limit":"3"}}', LIMIT],
    [
      '{"model":"metered","meter":{"window":"weekly"}}',
      '"meter.window" must be one of: "rolling-30-days", "calendar-month".',
    ],
    ['{"model":"metered","meter":{"counts":"words"}}', '"meter.counts" must be one of: "articles", "views".'],
    ['{"model":"metered","meter":{"limit":3,"extra":1}}', EXPECTED],
    ['{"model":"metered","meter":[]}', EXPECTED],
    ['{"model":"metered","meter":null}', EXPECTED],
    ['{"model":"hard","other":1}', EXPECTED],
    ['null', EXPECTED],
    ['[]', EXPECTED],
    ['"hard"', EXPECTED],
  ])('%s: 400 in our words, and the model is unchanged', async (text, error) => {
    const { api } = start();
    await setModel(api, { model: 'free' });
    const response = await api(put(PAYWALL, text));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error });
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'free' });
  });

  test('no body: 400; not JSON: 400; another content type: 415', async () => {
    const { api } = start();
    const empty = await api(request(PAYWALL, { method: 'PUT' }));
    expect(empty.status).toBe(400);
    expect(await body(empty)).toEqual({ error: EXPECTED });
    const broken = await api(put(PAYWALL, '{"model":'));
    expect(broken.status).toBe(400);
    expect(await body(broken)).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON: /) });
    expect((await api(put(PAYWALL, '{"model":"free"}', 'text/plain'))).status).toBe(415);
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
  });

  test.each(['POST', 'DELETE', 'PATCH'])('%s: 405 with Allow: GET, PUT', async (method) => {
    const response = await start().api(request(PAYWALL, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, PUT');
  });

  test('a cross-origin PUT is refused, and the model is unchanged', async () => {
    const { api } = start();
    const response = await api(
      request(PAYWALL, {
        method: 'PUT',
        body: '{"model":"free"}',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
  });

  test('without test hooks the default world has no such endpoint, and keeps the hard paywall; a sandbox has it', async () => {
    const api = createApiHandler({ findArticle });
    for (const each of [request(PAYWALL), put(PAYWALL, '{"model":"free"}')]) {
      const response = await api(each);
      expect(response.status).toBe(404);
    }
    expect(await body(await api(request(METER)))).toEqual({ meter: null });
    const sandbox = sandboxed(api, await createSandbox(api));
    expect((await sandbox(put(PAYWALL, '{"model":"free"}'))).status).toBe(200);
    expect(await body(await sandbox(request(PAYWALL)))).toEqual({ model: 'free' });
  });
});

type ReaderKind = 'anonymous' | 'reader' | 'expired' | 'subscriber';
const READER_KINDS: readonly ReaderKind[] = ['anonymous', 'reader', 'expired', 'subscriber'];
type Outcome = 200 | 'sign-in' | 'register' | 'subscribe' | 'renew' | 'meter-used-up';
const STATUS: Record<Exclude<Outcome, 200>, number> = {
  'sign-in': 401,
  register: 401,
  subscribe: 403,
  renew: 403,
  'meter-used-up': 403,
};

describe('every model × access level × reader', () => {
  // Under the meter the allowance is fresh: each reader's first read of the article.
  const TABLE: [PaywallModel['model'], AccessLevel, Outcome, Outcome, Outcome, Outcome][] = [
    ['free', 'free', 200, 200, 200, 200],
    ['free', 'registered', 200, 200, 200, 200],
    ['free', 'metered', 200, 200, 200, 200],
    ['free', 'subscriber', 200, 200, 200, 200],
    ['hard', 'free', 200, 200, 200, 200],
    ['hard', 'registered', 'sign-in', 200, 200, 200],
    ['hard', 'metered', 'sign-in', 'subscribe', 'renew', 200],
    ['hard', 'subscriber', 'sign-in', 'subscribe', 'renew', 200],
    ['registration', 'free', 200, 200, 200, 200],
    ['registration', 'registered', 'register', 200, 200, 200],
    ['registration', 'metered', 'register', 200, 200, 200],
    ['registration', 'subscriber', 'sign-in', 'subscribe', 'renew', 200],
    ['metered', 'free', 200, 200, 200, 200],
    ['metered', 'registered', 'register', 200, 200, 200],
    ['metered', 'metered', 200, 200, 200, 200],
    ['metered', 'subscriber', 200, 200, 200, 200],
  ];

  test.each(TABLE)(
    '%s model, %s article: anonymous %s, reader %s, expired %s, subscriber %s',
    async (model, level, ...outcomes) => {
      const { api } = start();
      await setModel(api, { model });
      const sessions: Record<ReaderKind, string | undefined> = {
        anonymous: undefined,
        reader: await logIn(api, 'reader@example.com'),
        expired: await logIn(api, 'expired@example.com'),
        subscriber: await logIn(api, 'subscriber@example.com'),
      };
      for (const [index, kind] of READER_KINDS.entries()) {
        const expected = outcomes[index];
        const session = sessions[kind];
        const answer = await read(api, BY_LEVEL[level].slug, session === undefined ? {} : { session });
        if (expected === 200) {
          expect(answer.status, kind).toBe(200);
          expect(answer.json.paragraphs, kind).toEqual(GATED);
        } else {
          expect(answer.status, kind).toBe(STATUS[expected as Exclude<Outcome, 200>]);
          expect(answer.json.reason, kind).toBe(expected);
          expectNoPlaceholderText(answer);
        }
      }
    },
  );

  test('reasons come with our words', async () => {
    const { api } = start();
    await setModel(api, { model: 'registration' });
    expect((await read(api, BY_LEVEL.registered.slug)).json).toEqual({
      error: 'Create a free account, or log in, to read the rest of this article.',
      reason: 'register',
    });
    await setModel(api, { model: 'metered', meter: { limit: 1 } });
    const reader = browser(api);
    await reader(A);
    expect((await reader(B)).json).toEqual({
      error: 'You have read your 1 free article this month. Subscribe, or log in, to read on.',
      reason: 'meter-used-up',
      meter: {
        used: 1,
        limit: 1,
        remaining: 0,
        window: 'calendar-month',
        counts: 'articles',
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    });
    await setModel(api, { model: 'metered', meter: { limit: 2, window: 'rolling-30-days', counts: 'views' } });
    await reader(A);
    expect((await reader(A)).json.error).toBe(
      'You have read your 2 free reads in the last 30 days. Subscribe, or log in, to read on.',
    );
  });

  test('the real seed, with no level in its metadata, is a subscriber article under every model', async () => {
    const { api } = start();
    expect(article.meta.access).toBe('subscriber');
    for (const model of ['hard', 'registration'] as const) {
      await setModel(api, { model });
      expect((await read(api, article.slug)).json.reason).toBe('sign-in');
    }
    await setModel(api, { model: 'metered' });
    expect((await read(api, article.slug)).json.meter).toMatchObject({ used: 1 });
  });
});

describe('the meter', () => {
  const METERED = (meter: object = {}) => ({ model: 'metered', meter: { limit: 3, ...meter } });

  test('counts articles: a re-read counts once, each new article once, then meter-used-up', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 2 }));
    const reader = browser(api);
    const first = await reader(A);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      paragraphs: GATED,
      meter: {
        used: 1,
        limit: 2,
        remaining: 1,
        window: 'calendar-month',
        counts: 'articles',
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    });
    expect((await reader(A)).json.meter).toMatchObject({ used: 1, remaining: 1 });
    expect((await reader(B)).json.meter).toMatchObject({ used: 2, remaining: 0 });
    const refused = await reader(C);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ reason: 'meter-used-up', meter: { used: 2, limit: 2, remaining: 0 } });
    expectNoPlaceholderText(refused);
    // What was read in the window stays open.
    expect((await reader(A)).status).toBe(200);
    expect((await reader(B)).status).toBe(200);
  });

  test('counts views: every full read counts, re-reads too', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 2, counts: 'views' }));
    const reader = browser(api);
    expect((await reader(A)).json.meter).toMatchObject({ used: 1, remaining: 1, counts: 'views' });
    expect((await reader(A)).json.meter).toMatchObject({ used: 2, remaining: 0 });
    const refused = await reader(A);
    expect(refused.status).toBe(403);
    expect(refused.json.reason).toBe('meter-used-up');
  });

  test('free and registered articles count nothing, and carry no meter', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const session = await logIn(api, 'reader@example.com');
    const reader = browser(api, session);
    for (let i = 0; i < 3; i += 1) {
      for (const level of ['free', 'registered'] as const) {
        const answer = await reader(BY_LEVEL[level].slug);
        expect(answer.status).toBe(200);
        expect(answer.json.meter).toBeUndefined();
      }
    }
    expect((await reader(A)).json.meter).toMatchObject({ used: 1, remaining: 0 });
  });

  test('a subscriber reads without a meter', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const reader = browser(api, await logIn(api, 'subscriber@example.com'));
    for (const slug of [A, B, C]) {
      const answer = await reader(slug);
      expect(answer.status).toBe(200);
      expect(answer.json.meter).toBeUndefined();
      expect(answer.setVisitor).toBeUndefined();
    }
  });

  test('calendar-month: used up until the 1st of the next month, 00:00 UTC, by the world’s clock', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const reader = browser(api);
    await reader(A);
    expect((await reader(B)).status).toBe(403);
    const clock = (now: string) => api(post('/api/test/clock', JSON.stringify({ now })));
    await clock('2026-11-30T23:59:59.999Z');
    expect((await reader(B)).json.meter).toMatchObject({ remaining: 0, resetsAt: '2026-12-01T00:00:00.000Z' });
    await clock('2026-12-01T00:00:00.000Z');
    const next = await reader(B);
    expect(next.status).toBe(200);
    expect(next.json.meter).toMatchObject({ used: 1, remaining: 0, resetsAt: '2027-01-01T00:00:00.000Z' });
    // A, read last month, counts again this month.
    expect((await reader(A)).status).toBe(403);
  });

  test('rolling-30-days: a read leaves the window 30×24 h after it was made', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1, window: 'rolling-30-days' }));
    const reader = browser(api);
    const first = await reader(A);
    expect(first.json.meter).toEqual({
      used: 1,
      limit: 1,
      remaining: 0,
      window: 'rolling-30-days',
      counts: 'articles',
    });
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: 30 * DAY - 1 })));
    expect((await reader(B)).status).toBe(403);
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: 1 })));
    expect((await reader(B)).status).toBe(200);
  });

  test('the visitor cookie: set once, HttpOnly, SameSite=Lax, Path=/, for a year, 128 random bits', async () => {
    const { api } = start();
    await setModel(api, METERED());
    const first = await read(api, A);
    const cookie = first.setCookies.find((each) => each.startsWith(`${VISITOR_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/^lede_visitor=[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const id = first.setVisitor ?? '';
    const again = await read(api, B, { visitor: id });
    expect(again.status).toBe(200);
    expect(again.setCookies).toEqual([]);
    expect(again.json.meter).toMatchObject({ used: 2 });
    expect((await read(api, A)).setVisitor).not.toBe(id);
  });

  test('over https the visitor cookie is Secure', async () => {
    const { api } = start();
    await setModel(api, METERED());
    const response = await api(new Request(`https://localhost${restPath(A)}`));
    expect(response.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  test('no cookie is set where nothing is counted: the hard paywall, a free article, a refusal', async () => {
    const { api } = start();
    expect((await read(api, A)).setCookies).toEqual([]);
    await setModel(api, METERED());
    expect((await read(api, BY_LEVEL.free.slug)).setCookies).toEqual([]);
    expect((await read(api, BY_LEVEL.registered.slug)).setCookies).toEqual([]);
    expect((await read(api, A, {}, METER)).setCookies).toEqual([]);
  });

  test('clearing cookies starts the count afresh, with a new visitor', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const reader = browser(api);
    const first = await reader(A);
    expect((await reader(B)).status).toBe(403);
    const cleared = await read(api, B);
    expect(cleared.status).toBe(200);
    expect(cleared.json.meter).toMatchObject({ used: 1 });
    expect(cleared.setVisitor).toBeDefined();
    expect(cleared.setVisitor).not.toBe(first.setVisitor);
  });

  test.each(['short', 'x'.repeat(23), 'a b', '%E0%A4%A'])(
    'a visitor cookie that is no id (%s) counts as none, and is replaced',
    async (visitor) => {
      const { api } = start();
      await setModel(api, METERED());
      const answer = await read(api, A, { visitor });
      expect(answer.status).toBe(200);
      expect(answer.setVisitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
    },
  );

  test('a logged-in reader without a subscription is metered by account, whatever the browser', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const first = await logIn(api, 'reader@example.com');
    const answer = await read(api, A, { session: first });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      paragraphs: GATED,
      expiresAt: iso(T0 + 30 * MINUTE),
      meter: {
        used: 1,
        limit: 1,
        remaining: 0,
        window: 'calendar-month',
        counts: 'articles',
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    });
    expect(answer.setCookies).toEqual([]);
    // Another session of the same account, in another browser: the same count.
    const second = await logIn(api, 'reader@example.com');
    expect((await read(api, B, { session: second })).json.reason).toBe('meter-used-up');
    expect((await read(api, A, { session: second })).status).toBe(200);
    // Another account (plus-addressing), or the same browser logged out: counts of their own.
    expect((await read(api, B, { session: await logIn(api, 'reader+other@example.com') })).status).toBe(200);
    expect((await read(api, B)).status).toBe(200);
  });

  test('an expired subscription is metered too', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 1 }));
    const session = await logIn(api, 'expired@example.com');
    expect((await read(api, A, { session })).status).toBe(200);
    expect((await read(api, B, { session })).json.reason).toBe('meter-used-up');
  });

  test('a stale session cookie is cleared alongside a new visitor cookie', async () => {
    const { api } = start();
    await setModel(api, METERED());
    const answer = await read(api, A, { session: 'A'.repeat(43) });
    expect(answer.status).toBe(200);
    expect(answer.setCookies).toHaveLength(2);
    expect(answer.setCookies.some((each) => each.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
    expect(answer.setVisitor).toBeDefined();
  });

  test('two first reads at once with one left: one is served, the other refused', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 2 }));
    const reader = browser(api);
    const visitor = (await reader(A)).setVisitor ?? '';
    const answers = await Promise.all([read(api, B, { visitor }), read(api, C, { visitor })]);
    expect(answers.map(({ status }) => status).sort()).toEqual([200, 403]);
    const refused = answers.find(({ status }) => status === 403);
    if (refused !== undefined) expectNoPlaceholderText(refused);
    expect((await read(api, A, {}, METER)).json).toMatchObject({ meter: { used: 0 } });
    expect((await read(api, A, { visitor }, METER)).json).toMatchObject({ meter: { used: 2, remaining: 0 } });
  });

  test('a lower limit set later: what was read past it opens nothing more', async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 3 }));
    const reader = browser(api);
    for (const slug of [A, B, C]) expect((await reader(slug)).status).toBe(200);
    await setModel(api, METERED({ limit: 1 }));
    expect((await reader(A)).status).toBe(200);
    expect((await reader(B)).json.reason).toBe('meter-used-up');
  });

  test(`a reader's list keeps the limit plus ${METER_SLACK}: many re-reads lose no article read`, async () => {
    const { api } = start();
    await setModel(api, METERED({ limit: 2, counts: 'articles' }));
    const reader = browser(api);
    await reader(A);
    for (let i = 0; i < 20; i += 1) expect((await reader(A)).status).toBe(200);
    await reader(B);
    expect((await reader(C)).json.reason).toBe('meter-used-up');
  });

  test('bounded: past the cap of readers, the one read longest ago is forgotten', async () => {
    const { api } = start({
      limits: { sandboxWorld: { sessions: 3, throttle: 3, accounts: 3, meters: 3, gifts: 3, inbox: 3, tokens: 3 } },
    });
    const sandbox = sandboxed(api, await createSandbox(api));
    await setModel(sandbox, METERED({ limit: 1 }));
    const visitors: string[] = [];
    for (let i = 0; i < 4; i += 1) visitors.push((await read(sandbox, A)).setVisitor ?? '');
    const [oldest = '', newest = ''] = [visitors[0], visitors[3]];
    expect((await read(sandbox, B, { visitor: newest })).json.reason).toBe('meter-used-up');
    expect((await read(sandbox, B, { visitor: oldest })).status).toBe(200);
  });
});

describe('GET /api/meter', () => {
  test('null unless the model is metered', async () => {
    const { api } = start();
    for (const model of ['hard', 'registration', 'free']) {
      await setModel(api, { model });
      expect((await read(api, A, {}, METER)).json).toEqual({ meter: null });
    }
  });

  test('where the reader stands, counting nothing', async () => {
    const { api } = start();
    await setModel(api, { model: 'metered' });
    const fresh = await read(api, A, {}, METER);
    expect(fresh.json).toEqual({
      meter: {
        used: 0,
        limit: 3,
        remaining: 3,
        window: 'calendar-month',
        counts: 'articles',
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    });
    expect(fresh.setCookies).toEqual([]);
    const reader = browser(api);
    const visitor = (await reader(A)).setVisitor ?? '';
    for (let i = 0; i < 3; i += 1) {
      expect((await read(api, A, { visitor }, METER)).json).toMatchObject({ meter: { used: 1, remaining: 2 } });
    }
  });

  test('by account when logged in; null for a subscriber, whom no meter stops', async () => {
    const { api } = start();
    await setModel(api, { model: 'metered', meter: { limit: 2, window: 'rolling-30-days' } });
    const session = await logIn(api, 'reader@example.com');
    await read(api, A, { session });
    expect((await read(api, A, { session }, METER)).json).toEqual({
      meter: { used: 1, limit: 2, remaining: 1, window: 'rolling-30-days', counts: 'articles' },
    });
    const subscriber = await logIn(api, 'subscriber@example.com');
    expect((await read(api, A, { session: subscriber }, METER)).json).toEqual({ meter: null });
  });

  test.each(['POST', 'PUT', 'DELETE'])('%s: 405 with Allow: GET', async (method) => {
    const response = await start().api(request(METER, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
  });
});

describe('worlds', () => {
  test('a sandbox’s model and meters are its own', async () => {
    const { api } = start();
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    await setModel(one, { model: 'metered', meter: { limit: 1 } });
    expect(await body(await two(request(PAYWALL)))).toEqual({ model: 'hard' });
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
    await setModel(two, { model: 'metered', meter: { limit: 1 } });
    const visitor = (await read(one, A)).setVisitor ?? '';
    expect((await read(one, B, { visitor })).json.reason).toBe('meter-used-up');
    // The same browser in the other sandbox has read nothing there.
    expect((await read(two, B, { visitor })).status).toBe(200);
    expect((await read(api, B, { visitor })).json.reason).toBe('sign-in');
  });

  test('reset puts back the hard paywall and forgets every meter, and says so', async () => {
    const { api } = start();
    await setModel(api, { model: 'metered', meter: { limit: 1 } });
    const visitor = (await read(api, A)).setVisitor ?? '';
    const reset = await api(request('/api/test/reset', { method: 'POST' }));
    expect(await body(reset)).toEqual({
      cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
    });
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
    await setModel(api, { model: 'metered', meter: { limit: 1 } });
    expect((await read(api, B, { visitor })).status).toBe(200);
  });

  test('reset keeping sessions clears the paywall too', async () => {
    const { api } = start();
    await setModel(api, { model: 'free' });
    const reset = await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(await body(reset)).toEqual({
      cleared: ['throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens'],
    });
    expect(await body(await api(request(PAYWALL)))).toEqual({ model: 'hard' });
  });

  test('a world that never left the hard paywall resets as before: "paywall" is not named', async () => {
    const { api } = start();
    const reset = await api(request('/api/test/reset', { method: 'POST' }));
    expect(await body(reset)).toEqual({
      cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
    });
  });

  test('a deleted sandbox takes its model with it', async () => {
    const { api } = start();
    const id = await createSandbox(api);
    await setModel(sandboxed(api, id), { model: 'free' });
    await api(request(`/api/sandboxes/${id}`, { method: 'DELETE' }));
    const again = sandboxed(api, id);
    expect((await again(request(PAYWALL))).status).toBe(404);
  });
});

describe('GET /api/paywall', () => {
  const PUBLIC = '/api/paywall';

  test('the hard paywall by default, with no meter, counting nothing; served without test hooks', async () => {
    const { api } = start({ testHooks: false });
    const response = await api(request(PUBLIC));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await body(response)).toEqual({ model: 'hard', meter: null });
  });

  test('reflects a PUT in a sandbox, with the meter as GET /api/meter gives it', async () => {
    const { api } = start();
    const one = sandboxed(api, await createSandbox(api));
    await setModel(one, { model: 'metered', meter: { limit: 2, counts: 'views' } });
    const visitor = (await read(one, A)).setVisitor ?? '';
    const answer = await read(one, A, { visitor }, PUBLIC);
    expect(answer.json).toEqual({ model: 'metered', meter: (await read(one, A, { visitor }, METER)).json.meter });
    expect(answer.json).toMatchObject({ meter: { used: 1, limit: 2, remaining: 1, counts: 'views' } });
    expect((await read(one, A, { visitor }, PUBLIC)).json).toMatchObject({ meter: { used: 1 } });
    await setModel(one, { model: 'registration' });
    expect(await body(await one(request(PUBLIC)))).toEqual({ model: 'registration', meter: null });
  });

  test('each sandbox has its own model', async () => {
    const { api } = start();
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    await setModel(one, { model: 'free' });
    expect(await body(await one(request(PUBLIC)))).toEqual({ model: 'free', meter: null });
    expect(await body(await two(request(PUBLIC)))).toEqual({ model: 'hard', meter: null });
    expect(await body(await api(request(PUBLIC)))).toEqual({ model: 'hard', meter: null });
  });

  test.each(['POST', 'PUT', 'DELETE'])('%s: 405 with Allow: GET', async (method) => {
    const response = await start().api(request(PUBLIC, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
  });
});
