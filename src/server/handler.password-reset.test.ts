// Password reset: asking for a link (the same answer for every address, one a minute per address),
// checking it before a password is typed, and setting the password with it (once, within the hour,
// every session of the account ended, the throttle's failures forgotten), each world apart.
import { describe, expect, test } from 'vitest';
import type { ApiHandler } from './handler.ts';
import {
  HOUR,
  MINUTE,
  SECOND,
  body,
  createSandbox,
  credentials,
  failLogins,
  logIn,
  post,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';
import { RESET_REQUESTED, RESET_SUBJECT } from './password-reset-routes.ts';

const ASK = '/api/password-resets';
const CHECK = '/api/password-resets/check';
const COMPLETE = '/api/password-resets/complete';
const NEW_PASSWORD = 'a new password';

function ask(api: ApiHandler, email: string): Promise<Response> {
  return api(post(ASK, JSON.stringify({ email })));
}

async function messagesTo(api: ApiHandler, email: string) {
  const answer = await api(request(`/api/test/inbox?to=${encodeURIComponent(email)}`));
  return ((await answer.json()) as { messages: { subject: string; text: string; links: string[] }[] }).messages;
}

/** Asks for a reset link for `email` and reads its token from the test inbox. */
async function resetToken(api: ApiHandler, email: string): Promise<string> {
  expect((await ask(api, email)).status).toBe(202);
  const [latest] = await messagesTo(api, email);
  const token = new URL(latest?.links[0] ?? 'http://x/').searchParams.get('token');
  if (token === null) throw new Error(`no reset link sent to ${email}`);
  return token;
}

function complete(api: ApiHandler, token: string, password = NEW_PASSWORD): Promise<Response> {
  return api(post(COMPLETE, JSON.stringify({ token, password })));
}

describe('asking for a reset link', () => {
  test('a known address is sent one message: the subject, the link on the request’s origin, the hour, "ignore this"', async () => {
    const { api } = setup();
    const answer = await ask(api, 'Reader+Reset@example.com');
    expect(answer.status).toBe(202);
    expect(await body(answer)).toEqual({ message: RESET_REQUESTED });
    const messages = await messagesTo(api, 'reader+reset@example.com');
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail?.subject).toBe(RESET_SUBJECT);
    expect(mail?.links).toHaveLength(1);
    expect(mail?.links[0]).toMatch(/^http:\/\/localhost\/account\/reset-password\?token=[\w-]{43}$/);
    expect(mail?.text).toContain(mail?.links[0]);
    expect(mail?.text).toContain('1 hour');
    expect(mail?.text).toContain('If you did not ask, ignore this');
  });

  test('an unknown address gets the same answer, and nothing is sent', async () => {
    const { api } = setup();
    const known = await ask(api, 'reader+known@example.com');
    const unknown = await ask(api, 'nobody@example.com');
    expect(unknown.status).toBe(known.status);
    expect(await body(unknown)).toEqual(await body(known));
    expect(await messagesTo(api, 'nobody@example.com')).toEqual([]);
  });

  test('one request a minute per address, known or not alike: 429 with retryAt and Retry-After', async () => {
    const { api, advance, now } = setup();
    for (const email of ['reader+limit@example.com', 'nobody+limit@example.com']) {
      expect((await ask(api, email)).status).toBe(202);
      advance(20 * SECOND);
      const refused = await ask(api, email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBe('40');
      expect(await body(refused)).toEqual({
        error: 'A link was asked for this address a moment ago. Try again in 40 seconds.',
        retryAt: new Date(now() + 40 * SECOND).toISOString(),
      });
      advance(40 * SECOND);
      expect((await ask(api, email)).status).toBe(202);
    }
    expect(await messagesTo(api, 'reader+limit@example.com')).toHaveLength(2);
  });

  test('a malformed body or something that is no address gets 400 in words', async () => {
    const { api } = setup();
    const malformed = await api(post(ASK, '{"mail":1}'));
    expect(malformed.status).toBe(400);
    expect(await body(malformed)).toEqual({ error: 'Expected a JSON object { "email": string }.' });
    const notAnAddress = await ask(api, 'reader');
    expect(notAnAddress.status).toBe(400);
    expect(await body(notAnAddress)).toMatchObject({ fields: { email: expect.any(String) } });
  });
});

describe('using a reset link', () => {
  test('check names the account before anything is typed; complete sets the password, and the old one stops working', async () => {
    const { api } = setup();
    const token = await resetToken(api, 'reader+set@example.com');
    const checked = await api(post(CHECK, JSON.stringify({ token })));
    expect(checked.status).toBe(200);
    expect(await body(checked)).toEqual({ email: 'reader+set@example.com' });
    const done = await complete(api, token);
    expect(done.status).toBe(200);
    expect(await body(done)).toEqual({ email: 'reader+set@example.com' });
    expect((await api(postLogin(credentials('reader+set@example.com')))).status).toBe(401);
    expect((await api(postLogin(credentials('reader+set@example.com', NEW_PASSWORD)))).status).toBe(200);
    // Another plus address of the persona keeps the demo password.
    expect((await api(postLogin(credentials('reader+other@example.com')))).status).toBe(200);
  });

  test('a created account’s password is reset too', async () => {
    const { api } = setup();
    const created = await api(
      post('/api/accounts', JSON.stringify({ email: 'new@example.com', password: 'first password' })),
    );
    expect(created.status).toBe(202);
    const token = await resetToken(api, 'new@example.com');
    expect((await complete(api, token)).status).toBe(200);
    expect((await api(postLogin(credentials('new@example.com', 'first password')))).status).toBe(401);
    expect((await api(postLogin(credentials('new@example.com', NEW_PASSWORD)))).status).toBe(200);
  });

  test('the link works once: then check and complete say "used" (410)', async () => {
    const { api } = setup();
    const token = await resetToken(api, 'reader+once@example.com');
    expect((await complete(api, token)).status).toBe(200);
    const again = await complete(api, token, 'another password');
    expect(again.status).toBe(410);
    expect(await body(again)).toMatchObject({ reason: 'used' });
    expect(await body(await api(post(CHECK, JSON.stringify({ token }))))).toMatchObject({ reason: 'used' });
    expect((await api(postLogin(credentials('reader+once@example.com', NEW_PASSWORD)))).status).toBe(200);
  });

  test('two uses at the same instant: one sets the password, the other is told "used"', async () => {
    const { api } = setup();
    const token = await resetToken(api, 'reader+race@example.com');
    const answers = await Promise.all([
      complete(api, token, 'first password'),
      complete(api, token, 'second password'),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    const won = answers[0]?.status === 200 ? 'first password' : 'second password';
    expect((await api(postLogin(credentials('reader+race@example.com', won)))).status).toBe(200);
  });

  test('setting the password spends every link sent before it', async () => {
    const { api, advance } = setup();
    const first = await resetToken(api, 'reader+two@example.com');
    advance(MINUTE);
    const second = await resetToken(api, 'reader+two@example.com');
    expect((await complete(api, second)).status).toBe(200);
    expect(await body(await api(post(CHECK, JSON.stringify({ token: first }))))).toMatchObject({ reason: 'used' });
    expect((await complete(api, first, 'an older link')).status).toBe(410);
    advance(MINUTE);
    expect((await complete(api, await resetToken(api, 'reader+two@example.com'), 'a third password')).status).toBe(200);
  });

  test('the link expires after 1 hour by the world’s clock: 410 "expired"', async () => {
    const { api, advance } = setup();
    const token = await resetToken(api, 'reader+late@example.com');
    advance(HOUR - SECOND);
    expect((await api(post(CHECK, JSON.stringify({ token })))).status).toBe(200);
    advance(SECOND);
    const late = await api(post(CHECK, JSON.stringify({ token })));
    expect(late.status).toBe(410);
    expect(await body(late)).toMatchObject({ reason: 'expired', error: expect.stringContaining('1 hour') });
    expect((await complete(api, token)).status).toBe(410);
  });

  test('a token that was never sent is "invalid" (400), however it is shaped', async () => {
    const { api } = setup();
    for (const token of ['x'.repeat(43), '', 'reader@example.com', '\u0000', 'y'.repeat(900)]) {
      const answer = await api(post(CHECK, JSON.stringify({ token })));
      expect(answer.status).toBe(400);
      expect(await body(answer)).toMatchObject({ reason: 'invalid' });
    }
    expect((await api(post(CHECK, '{"token":5}'))).status).toBe(400);
  });

  test('a password against the rule is refused by field, and the link still works after', async () => {
    const { api } = setup();
    const token = await resetToken(api, 'reader+short@example.com');
    const short = await complete(api, token, 'short');
    expect(short.status).toBe(400);
    expect(await body(short)).toMatchObject({ fields: { password: 'Use at least 8 characters.' } });
    expect((await complete(api, token)).status).toBe(200);
  });

  test('every session of the account ends, and each browser is told it was logged out elsewhere', async () => {
    const { api } = setup();
    const phone = await logIn(api, 'subscriber+reset@example.com');
    const laptop = await logIn(api, 'subscriber+reset@example.com', true);
    const someoneElse = await logIn(api, 'subscriber+bystander@example.com');
    expect((await complete(api, await resetToken(api, 'subscriber+reset@example.com'))).status).toBe(200);
    expect(await whoAmI(api, phone)).toEqual({ reader: null, ended: 'ended-elsewhere' });
    expect(await whoAmI(api, laptop)).toEqual({ reader: null, ended: 'ended-elsewhere' });
    expect(await whoAmI(api, someoneElse)).toMatchObject({ reader: { email: 'subscriber+bystander@example.com' } });
  });

  test('sessions past the account’s listed 20 end too', async () => {
    const { api, advance } = setup();
    const oldest = await logIn(api, 'reader+many@example.com');
    for (let i = 0; i < 24; i += 1) await logIn(api, 'reader+many@example.com');
    advance(SECOND);
    expect((await complete(api, await resetToken(api, 'reader+many@example.com'))).status).toBe(200);
    expect(await whoAmI(api, oldest)).toEqual({ reader: null, ended: 'ended-elsewhere' });
    const after = await api(postLogin(credentials('reader+many@example.com', NEW_PASSWORD)));
    expect(await whoAmI(api, sessionIdFrom(after))).toMatchObject({ reader: { email: 'reader+many@example.com' } });
  });

  test('the throttle forgets the address: a reset opens an address locked out by failed logins', async () => {
    const { api } = setup();
    await failLogins(api, 'reader+throttled@example.com', 5);
    expect((await api(postLogin(credentials('reader+throttled@example.com')))).status).toBe(429);
    expect((await complete(api, await resetToken(api, 'reader+throttled@example.com'))).status).toBe(200);
    expect((await api(postLogin(credentials('reader+throttled@example.com', NEW_PASSWORD)))).status).toBe(200);
  });

  test('a world’s reset link opens nothing in another world, and a world reset brings the demo password back', async () => {
    const { api } = setup({ testHooks: false });
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    const token = await resetToken(one, 'reader+world@example.com');
    expect(await body(await two(post(CHECK, JSON.stringify({ token }))))).toMatchObject({ reason: 'invalid' });
    expect(await messagesTo(two, 'reader+world@example.com')).toEqual([]);
    // The default world (no test hooks) neither: and its inbox is not served.
    expect(await body(await api(post(CHECK, JSON.stringify({ token }))))).toMatchObject({ reason: 'invalid' });
    expect((await complete(one, token)).status).toBe(200);
    expect((await two(postLogin(credentials('reader+world@example.com')))).status).toBe(200);
    expect((await one(post('/api/test/reset', ''))).status).toBe(200);
    expect((await one(postLogin(credentials('reader+world@example.com')))).status).toBe(200);
  });
});
