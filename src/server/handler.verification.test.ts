// Email verification: an account created on the site works at once and is unverified until the
// link sent to it (7 days, once) is opened; a signed-in reader may have it sent again once a minute.
import { describe, expect, test } from 'vitest';
import type { ApiHandler } from './handler.ts';
import {
  DAY,
  SECOND,
  body,
  createSandbox,
  credentials,
  post,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';
import { VERIFY_SUBJECT } from './verification-routes.ts';

const RESEND = '/api/account/verification';
const COMPLETE = '/api/account/verification/complete';
const PASSWORD = 'a good password';

async function messagesTo(api: ApiHandler, email: string) {
  const answer = await api(request(`/api/test/inbox?to=${encodeURIComponent(email)}`));
  return ((await answer.json()) as { messages: { subject: string; text: string; links: string[] }[] }).messages;
}

async function latestToken(api: ApiHandler, email: string): Promise<string> {
  const [latest] = await messagesTo(api, email);
  const token = new URL(latest?.links[0] ?? 'http://x/').searchParams.get('token');
  if (token === null) throw new Error(`no link sent to ${email}`);
  return token;
}

/** Creates an account and logs in: the session's id. */
async function join(api: ApiHandler, email: string): Promise<string> {
  expect((await api(post('/api/accounts', JSON.stringify({ email, password: PASSWORD })))).status).toBe(202);
  const login = await api(postLogin(credentials(email, PASSWORD)));
  expect(login.status).toBe(200);
  return sessionIdFrom(login);
}

function complete(api: ApiHandler, token: string): Promise<Response> {
  return api(post(COMPLETE, JSON.stringify({ token })));
}

describe('email verification', () => {
  test('a created account is usable at once, unverified, and sent one link; the link verifies it', async () => {
    const { api } = setup();
    const session = await join(api, 'new+v@example.com');
    expect(await whoAmI(api, session)).toMatchObject({ reader: { email: 'new+v@example.com', verified: false } });
    const messages = await messagesTo(api, 'new+v@example.com');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.subject).toBe(VERIFY_SUBJECT);
    expect(messages[0]?.links[0]).toMatch(/^http:\/\/localhost\/account\/verify-email\?token=[\w-]{43}$/);
    expect(messages[0]?.text).toContain('7 days');
    const done = await complete(api, await latestToken(api, 'new+v@example.com'));
    expect(await body(done)).toEqual({ email: 'new+v@example.com', verified: true });
    const { reader } = (await whoAmI(api, session)) as { reader: Record<string, unknown> };
    expect(reader).not.toHaveProperty('verified');
  });

  test('creating an account for an address that has one sends nothing, and personas are verified', async () => {
    const { api } = setup();
    await api(post('/api/accounts', JSON.stringify({ email: 'reader+v@example.com', password: PASSWORD })));
    expect(await messagesTo(api, 'reader+v@example.com')).toEqual([]);
    await join(api, 'twice@example.com');
    await api(post('/api/accounts', JSON.stringify({ email: 'twice@example.com', password: PASSWORD })));
    expect(await messagesTo(api, 'twice@example.com')).toHaveLength(1);
    const persona = await api(postLogin(credentials('reader+v@example.com')));
    expect(((await body(persona)) as { reader: Record<string, unknown> }).reader).not.toHaveProperty('verified');
  });

  test('the link works once, for 7 days by the world’s clock', async () => {
    const { api, advance } = setup();
    await join(api, 'late@example.com');
    const token = await latestToken(api, 'late@example.com');
    advance(7 * DAY);
    expect(await body(await complete(api, token))).toMatchObject({ reason: 'expired' });
    await join(api, 'once@example.com');
    const once = await latestToken(api, 'once@example.com');
    expect((await complete(api, once)).status).toBe(200);
    const again = await complete(api, once);
    expect(again.status).toBe(410);
    expect(await body(again)).toMatchObject({ reason: 'used' });
  });

  test('two uses at the same instant: one verifies, the other is told "used"', async () => {
    const { api } = setup();
    await join(api, 'race@example.com');
    const token = await latestToken(api, 'race@example.com');
    const answers = await Promise.all([complete(api, token), complete(api, token)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
  });

  test('resend: signed in only, once a minute (429 with the wait in words), 409 once verified', async () => {
    const { api, advance } = setup();
    expect((await api(post(RESEND, ''))).status).toBe(401);
    const session = await join(api, 'resend@example.com');
    const resend = () => api(post(RESEND, '', { cookie: session }));
    expect((await resend()).status).toBe(202);
    const refused = await resend();
    expect(refused.status).toBe(429);
    expect(await body(refused)).toMatchObject({
      error: 'A link was asked for this address a moment ago. Try again in 60 seconds.',
    });
    advance(60 * SECOND);
    expect((await resend()).status).toBe(202);
    expect(await messagesTo(api, 'resend@example.com')).toHaveLength(3);
    expect((await complete(api, await latestToken(api, 'resend@example.com'))).status).toBe(200);
    advance(60 * SECOND);
    expect(await body(await resend())).toMatchObject({ reason: 'verified' });
  });

  test('a link from one world verifies nothing in another', async () => {
    const { api } = setup({ testHooks: false });
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    await join(one, 'world@example.com');
    await join(two, 'world@example.com');
    const token = await latestToken(one, 'world@example.com');
    expect(await body(await complete(two, token))).toMatchObject({ reason: 'invalid' });
    expect((await complete(one, token)).status).toBe(200);
  });
});
