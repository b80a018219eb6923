// Signing in by email: asking for a link and code (POST /api/sign-in-links), then the link
// (POST /api/session/link) or the code (POST /api/session/code), by the injected clock.
import { describe, expect, test } from 'vitest';
import { CODE_SPENT, LINK_EXPIRED, LINK_INVALID, LINK_REQUESTED, LINK_USED, WRONG_CODE } from './sign-in-links.ts';
import {
  DAY,
  HOUR,
  MINUTE,
  REST,
  T0,
  body,
  createSandbox,
  expectNoGatedText,
  gated,
  iso,
  post,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';
import type { ApiHandler } from './handler.ts';
import type { Mail } from './inbox.ts';
import type { Collection, Store } from './store/store.ts';

const LINKS = '/api/sign-in-links';
const BY_LINK = '/api/session/link';
const BY_CODE = '/api/session/code';

function ask(api: ApiHandler, email: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return api(post(LINKS, JSON.stringify({ email, ...extra }), { contentType: 'application/json' }));
}

async function latestMail(api: ApiHandler, to: string): Promise<Mail | undefined> {
  const { messages } = (await body(await api(request(`/api/test/inbox?to=${encodeURIComponent(to)}`)))) as {
    messages: Mail[];
  };
  return messages[0];
}

/** Asks for a link and code for `email`, and reads them from the inbox. */
async function sent(api: ApiHandler, email: string, extra: Record<string, unknown> = {}) {
  expect((await ask(api, email, extra)).status).toBe(202);
  const mail = await latestMail(api, email);
  if (mail?.code === undefined || mail.links[0] === undefined) throw new Error(`no sign-in mail for ${email}`);
  const link = new URL(mail.links[0]);
  return { mail, link, token: link.searchParams.get('token') ?? '', code: mail.code };
}

function byLink(api: ApiHandler, token: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return api(post(BY_LINK, JSON.stringify({ token, ...extra })));
}

function byCode(api: ApiHandler, email: string, code: string, extra: Record<string, unknown> = {}) {
  return api(post(BY_CODE, JSON.stringify({ email, code, ...extra })));
}

/** A code that is not `code`. */
function otherThan(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('asking for a sign-in link', () => {
  test('a known address: 202 and one message with the link, the code, and the 24 hours said in words', async () => {
    const { api } = setup();
    const response = await ask(api, 'Subscriber+L@Example.com ');
    expect(response.status).toBe(202);
    expect(await body(response)).toEqual({ message: LINK_REQUESTED });
    const { mail, link, code } = await sent(api, 'subscriber+l@example.com');
    expect(mail.subject).toBe('Your Lede sign-in link');
    expect(link.origin).toBe('http://localhost');
    expect(link.pathname).toBe('/account/sign-in-link');
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.text).toContain(link.href);
    expect(mail.text).toContain(code);
    expect(mail.text).toContain('24 hours');
    expect(mail.text).toContain('within 10 minutes of its first use');
    // Two requests (the one above, and sent's), two messages: each request sends one.
    expect(await api(request('/api/test/inbox?to=subscriber%2Bl@example.com')).then(body)).toMatchObject({
      messages: [{}, {}],
    });
  });

  test('an unknown address gets the identical answer, and nothing is sent', async () => {
    const { api } = setup();
    const known = await ask(api, 'reader@example.com');
    const unknown = await ask(api, 'nobody@example.com');
    expect(unknown.status).toBe(known.status);
    expect([...unknown.headers.keys()]).toEqual([...known.headers.keys()]);
    expect(await unknown.text()).toBe(await known.text());
    expect(await latestMail(api, 'nobody@example.com')).toBeUndefined();
  });

  test('known or unknown, the store does the same work (the message aside)', async () => {
    const work: string[] = [];
    const { api } = setup({ store: (store) => recording(store, work) });
    const workOf = async (email: string) => {
      work.length = 0;
      await ask(api, email);
      // One read of the account either way: a persona's and a created account's are kept apart.
      return work
        .filter((operation) => !operation.startsWith('inbox.'))
        .map((operation) => operation.replace(/^accounts:[a-z-]+/, 'accounts'));
    };
    await workOf('warm-up@example.com');
    expect(await workOf('reader@example.com')).toEqual(await workOf('nobody@example.com'));
  });

  test('a `next` path rides in the link; anything not a path of ours is left out', async () => {
    const { api } = setup();
    const { link } = await sent(api, 'reader@example.com', { next: '/articles/x?y=1' });
    expect(link.searchParams.get('next')).toBe('/articles/x?y=1');
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'articles/x']) {
      const { link: plain } = await sent(api, 'reader+n@example.com', { next });
      expect(plain.searchParams.has('next')).toBe(false);
    }
  });

  test.each([
    ['no body', undefined],
    ['no email', JSON.stringify({ remember: true })],
    ['a number', JSON.stringify({ email: 5 })],
    ['not an address', JSON.stringify({ email: 'reader' })],
    ['an address too long', JSON.stringify({ email: `${'a'.repeat(250)}@example.com` })],
  ])('%s is a 400 in our words', async (_, text) => {
    const { api } = setup();
    const response = await api(
      text === undefined ? request(LINKS, { method: 'POST' }) : post(LINKS, text, { contentType: 'application/json' }),
    );
    expect(response.status).toBe(400);
    expect((await body(response)) as { error: string }).toHaveProperty('error', expect.stringMatching(/^[A-Z].*\.$/));
  });

  test.each(['reader@example.com', 'nobody@example.com'])(
    'the 6th request within an hour for %s is 429 with Retry-After, then an hour after the first it works',
    async (email) => {
      const { api, advance } = setup();
      for (let i = 0; i < 5; i += 1) {
        expect((await ask(api, email)).status).toBe(202);
        advance(MINUTE);
      }
      const refused = await ask(api, email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBe(String(55 * 60));
      expect(await body(refused)).toEqual({
        error: 'Too many sign-in emails asked for this address. Try again in 55 minutes.',
        reason: 'throttled',
        retryAt: iso(T0 + HOUR),
      });
      advance(55 * MINUTE);
      expect((await ask(api, email)).status).toBe(202);
      // The other addresses were never held back.
      expect((await ask(api, 'subscriber@example.com')).status).toBe(202);
    },
  );

  test('known and unknown addresses are throttled identically', async () => {
    const { api } = setup();
    for (let i = 0; i < 5; i += 1) {
      await ask(api, 'reader@example.com');
      await ask(api, 'nobody@example.com');
    }
    const known = await ask(api, 'reader@example.com');
    const unknown = await ask(api, 'nobody@example.com');
    expect(known.status).toBe(429);
    expect(unknown.headers.get('Retry-After')).toBe(known.headers.get('Retry-After'));
    expect(await unknown.text()).toBe(await known.text());
  });
});

describe('signing in by link', () => {
  test('the link signs in as its account, and the session reads gated text', async () => {
    const { api } = setup();
    const { token } = await sent(api, 'subscriber+link@example.com');
    const response = await byLink(api, token);
    expect(response.status).toBe(200);
    const cookie = sessionIdFrom(response);
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: { email: 'subscriber+link@example.com' } });
    const rest = await api(request(REST, { cookie }));
    expect(await rest.json()).toMatchObject({ paragraphs: gated });
  });

  test('`remember` asked for with the link gives the 30-day cookie; the sign-in call may say otherwise', async () => {
    const { api } = setup();
    const { token } = await sent(api, 'reader+r@example.com', { remember: true });
    expect((await byLink(api, token)).headers.get('Set-Cookie')).toMatch(/Max-Age=/);
    const { token: second } = await sent(api, 'reader+r@example.com', { remember: true });
    expect((await byLink(api, second, { remember: false })).headers.get('Set-Cookie')).not.toMatch(/Max-Age=/);
  });

  test('it opens again within 10 minutes of its first use (a scanner came first), then says "used"', async () => {
    const { api, advance } = setup();
    const { token } = await sent(api, 'reader@example.com');
    advance(2 * HOUR);
    expect((await byLink(api, token)).status).toBe(200); // the scanner
    advance(9 * MINUTE);
    expect((await byLink(api, token)).status).toBe(200); // the reader
    advance(MINUTE);
    const used = await byLink(api, token);
    expect(used.status).toBe(410);
    expect(used.headers.get('Set-Cookie')).toBeNull();
    expect(await body(used)).toEqual({ error: LINK_USED, reason: 'used', email: 'reader@example.com' });
  });

  test('after 24 hours it has expired (410), used or not', async () => {
    const { api, advance } = setup();
    const { token } = await sent(api, 'reader@example.com');
    advance(DAY - 1);
    const { token: second } = await sent(api, 'reader@example.com');
    advance(1);
    expect(await byLink(api, token).then(body)).toEqual({
      error: LINK_EXPIRED,
      reason: 'expired',
      email: 'reader@example.com',
    });
    expect((await byLink(api, second)).status).toBe(200);
  });

  test('a new request leaves the old link valid', async () => {
    const { api } = setup();
    const { token: first } = await sent(api, 'reader@example.com');
    await sent(api, 'reader@example.com');
    expect((await byLink(api, first)).status).toBe(200);
  });

  test.each([
    ['forged', 'x'.repeat(43)],
    ['empty', ''],
    ['absurd', '\u0000'.repeat(1000)],
  ])('a %s token is 400 "invalid"', async (_, token) => {
    const { api } = setup();
    const response = await byLink(api, token);
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: LINK_INVALID, reason: 'invalid' });
  });

  test('a link is bound to its world: another sandbox does not know it', async () => {
    const { api } = setup();
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    const { token } = await sent(one, 'reader@example.com');
    expect(await latestMail(two, 'reader@example.com')).toBeUndefined();
    expect((await byLink(two, token)).status).toBe(400);
    expect((await byLink(api, token)).status).toBe(400);
    expect((await byLink(one, token)).status).toBe(200);
  });

  test('the scanned persona: its link counts as opened when sent, so 10 minutes later it is "used"', async () => {
    const { api, advance } = setup();
    const { token } = await sent(api, 'scanned@example.com');
    advance(9 * MINUTE);
    expect((await byLink(api, token)).status).toBe(200);
    const { token: later } = await sent(api, 'scanned@example.com');
    advance(11 * MINUTE);
    expect(await byLink(api, later).then(body)).toEqual({
      error: LINK_USED,
      reason: 'used',
      email: 'scanned@example.com',
    });
  });

  test('the locked persona is locked this way in too; the link stays unused', async () => {
    const { api } = setup();
    const { token } = await sent(api, 'locked@example.com');
    expect(await byLink(api, token).then(body)).toEqual({ error: 'This account is locked.', reason: 'locked' });
  });

  test('a bad body is a 400 with the shape to send', async () => {
    const { api } = setup();
    const response = await api(post(BY_LINK, JSON.stringify({ token: 5 })));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({
      error: 'Expected a JSON object { "token": string, "remember"?: boolean }.',
    });
  });
});

describe('signing in by code', () => {
  test('the code signs in, once', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'subscriber+code@example.com');
    const response = await byCode(api, ' Subscriber+Code@example.com', code);
    expect(response.status).toBe(200);
    expect(await whoAmI(api, sessionIdFrom(response))).toMatchObject({
      reader: { email: 'subscriber+code@example.com' },
    });
    expect(await byCode(api, 'subscriber+code@example.com', code).then(body)).toMatchObject({ reason: 'used' });
  });

  test('a wrong code and an unknown address get the same 401', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'reader@example.com');
    await ask(api, 'nobody@example.com');
    const wrong = await byCode(api, 'reader@example.com', otherThan(code));
    const unknown = await byCode(api, 'nobody@example.com', code);
    const neverAsked = await byCode(api, 'expired@example.com', code);
    for (const response of [wrong, unknown, neverAsked]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('Set-Cookie')).toBeNull();
      expect(await body(response)).toEqual({ error: WRONG_CODE, reason: 'wrong-code' });
    }
  });

  test('5 wrong tries spend the code: the 5th and after are 410 "too-many-attempts", the right code too', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'reader@example.com');
    for (let i = 0; i < 4; i += 1) expect((await byCode(api, 'reader@example.com', otherThan(code))).status).toBe(401);
    const fifth = await byCode(api, 'reader@example.com', otherThan(code));
    expect(fifth.status).toBe(410);
    expect(await body(fifth)).toEqual({ error: CODE_SPENT, reason: 'too-many-attempts' });
    expect(await byCode(api, 'reader@example.com', code).then(body)).toMatchObject({ reason: 'too-many-attempts' });
    // A new request brings a new code, with 5 tries of its own.
    const { code: fresh } = await sent(api, 'reader@example.com');
    expect((await byCode(api, 'reader@example.com', fresh)).status).toBe(200);
  });

  test('wrong tries sent in parallel each count: ten at once spend the code, the right one too', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'reader+parallel@example.com');
    const guesses = await Promise.all(
      Array.from({ length: 10 }, () => byCode(api, 'reader+parallel@example.com', otherThan(code))),
    );
    expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(4);
    expect(await byCode(api, 'reader+parallel@example.com', code).then(body)).toMatchObject({
      reason: 'too-many-attempts',
    });
  });

  test('the right code sent twice at the same instant signs in once', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'reader+twice@example.com');
    const answers = await Promise.all([1, 2].map(() => byCode(api, 'reader+twice@example.com', code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
  });

  test('an unknown address spends its tries the same way', async () => {
    const { api } = setup();
    await ask(api, 'reader@example.com');
    await ask(api, 'nobody@example.com');
    for (let i = 0; i < 5; i += 1) {
      const known = await byCode(api, 'reader@example.com', '123456');
      const unknown = await byCode(api, 'nobody@example.com', '123456');
      expect(unknown.status).toBe(known.status);
      expect(await unknown.text()).toBe(await known.text());
    }
  });

  test('a new request replaces the code: the old one is wrong', async () => {
    const { api } = setup();
    const { code: old } = await sent(api, 'reader@example.com');
    const { code: replaced } = await sent(api, 'reader@example.com');
    if (replaced !== old) expect((await byCode(api, 'reader@example.com', old)).status).toBe(401);
    expect((await byCode(api, 'reader@example.com', replaced)).status).toBe(200);
  });

  test('after 24 hours the code has expired (410)', async () => {
    const { api, advance } = setup();
    const { code } = await sent(api, 'reader@example.com');
    advance(DAY);
    expect(await byCode(api, 'reader@example.com', code).then(body)).toMatchObject({ reason: 'expired' });
  });

  test('a code is bound to its world', async () => {
    const { api } = setup();
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    const { code } = await sent(one, 'reader@example.com');
    expect((await byCode(two, 'reader@example.com', code)).status).toBe(401);
    expect((await byCode(one, 'reader@example.com', code)).status).toBe(200);
  });

  test.each(['12345', '1234567', 'abcdef', ' 123456'])('"%s" is not a code: 400, no try spent', async (code) => {
    const { api } = setup();
    await ask(api, 'reader@example.com');
    const response = await byCode(api, 'reader@example.com', code);
    expect(response.status).toBe(400);
    expect(await body(response)).toMatchObject({ error: 'Enter the 6-digit code from the email.' });
  });

  test('no gated text comes with any refusal', async () => {
    const { api } = setup();
    const { code } = await sent(api, 'subscriber@example.com');
    const text = await (await byCode(api, 'subscriber@example.com', otherThan(code))).text();
    expectNoGatedText(text);
  });
});

/** The store as a route sees it, noting each operation as "<collection>.<operation>". */
function recording(store: Store, log: string[]): Store {
  function wrap(name: string, collection: Collection): Collection {
    const noted =
      <A extends unknown[], R>(operation: string, run: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        log.push(`${name}.${operation}`);
        return run(...args);
      };
    return {
      get: noted('get', collection.get),
      put: noted('put', collection.put),
      delete: noted('delete', collection.delete),
      append: noted('append', collection.append),
      list: noted('list', collection.list),
      raise: noted('raise', collection.raise),
      size: noted('size', collection.size),
      clear: noted('clear', collection.clear),
    };
  }
  return {
    ...store,
    scope: (scopeName) => {
      const scope = store.scope(scopeName);
      return { collection: (spec) => wrap(spec.name, scope.collection(spec)) };
    },
  };
}
