// "Continue with Example ID": the mock identity provider (authorize, consent, token, userinfo) and
// Lede's client of it (start, callback), each rule by the injected clock, in sandboxes.
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../paywall/personas.ts';
import { ATTEMPT_COOKIE } from './example-id-sign-in.ts';
import { CODE_LIFETIME_MS, codeChallenge } from './example-id.ts';
import {
  MINUTE,
  SECOND,
  body,
  createSandbox,
  credentials,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';
import type { ApiHandler } from './handler.ts';

const ORIGIN = 'http://localhost';
const CALLBACK = `${ORIGIN}/api/oauth/example-id/callback`;
const VERIFIER = 'v'.repeat(43);

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return request(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
}

function withCookie(path: string, cookie: string): Request {
  return request(path, { headers: { Cookie: cookie } });
}

function locationOf(response: Response): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers.get('Location') ?? '');
}

function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** The attempt cookie a start set, as the browser sends it back. */
function attemptFrom(response: Response): string {
  const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${ATTEMPT_COOKIE}=`)) ?? '';
  return set.split(';')[0] ?? '';
}

/** A browser's walk to Example ID's consent: the attempt cookie, and the authorization request's fields. */
async function start(api: ApiHandler, next = '/articles/x') {
  const started = await api(request(`/api/oauth/example-id/start?next=${encodeURIComponent(next)}`));
  const authorize = locationOf(started);
  expect(authorize.pathname).toBe('/example-id/authorize');
  return { cookie: attemptFrom(started), authorize, fields: Object.fromEntries(authorize.searchParams) };
}

/** The reader's answer on the consent page: the provider's redirect back to Lede. */
async function answer(
  api: ApiHandler,
  fields: Record<string, string>,
  choice: { account?: string; other?: string; decision?: 'allow' | 'deny' } = {},
): Promise<Response> {
  const { account = 'ada@example-id.test', decision = 'allow', other } = choice;
  return api(
    form('/example-id/authorize', { ...fields, account, decision, ...(other === undefined ? {} : { other }) }),
  );
}

/** The whole walk, up to the callback's answer. */
async function signInWithExampleId(
  api: ApiHandler,
  account = 'ada@example-id.test',
  next = '/articles/x',
  other?: string,
) {
  const { cookie, fields } = await start(api, next);
  const back = locationOf(await answer(api, fields, { account, ...(other === undefined ? {} : { other }) }));
  return api(withCookie(pathOf(back), cookie));
}

/** An authorization code for `challenge`, straight from the provider, as Lede's callback would receive it. */
async function codeFor(api: ApiHandler, challenge = codeChallenge(VERIFIER), account = 'ada@example-id.test') {
  const back = locationOf(
    await answer(
      api,
      {
        response_type: 'code',
        client_id: 'lede',
        redirect_uri: CALLBACK,
        scope: 'openid email',
        state: 'xyz',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
      { account },
    ),
  );
  expect(back.searchParams.get('state')).toBe('xyz');
  return back.searchParams.get('code') ?? '';
}

function exchange(api: ApiHandler, code: string, overrides: Record<string, string> = {}): Promise<Response> {
  return api(
    form('/example-id/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      client_id: 'lede',
      code_verifier: VERIFIER,
      ...overrides,
    }),
  );
}

function problemOf(response: Response): string | null {
  const where = locationOf(response);
  expect(where.pathname).toBe('/account/sign-in-problem');
  return where.searchParams.get('reason');
}

describe('the authorization request', () => {
  test('start: a state, an S256 challenge, Lede as client with its own callback, and an HttpOnly Lax cookie for the attempt', async () => {
    const { api } = setup();
    const started = await api(request('/api/oauth/example-id/start?next=/articles/x'));
    const authorize = locationOf(started);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'lede',
      redirect_uri: CALLBACK,
      scope: 'openid email',
      state: expect.stringMatching(/^[\w-]{22}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    const cookie = started.headers.getSetCookie().find((each) => each.startsWith(`${ATTEMPT_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/oauth\/example-id/);
    // Two starts: two states, two verifiers.
    const again = locationOf(await api(request('/api/oauth/example-id/start')));
    expect(again.searchParams.get('state')).not.toBe(authorize.searchParams.get('state'));
    expect(again.searchParams.get('code_challenge')).not.toBe(authorize.searchParams.get('code_challenge'));
  });

  test('the consent page: a heading, every account with a label, Allow and Deny, no script, no inline style', async () => {
    const { api } = setup();
    const { authorize } = await start(api);
    const page = await api(request(pathOf(authorize)));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<h1>Sign in to Lede with Example ID</h1>');
    expect(html).toContain('Example ID</strong> — a mock identity provider');
    for (const email of ['ada@example-id.test', 'unverified@example-id.test', 'denies@example-id.test']) {
      expect(html).toMatch(new RegExp(`<label for="account-\\d">${email}</label>`));
    }
    expect(html).toContain('<button type="submit" class="allow" name="decision" value="allow">Allow</button>');
    expect(html).toContain('value="deny">Deny</button>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  test.each([
    ['an unknown client', { client_id: 'someone-else' }, 'does not know the application “someone-else”'],
    ['no client', { client_id: '' }, 'does not know the application'],
    [
      'a redirect_uri on another site',
      { redirect_uri: 'https://evil.example/api/oauth/example-id/callback' },
      'may not be sent back',
    ],
    ['a redirect_uri elsewhere on Lede', { redirect_uri: `${ORIGIN}/articles/x` }, 'may not be sent back'],
  ])('%s: an error page, never a redirect', async (_what, change, words) => {
    const { api } = setup();
    const { fields } = await start(api);
    const query = new URLSearchParams({ ...fields, ...change }).toString();
    for (const response of [
      await api(request(`/example-id/authorize?${query}`)),
      await answer(api, { ...fields, ...change }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('Location')).toBeNull();
      expect(await response.text()).toContain(words);
    }
  });

  test.each([
    ['response_type', 'token'],
    ['code_challenge_method', 'plain'],
    ['code_challenge', 'too-short'],
  ])('%s=%s: back to Lede with error=invalid_request and the state', async (name, value) => {
    const { api } = setup();
    const { fields } = await start(api);
    const back = locationOf(
      await api(request(`/example-id/authorize?${new URLSearchParams({ ...fields, [name]: value })}`)),
    );
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe(fields.state);
  });

  test('a missing code_challenge is refused too: PKCE is not optional', async () => {
    const { api } = setup();
    const { fields } = await start(api);
    const { code_challenge: _left, ...rest } = fields;
    const back = locationOf(await api(request(`/example-id/authorize?${new URLSearchParams(rest)}`)));
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });

  test('Deny, or the account that always denies: error=access_denied with the state', async () => {
    const { api } = setup();
    const { fields } = await start(api);
    for (const choice of [{ decision: 'deny' as const }, { account: 'denies@example-id.test' }]) {
      const back = locationOf(await answer(api, fields, choice));
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('state')).toBe(fields.state);
      expect(back.searchParams.has('code')).toBe(false);
    }
  });

  test('Allow with nothing chosen, or a typed address that is none: the page again, with the error and what was typed', async () => {
    const { api } = setup();
    const { fields } = await start(api);
    const none = await api(form('/example-id/authorize', { ...fields, decision: 'allow' }));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose an account, or type an address.');
    const typo = await answer(api, fields, { account: 'other', other: 'not an address' });
    const html = await typo.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="not an address" aria-invalid="true"');
  });

  test('Allow: back to Lede with a code and the state', async () => {
    const { api } = setup();
    const { fields } = await start(api);
    const back = locationOf(await answer(api, fields));
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.get('state')).toBe(fields.state);
  });
});

describe('the token endpoint', () => {
  test('the code and its verifier → a Bearer token, which userinfo reads', async () => {
    const { api } = setup();
    const token = await exchange(api, await codeFor(api));
    expect(token.status).toBe(200);
    expect(token.headers.get('Cache-Control')).toBe('no-store');
    const issued = (await token.json()) as { access_token: string };
    expect(issued).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const info = await api(
      request('/example-id/userinfo', { headers: { Authorization: `Bearer ${issued.access_token}` } }),
    );
    expect(await body(info)).toEqual({
      sub: expect.any(String),
      email: 'ada@example-id.test',
      email_verified: true,
      name: 'Ada Lovelace',
    });
  });

  test('a verifier that does not match the challenge: invalid_grant', async () => {
    const { api } = setup();
    const code = await codeFor(api);
    const wrong = await exchange(api, code, { code_verifier: 'w'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await body(wrong)).toMatchObject({ error: 'invalid_grant' });
    // The right one still works: a wrong guess does not spend it.
    expect((await exchange(api, code)).status).toBe(200);
  });

  test('a code is good for 60 seconds by the world’s clock', async () => {
    const { api, advance } = setup();
    const code = await codeFor(api);
    advance(CODE_LIFETIME_MS - SECOND);
    expect((await exchange(api, code)).status).toBe(200);
    const late = await codeFor(api);
    advance(CODE_LIFETIME_MS);
    expect(await body(await exchange(api, late))).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('expired'),
    });
  });

  test('…and its sandbox’s clock moves it too', async () => {
    const { api } = setup();
    const sandbox = sandboxed(api, await createSandbox(api));
    const code = await codeFor(sandbox);
    const moved = await sandbox(
      request('/api/test/clock', {
        method: 'POST',
        body: '{"advanceBy":120000}',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(moved.status).toBe(200);
    expect(await body(await exchange(sandbox, code))).toMatchObject({ error: 'invalid_grant' });
  });

  test('a code used twice: invalid_grant, and the token it bought is revoked', async () => {
    const { api } = setup();
    const code = await codeFor(api);
    const { access_token } = (await (await exchange(api, code)).json()) as { access_token: string };
    const bearer = { headers: { Authorization: `Bearer ${access_token}` } };
    expect((await api(request('/example-id/userinfo', bearer))).status).toBe(200);
    expect(await body(await exchange(api, code))).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
    const revoked = await api(request('/example-id/userinfo', bearer));
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
  });

  test('a code exchanged twice at the same instant buys one token', async () => {
    const { api } = setup();
    const code = await codeFor(api);
    const answers = await Promise.all([exchange(api, code), exchange(api, code)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });

  test('a code is bound to its redirect_uri and client', async () => {
    const { api } = setup();
    const code = await codeFor(api);
    expect(await body(await exchange(api, code, { redirect_uri: `${ORIGIN}/elsewhere` }))).toMatchObject({
      error: 'invalid_grant',
    });
    expect(await body(await exchange(api, code, { client_id: 'someone-else' }))).toMatchObject({
      error: 'invalid_client',
    });
  });

  test.each([
    [{ grant_type: 'password' }, 'unsupported_grant_type'],
    [{ grant_type: '' }, 'unsupported_grant_type'],
    [{ code_verifier: 'short' }, 'invalid_request'],
    [{ code: 'made-up' }, 'invalid_grant'],
  ])('%j → %s (RFC 6749 §5.2)', async (change, error) => {
    const { api } = setup();
    const answered = await exchange(api, await codeFor(api), change);
    expect(answered.status).toBe(400);
    expect(await body(answered)).toMatchObject({ error, error_description: expect.any(String) });
  });

  test('missing fields, or JSON instead of a form: invalid_request', async () => {
    const { api } = setup();
    expect(await body(await api(form('/example-id/token', { grant_type: 'authorization_code' })))).toMatchObject({
      error: 'invalid_request',
    });
    expect(await body(await api(form('/example-id/token', {})))).toMatchObject({ error: 'invalid_request' });
    const asJson = await api(
      request('/example-id/token', {
        method: 'POST',
        body: '{"grant_type":"authorization_code"}',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(asJson.status).toBe(400);
    expect(await body(asJson)).toMatchObject({ error: 'invalid_request' });
  });

  test('userinfo without a token, or with a made-up one: 401', async () => {
    const { api } = setup();
    expect((await api(request('/example-id/userinfo'))).status).toBe(401);
    expect((await api(request('/example-id/userinfo', { headers: { Authorization: 'Bearer nope' } }))).status).toBe(
      401,
    );
  });

  test('a code from one sandbox means nothing in another, or in the default world', async () => {
    const { api } = setup();
    const one = sandboxed(api, await createSandbox(api));
    const other = sandboxed(api, await createSandbox(api));
    const code = await codeFor(one);
    expect(await body(await exchange(other, code))).toMatchObject({ error: 'invalid_grant' });
    expect(await body(await exchange(api, code))).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(one, code)).status).toBe(200);
  });
});

describe('signing in to Lede with Example ID', () => {
  test('ada: a new Lede account, signed in, back at `next`, the attempt cookie cleared', async () => {
    const { api } = setup();
    const done = await signInWithExampleId(api, 'ada@example-id.test', '/articles/x?a=1#p');
    expect(pathOf(locationOf(done)) + locationOf(done).hash).toBe('/articles/x?a=1#p');
    const cookies = done.headers.getSetCookie();
    expect(cookies.some((cookie) => cookie.startsWith(`${ATTEMPT_COOKIE}=;`) && /Max-Age=0/i.test(cookie))).toBe(true);
    const session = sessionIdFrom(
      new Response(null, { headers: { 'Set-Cookie': cookies.find((c) => c.startsWith('lede_session=')) ?? '' } }),
    );
    expect(await whoAmI(api, session)).toMatchObject({
      reader: { email: 'ada@example-id.test', subscription: { status: 'none' } },
    });
  });

  test('the account it created has no password: no password opens it, and signing in again finds it', async () => {
    const { api } = setup();
    await signInWithExampleId(api);
    for (const password of ['', DEMO_PASSWORD, 'anything at all']) {
      expect((await api(postLogin(credentials('ada@example-id.test', password)))).status).toBe(401);
    }
    // Nor can anyone claim the address with a password of their own.
    await api(
      request('/api/accounts', {
        method: 'POST',
        body: credentials('ada@example-id.test', 'a long password'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect((await api(postLogin(credentials('ada@example-id.test', 'a long password')))).status).toBe(401);
    const again = await signInWithExampleId(api);
    expect(locationOf(again).pathname).toBe('/articles/x');
  });

  test('a typed address that is a persona’s signs in to that persona (linked by verified email)', async () => {
    const { api } = setup();
    const done = await signInWithExampleId(api, 'other', '/', 'Subscriber@Example.com');
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith('lede_session=')) ?? '';
    const session = cookie.split(';')[0]?.split('=')[1] ?? '';
    expect(await whoAmI(api, session)).toMatchObject({
      reader: { email: 'subscriber@example.com', subscription: { status: 'active' } },
    });
  });

  test('an account created with a password is linked, and keeps its password', async () => {
    const { api } = setup();
    await api(
      request('/api/accounts', {
        method: 'POST',
        body: credentials('mine@example.com', 'my own password'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const done = await signInWithExampleId(api, 'other', '/', 'mine@example.com');
    expect(locationOf(done).pathname).toBe('/');
    expect((await api(postLogin(credentials('mine@example.com', 'my own password')))).status).toBe(200);
  });

  test('a new address and a known one get the same kind of answer: nothing tells whether Lede had an account', async () => {
    const { api } = setup();
    await api(
      request('/api/accounts', {
        method: 'POST',
        body: credentials('known@example.com', 'a long password'),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const known = await signInWithExampleId(api, 'other', '/articles/x', 'known@example.com');
    const fresh = await signInWithExampleId(api, 'other', '/articles/x', 'fresh@example.com');
    for (const done of [known, fresh]) {
      expect(done.status).toBe(302);
      expect(done.headers.get('Location')).toBe(`${ORIGIN}/articles/x`);
      expect(done.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(
        known.headers.getSetCookie().map((cookie) => cookie.split('=')[0]),
      );
    }
  });

  test('unverified: the problem page, email-unverified, and no account made', async () => {
    const { api } = setup();
    const done = await signInWithExampleId(api, 'unverified@example-id.test');
    expect(problemOf(done)).toBe('email-unverified');
    expect(done.headers.getSetCookie().some((cookie) => cookie.startsWith('lede_session='))).toBe(false);
  });

  test('denied: access-denied, and the problem page keeps `next` for a new try', async () => {
    const { api } = setup();
    const done = await signInWithExampleId(api, 'denies@example-id.test', '/articles/x');
    expect(problemOf(done)).toBe('access-denied');
    expect(locationOf(done).searchParams.get('next')).toBe('/articles/x');
  });

  test('a locked persona is not opened by Example ID either', async () => {
    const { api } = setup();
    expect(problemOf(await signInWithExampleId(api, 'other', '/', 'locked@example.com'))).toBe('account-locked');
  });

  test('state: another browser’s callback, a changed state, no cookie, or an attempt used once — state-mismatch', async () => {
    const { api } = setup();
    const mine = await start(api);
    const theirs = await start(api);
    const back = locationOf(await answer(api, mine.fields));
    // Another browser's attempt cookie.
    expect(problemOf(await api(withCookie(pathOf(back), theirs.cookie)))).toBe('state-mismatch');
    // No cookie at all.
    const again = await start(api);
    const backAgain = locationOf(await answer(api, again.fields));
    expect(problemOf(await api(request(pathOf(backAgain))))).toBe('state-mismatch');
    // The state edited.
    const third = await start(api);
    const edited = locationOf(await answer(api, third.fields));
    edited.searchParams.set('state', 'edited');
    expect(problemOf(await api(withCookie(pathOf(edited), third.cookie)))).toBe('state-mismatch');
    // The same, untouched, after its attempt was spent by the edited try.
    edited.searchParams.set('state', third.fields.state ?? '');
    expect(problemOf(await api(withCookie(pathOf(edited), third.cookie)))).toBe('state-mismatch');
  });

  test('the attempt lasts 10 minutes by the world’s clock', async () => {
    const { api, advance } = setup();
    const { cookie, fields } = await start(api);
    advance(10 * MINUTE);
    const back = locationOf(await answer(api, fields));
    expect(problemOf(await api(withCookie(pathOf(back), cookie)))).toBe('state-mismatch');
  });

  test('the code expired on the way back (the clock moved 2 minutes): code-expired', async () => {
    const { api, advance } = setup();
    const { cookie, fields } = await start(api);
    const back = locationOf(await answer(api, fields));
    advance(2 * MINUTE);
    expect(problemOf(await api(withCookie(pathOf(back), cookie)))).toBe('code-expired');
  });

  test('a callback replayed with a fresh attempt: code-used', async () => {
    const { api } = setup();
    const first = await start(api);
    const back = locationOf(await answer(api, first.fields));
    expect(locationOf(await api(withCookie(pathOf(back), first.cookie))).pathname).toBe('/articles/x');
    // A replay needs this browser's state to pass: an attacker with the code alone is stopped there already.
    const replay = await start(api);
    const replayed = new URL(back);
    replayed.searchParams.set('state', replay.fields.state ?? '');
    expect(problemOf(await api(withCookie(pathOf(replayed), replay.cookie)))).toBe('code-used');
    // Replayed with the spent attempt: the state no longer matches anything.
    expect(problemOf(await api(withCookie(pathOf(back), first.cookie)))).toBe('state-mismatch');
  });

  test('a provider error other than a denial: provider-error', async () => {
    const { api } = setup();
    const { cookie, fields } = await start(api);
    const path = `/api/oauth/example-id/callback?error=server_error&state=${encodeURIComponent(fields.state ?? '')}`;
    expect(problemOf(await api(withCookie(path, cookie)))).toBe('provider-error');
  });

  test.each(['https://evil.example/', '//evil.example', '/login'])('next=%j returns home', async (next) => {
    const { api } = setup();
    expect(locationOf(await signInWithExampleId(api, 'ada@example-id.test', next)).href).toBe(`${ORIGIN}/`);
  });

  test('sandboxes: an attempt, a code and the account it made stay in their own world', async () => {
    const { api } = setup();
    const one = sandboxed(api, await createSandbox(api));
    const other = sandboxed(api, await createSandbox(api));
    const { cookie, fields } = await start(one);
    const back = locationOf(await answer(one, fields));
    // The other sandbox knows neither the attempt nor the code.
    expect(problemOf(await other(withCookie(pathOf(back), cookie)))).toBe('state-mismatch');
    const done = await one(withCookie(pathOf(back), cookie));
    expect(locationOf(done).pathname).toBe('/articles/x');
    const session = (done.headers.getSetCookie().find((c) => c.startsWith('lede_session=')) ?? '').split(';')[0] ?? '';
    expect(await body(await one(request('/api/session', { headers: { Cookie: session } })))).toMatchObject({
      reader: { email: 'ada@example-id.test' },
    });
    expect(await body(await other(request('/api/session', { headers: { Cookie: session } })))).toEqual({
      reader: null,
    });
  });

  test('a cross-origin POST to the consent form is refused', async () => {
    const { api } = setup();
    const { fields } = await start(api);
    const refused = await api(
      form(
        '/example-id/authorize',
        { ...fields, account: 'ada@example-id.test', decision: 'allow' },
        { Origin: 'https://evil.example' },
      ),
    );
    expect(refused.status).toBe(403);
  });
});
