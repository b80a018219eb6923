// Sandboxes: POST/GET/DELETE /api/sandboxes, choosing a world by header or cookie, and the
// isolation of everything a world holds.
import { describe, expect, test } from 'vitest';
import { SANDBOX_COOKIE, SANDBOX_HEADER, SESSION_COOKIE } from './handler.ts';
import {
  HOUR,
  MINUTE,
  REST,
  SECOND,
  T0,
  body,
  createSandbox,
  credentials,
  failLogins,
  iso,
  logIn,
  post,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  waitFor,
  whoAmI,
} from './handler.testing.ts';
import { SANDBOX_IDLE_MS } from './sandboxes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('POST /api/sandboxes', () => {
  test('201 with a UUID, when it expires unused (an hour), and its Location', async () => {
    const { api } = setup({ testHooks: false });
    const response = await api(request('/api/sandboxes', { method: 'POST' }));
    expect(response.status).toBe(201);
    const created = (await body(response)) as { id: string; expiresAt: string };
    expect(created).toEqual({ id: expect.stringMatching(UUID), expiresAt: iso(T0 + HOUR) });
    expect(response.headers.get('Location')).toBe(`/api/sandboxes/${created.id}`);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(SANDBOX_IDLE_MS).toBe(HOUR);
  });

  test('every sandbox has a new id', async () => {
    const { api } = setup();
    const ids = await Promise.all(Array.from({ length: 20 }, () => createSandbox(api)));
    expect(new Set(ids).size).toBe(20);
  });

  test.each(['{}', '{"anything": 1}'])('takes no body, or a JSON object (%s)', async (text) => {
    const response = await setup().api(post('/api/sandboxes', text));
    expect(response.status).toBe(201);
  });

  test.each(['[]', 'null', '3', '"x"'])('a JSON body that is not an object (%s): 400', async (text) => {
    const response = await setup().api(post('/api/sandboxes', text));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: 'Expected no body, or a JSON object {}.' });
  });

  test('a cross-origin POST is refused (another site cannot fill the sandboxes)', async () => {
    const response = await setup().api(
      request('/api/sandboxes', { method: 'POST', headers: { Origin: 'https://evil.example' } }),
    );
    expect(response.status).toBe(403);
  });

  test.each(['GET', 'PUT', 'DELETE'])('%s /api/sandboxes: 405 with Allow: POST', async (method) => {
    const response = await setup().api(request('/api/sandboxes', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });

  test('at the cap: 503 with Retry-After until the oldest expires; never another sandbox evicted', async () => {
    const { api, advance } = setup({ limits: { sandboxes: 2 } });
    const first = await createSandbox(api);
    advance(10 * MINUTE);
    const second = await createSandbox(api);
    const refused = await api(request('/api/sandboxes', { method: 'POST' }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe(String((50 * MINUTE) / SECOND));
    expect(await body(refused)).toEqual({
      error: 'Every sandbox is in use. Try again later, or end one with DELETE /api/sandboxes/<id>.',
    });
    for (const id of [first, second]) expect((await api(request(`/api/sandboxes/${id}`))).status).toBe(200);
  });

  test('at the cap, ending a sandbox or letting one expire makes room', async () => {
    const { api, advance } = setup({ limits: { sandboxes: 1 } });
    const only = await createSandbox(api);
    expect((await api(request(`/api/sandboxes/${only}`, { method: 'DELETE' }))).status).toBe(200);
    await createSandbox(api);
    advance(HOUR);
    await createSandbox(api);
  });

  test('sandboxes ended and created again and again never cost a live sandbox its world', async () => {
    const { api, advance } = setup({ limits: { sandboxes: 2 } });
    const kept = await createSandbox(api);
    const cookie = await logIn(sandboxed(api, kept), 'subscriber@example.com', true);
    for (let round = 0; round < 10; round += 1) {
      advance(MINUTE);
      const passing = await createSandbox(api);
      await whoAmI(sandboxed(api, passing), '');
      expect((await api(request(`/api/sandboxes/${passing}`, { method: 'DELETE' }))).status).toBe(200);
    }
    expect(await whoAmI(sandboxed(api, kept), cookie)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
  });
});

describe('GET and DELETE /api/sandboxes/<id>', () => {
  test('GET: 200 with the id and the renewed expiry', async () => {
    const { api, advance } = setup();
    const id = await createSandbox(api);
    advance(20 * MINUTE);
    const response = await api(request(`/api/sandboxes/${id}`));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ id, expiresAt: iso(T0 + 20 * MINUTE + HOUR) });
  });

  test('the id is read in any case', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    expect((await api(request(`/api/sandboxes/${id.toUpperCase()}`))).status).toBe(200);
  });

  test('DELETE: 200, then the sandbox is gone for every request', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(request(`/api/sandboxes/${id}`, { method: 'DELETE' }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ deleted: id });
    expect((await api(request(`/api/sandboxes/${id}`))).status).toBe(404);
    expect((await sandboxed(api, id)(request('/api/session'))).status).toBe(404);
    expect((await api(request(`/api/sandboxes/${id}`, { method: 'DELETE' }))).status).toBe(404);
  });

  test.each([UNKNOWN, 'not-a-uuid', 'x'.repeat(500)])('an unknown id (%s): 404 that says so', async (id) => {
    const response = await setup().api(request(`/api/sandboxes/${id}`));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({
      error: expect.stringMatching(/^No sandbox ".*": it never existed, was deleted, or went unused for an hour\./),
      reason: 'unknown-sandbox',
    });
  });

  test.each(['POST', 'PUT'])('%s /api/sandboxes/<id>: 405 with Allow: GET, DELETE', async (method) => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(request(`/api/sandboxes/${id}`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, DELETE');
  });

  test('a cross-origin DELETE is refused', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(
      request(`/api/sandboxes/${id}`, { method: 'DELETE', headers: { Origin: 'https://evil.example' } }),
    );
    expect(response.status).toBe(403);
    expect((await api(request(`/api/sandboxes/${id}`))).status).toBe(200);
  });
});

describe('choosing a world', () => {
  test('the Lede-Sandbox header and the lede_sandbox cookie both name the sandbox', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const session = await logIn(sandboxed(api, id), 'subscriber@example.com');
    const byCookie = await api(
      request('/api/session', { headers: { Cookie: `${SANDBOX_COOKIE}=${id}; ${SESSION_COOKIE}=${session}` } }),
    );
    expect(await body(byCookie)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
    expect(await whoAmI(sandboxed(api, id), session)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
  });

  test('the header wins over the cookie', async () => {
    const { api } = setup();
    const [a, b] = [await createSandbox(api), await createSandbox(api)];
    const session = await logIn(sandboxed(api, a), 'subscriber@example.com');
    const response = await api(
      request('/api/session', {
        headers: { [SANDBOX_HEADER]: a, Cookie: `${SANDBOX_COOKIE}=${b}; ${SESSION_COOKIE}=${session}` },
      }),
    );
    expect(await body(response)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
  });

  test('an unknown or expired sandbox: 404 on every route, never the default world instead', async () => {
    const { api, advance } = setup();
    const expired = await createSandbox(api);
    advance(HOUR);
    for (const id of [UNKNOWN, expired]) {
      for (const each of [request('/api/session'), postLogin(credentials('subscriber@example.com')), request(REST)]) {
        const response = await sandboxed(api, id)(each);
        expect(response.status).toBe(404);
        expect(await body(response)).toMatchObject({ reason: 'unknown-sandbox' });
      }
    }
  });

  test.each<[string, Record<string, string>, string]>([
    ['a header that is no UUID', { [SANDBOX_HEADER]: 'sandbox-1' }, 'The Lede-Sandbox header is not a sandbox id'],
    ['an empty header', { [SANDBOX_HEADER]: '' }, 'The Lede-Sandbox header is not a sandbox id'],
    ['a cookie that is no UUID', { Cookie: `${SANDBOX_COOKIE}=%00` }, 'The lede_sandbox cookie is not a sandbox id'],
    [
      'two sandbox cookies',
      { Cookie: `${SANDBOX_COOKIE}=${UNKNOWN}; ${SANDBOX_COOKIE}=${UNKNOWN}` },
      'The request carries lede_sandbox more than once.',
    ],
  ])('%s: 400 that says so', async (_name, headers, error) => {
    const response = await setup().api(request('/api/session', { headers }));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: expect.stringContaining(error), reason: 'bad-sandbox' });
  });

  test('using a sandbox renews it: an hour from its last use, by the real clock', async () => {
    const { api, advance } = setup();
    const id = await createSandbox(api);
    for (let i = 0; i < 3; i += 1) {
      advance(50 * MINUTE);
      expect((await sandboxed(api, id)(request('/api/session'))).status).toBe(200);
    }
    advance(HOUR);
    expect((await sandboxed(api, id)(request('/api/session'))).status).toBe(404);
  });

  test('moving a sandbox’s own clock does not end the sandbox', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const moved = await sandboxed(api, id)(post('/api/test/clock', JSON.stringify({ advanceBy: 30 * 24 * HOUR })));
    expect(moved.status).toBe(200);
    expect((await sandboxed(api, id)(request('/api/session'))).status).toBe(200);
  });

  test('a session cookie from one sandbox names no session in another, nor in the default world', async () => {
    const { api } = setup();
    const [a, b] = [await createSandbox(api), await createSandbox(api)];
    const session = await logIn(sandboxed(api, a), 'subscriber@example.com');
    for (const other of [sandboxed(api, b), api]) {
      const response = await other(request('/api/session', { cookie: session }));
      expect(await body(response)).toEqual({ reader: null });
      expect(response.headers.get('Set-Cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    }
  });
});

describe('a sandbox is a world of its own', () => {
  async function worlds(): Promise<ReturnType<typeof setup> & { a: string; b: string }> {
    const harness = setup();
    return { ...harness, a: await createSandbox(harness.api), b: await createSandbox(harness.api) };
  }

  test('throttles: five failures in one sandbox refuse nobody elsewhere', async () => {
    const { api, a, b } = await worlds();
    await failLogins(sandboxed(api, a), 'reader@example.com', 5);
    expect((await sandboxed(api, a)(postLogin(credentials('reader@example.com')))).status).toBe(429);
    expect((await sandboxed(api, b)(postLogin(credentials('reader@example.com')))).status).toBe(200);
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test('subscriptions: subscribing in one sandbox leaves the persona unsubscribed elsewhere', async () => {
    const { api, a, b } = await worlds();
    const inA = sandboxed(api, a);
    const session = await logIn(inA, 'reader@example.com');
    expect((await inA(request('/api/subscription', { method: 'POST', cookie: session }))).status).toBe(200);
    expect((await inA(request(REST, { cookie: await logIn(inA, 'reader@example.com') }))).status).toBe(200);
    for (const elsewhere of [sandboxed(api, b), api]) {
      const cookie = await logIn(elsewhere, 'reader@example.com');
      expect((await elsewhere(request(REST, { cookie }))).status).toBe(403);
    }
  });

  test('the flaky persona fails its first attempt once in each world', async () => {
    const { api, a, b } = await worlds();
    for (const world of [sandboxed(api, a), sandboxed(api, b), api]) {
      expect((await world(postLogin(credentials('flaky@example.com')))).status).toBe(503);
      expect((await world(postLogin(credentials('flaky@example.com')))).status).toBe(200);
    }
  });

  test('reset: resetting one sandbox logs out nobody elsewhere', async () => {
    const { api, a, b } = await worlds();
    const inA = await logIn(sandboxed(api, a), 'subscriber@example.com');
    const inB = await logIn(sandboxed(api, b), 'subscriber@example.com');
    const inDefault = await logIn(api, 'subscriber@example.com');
    expect((await sandboxed(api, a)(request('/api/test/reset', { method: 'POST' }))).status).toBe(200);
    expect(await whoAmI(sandboxed(api, a), inA)).toEqual({ reader: null });
    expect(await whoAmI(sandboxed(api, b), inB)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
    expect(await whoAmI(api, inDefault)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
  });

  test('clocks: moving one sandbox’s clock past the idle limit ends its sessions only', async () => {
    const { api, a, b } = await worlds();
    const inA = await logIn(sandboxed(api, a), 'subscriber@example.com');
    const inB = await logIn(sandboxed(api, b), 'subscriber@example.com');
    await sandboxed(api, a)(post('/api/test/clock', JSON.stringify({ advanceBy: 31 * MINUTE })));
    expect(await whoAmI(sandboxed(api, a), inA)).toEqual({ reader: null });
    expect(await whoAmI(sandboxed(api, b), inB)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
    expect(await body(await sandboxed(api, b)(request('/api/test/clock')))).toEqual({ now: iso(T0) });
    expect(await body(await api(request('/api/test/clock')))).toEqual({ now: iso(T0) });
  });

  test('the test hooks are served in a sandbox even when the default world’s are off', async () => {
    const { api } = setup({ testHooks: false });
    const id = await createSandbox(api);
    expect((await api(request('/api/test/reset', { method: 'POST' }))).status).toBe(404);
    expect((await api(request('/api/test/clock'))).status).toBe(404);
    expect((await sandboxed(api, id)(request('/api/test/reset', { method: 'POST' }))).status).toBe(200);
    expect((await sandboxed(api, id)(request('/api/test/clock'))).status).toBe(200);
  });

  test('a sandbox holds at most its limits: past them the oldest sessions end', async () => {
    const { api } = setup({
      limits: { sandboxWorld: { sessions: 3, throttle: 3, accounts: 3, meters: 3, gifts: 3, inbox: 3, tokens: 3 } },
    });
    const id = await createSandbox(api);
    const sessions: string[] = [];
    for (let i = 0; i < 5; i += 1) sessions.push(await logIn(sandboxed(api, id), `subscriber+${i}@example.com`));
    const live = await Promise.all(
      sessions.map(async (cookie) => (await whoAmI(sandboxed(api, id), cookie)) as object),
    );
    expect(live.map((each) => 'reader' in each && each.reader !== null)).toEqual([false, false, true, true, true]);
  });
});

describe('a sandbox deleted while a request waits', () => {
  test('the slow persona’s request, decided after its delay, finds the sandbox gone: 404, no gated text', async () => {
    const released: (() => void)[] = [];
    const { api } = setup({ sleep: () => new Promise<void>((resolve) => released.push(resolve)) });
    const id = await createSandbox(api);
    const login = sandboxed(api, id)(postLogin(credentials('slow@example.com')));
    await waitFor(() => released.length === 1);
    released.shift()?.();
    const session = sessionIdFrom(await login);
    const reading = sandboxed(api, id)(request(REST, { cookie: session }));
    await waitFor(() => released.length === 1);
    expect((await api(request(`/api/sandboxes/${id}`, { method: 'DELETE' }))).status).toBe(200);
    released.shift()?.();
    const response = await reading;
    expect(response.status).toBe(404);
    expect(await body(response)).toMatchObject({ reason: 'unknown-sandbox' });
  });
});

describe('POST /api/sandboxes/leave', () => {
  test('clears the lede_sandbox cookie (it may be HttpOnly, so only the server can), and nothing else', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(
      request('/api/sandboxes/leave', { method: 'POST', headers: { Cookie: `${SANDBOX_COOKIE}=${id}` } }),
    );
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ left: true });
    expect(response.headers.get('Set-Cookie')).toBe(`${SANDBOX_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`);
    expect((await api(request(`/api/sandboxes/${id}`))).status).toBe(200);
  });

  test('over https the cleared cookie is Secure too', async () => {
    const response = await setup().api(new Request('https://localhost/api/sandboxes/leave', { method: 'POST' }));
    expect(response.headers.get('Set-Cookie')).toMatch(/; Secure/);
  });

  test('GET: 405 with Allow: POST; a cross-origin POST is refused', async () => {
    const { api } = setup();
    const get = await api(request('/api/sandboxes/leave'));
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('POST');
    const foreign = await api(
      request('/api/sandboxes/leave', { method: 'POST', headers: { Origin: 'https://evil.example' } }),
    );
    expect(foreign.status).toBe(403);
  });
});

describe('POST /api/sandboxes/join', () => {
  const join = (id: unknown) => post('/api/sandboxes/join', JSON.stringify({ id }));

  test('a live sandbox: 200 with its id and renewed expiry, and the browser carries it by an HttpOnly cookie', async () => {
    const { api, advance } = setup({ testHooks: false });
    const id = await createSandbox(api);
    advance(20 * MINUTE);
    const response = await api(join(id));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ id, expiresAt: iso(T0 + 20 * MINUTE + HOUR) });
    expect(response.headers.get('Set-Cookie')).toBe(`${SANDBOX_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    // The cookie names the sandbox for every request that carries it.
    const session = await logIn(sandboxed(api, id), 'subscriber@example.com');
    const byCookie = await api(
      request('/api/session', { headers: { Cookie: `${SANDBOX_COOKIE}=${id}; ${SESSION_COOKIE}=${session}` } }),
    );
    expect(await body(byCookie)).toMatchObject({ reader: { email: 'subscriber@example.com' } });
  });

  test('the id is read in any case, spaces around it ignored; the cookie holds it as every sandbox id is written', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(join(`  ${id.toUpperCase()}\n`));
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toMatch(new RegExp(`^${SANDBOX_COOKIE}=${id};`));
  });

  test('over https the cookie is Secure too', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(
      new Request('https://localhost/api/sandboxes/join', {
        method: 'POST',
        body: JSON.stringify({ id }),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.headers.get('Set-Cookie')).toMatch(/; Secure/);
  });

  test('a sandbox that never existed, was deleted or went unused for an hour: 404 unknown-sandbox, no cookie', async () => {
    const { api, advance } = setup();
    const deleted = await createSandbox(api);
    await api(request(`/api/sandboxes/${deleted}`, { method: 'DELETE' }));
    const expired = await createSandbox(api);
    advance(HOUR);
    for (const id of [UNKNOWN, deleted, expired]) {
      const response = await api(join(id));
      expect(response.status).toBe(404);
      expect(await body(response)).toMatchObject({ reason: 'unknown-sandbox' });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
  });

  test.each(['sandbox-1', '', 'x'.repeat(500), `${UNKNOWN}; Path=/`])(
    'an id that is no sandbox id (%j): 400 bad-sandbox, no cookie',
    async (id) => {
      const response = await setup().api(join(id));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: 'The "id" is not a sandbox id (a UUID from POST /api/sandboxes).',
        reason: 'bad-sandbox',
      });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    },
  );

  test.each(['', '{}', '[]', 'null', '{"id": 3}', '{"sandbox": "x"}'])(
    'a body of the wrong shape (%j): 400 that says what to send',
    async (text) => {
      const response = await setup().api(post('/api/sandboxes/join', text));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: 'Expected a JSON object { "id": "<a sandbox id from POST /api/sandboxes>" }.',
      });
    },
  );

  test('a body that is not JSON: 415, as for every JSON route', async () => {
    const response = await setup().api(post('/api/sandboxes/join', 'id=x', { contentType: 'text/plain' }));
    expect(response.status).toBe(415);
  });

  test('a cross-origin POST is refused (another site cannot put a browser in its sandbox)', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(
      request('/api/sandboxes/join', {
        method: 'POST',
        body: JSON.stringify({ id }),
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  test('a browser whose cookie names an ended sandbox can still join another', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const response = await api(
      request('/api/sandboxes/join', {
        method: 'POST',
        body: JSON.stringify({ id }),
        headers: { 'Content-Type': 'application/json', Cookie: `${SANDBOX_COOKIE}=${UNKNOWN}` },
      }),
    );
    expect(response.status).toBe(200);
  });

  test.each(['GET', 'PUT', 'DELETE'])('%s: 405 with Allow: POST', async (method) => {
    const response = await setup().api(request('/api/sandboxes/join', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });
});

describe('GET /api/sandboxes/current', () => {
  const current = (headers: Record<string, string> = {}) => request('/api/sandboxes/current', { headers });

  test.each([true, false])(
    'no sandbox named: 200 { sandbox: null } and whether the default world serves the test hooks (%s)',
    async (testHooks) => {
      const response = await setup({ testHooks }).api(current());
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ sandbox: null, testHooks });
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    },
  );

  test('by cookie or by header: 200 with the sandbox, its renewed expiry, and the test hooks on', async () => {
    const { api, advance } = setup({ testHooks: false });
    const id = await createSandbox(api);
    advance(10 * MINUTE);
    for (const headers of [{ Cookie: `${SANDBOX_COOKIE}=${id}` }, { [SANDBOX_HEADER]: id }]) {
      const response = await api(current(headers));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({
        sandbox: { id, expiresAt: iso(T0 + 10 * MINUTE + HOUR) },
        testHooks: true,
      });
    }
  });

  test('a sandbox that has ended: 404 unknown-sandbox, as every route answers', async () => {
    const { api, advance } = setup();
    const id = await createSandbox(api);
    advance(HOUR);
    const response = await api(current({ Cookie: `${SANDBOX_COOKIE}=${id}` }));
    expect(response.status).toBe(404);
    expect(await body(response)).toMatchObject({ reason: 'unknown-sandbox' });
  });

  test('a cookie that names no sandbox: 400 bad-sandbox', async () => {
    const response = await setup().api(current({ Cookie: `${SANDBOX_COOKIE}=nope` }));
    expect(response.status).toBe(400);
    expect(await body(response)).toMatchObject({ reason: 'bad-sandbox' });
  });

  test('joining, then asking: the answer names the sandbox joined', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const joined = await api(post('/api/sandboxes/join', JSON.stringify({ id })));
    const cookie = (joined.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    expect(await body(await api(current({ Cookie: cookie })))).toMatchObject({ sandbox: { id } });
  });

  test.each(['POST', 'DELETE'])('%s: 405 with Allow: GET', async (method) => {
    const response = await setup().api(request('/api/sandboxes/current', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
  });
});
