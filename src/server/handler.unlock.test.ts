// Unlock links: the locked persona asks for one (the same answer for every address, one a minute
// per address), the link unlocks it in its world once, within the hour; a reset locks it again.
import { describe, expect, test } from 'vitest';
import type { ApiHandler } from './handler.ts';
import {
  HOUR,
  SECOND,
  body,
  createSandbox,
  credentials,
  post,
  postLogin,
  request,
  sandboxed,
  setup,
} from './handler.testing.ts';
import { UNLOCK_REQUESTED, UNLOCK_SUBJECT } from './unlock-routes.ts';

const ASK = '/api/unlock-links';
const UNLOCK = '/api/unlock';

function ask(api: ApiHandler, email: string): Promise<Response> {
  return api(post(ASK, JSON.stringify({ email })));
}

async function messagesTo(api: ApiHandler, email: string) {
  const answer = await api(request(`/api/test/inbox?to=${encodeURIComponent(email)}`));
  return ((await answer.json()) as { messages: { subject: string; text: string; links: string[] }[] }).messages;
}

async function unlockToken(api: ApiHandler, email: string): Promise<string> {
  expect((await ask(api, email)).status).toBe(202);
  const [latest] = await messagesTo(api, email);
  const token = new URL(latest?.links[0] ?? 'http://x/').searchParams.get('token');
  if (token === null) throw new Error(`no unlock link sent to ${email}`);
  return token;
}

function unlock(api: ApiHandler, token: string): Promise<Response> {
  return api(post(UNLOCK, JSON.stringify({ token })));
}

describe('unlock links', () => {
  test('the locked account is sent a link; unlocked, it logs in; other addresses get the same answer and no mail', async () => {
    const { api } = setup();
    expect((await api(postLogin(credentials('locked+u@example.com')))).status).toBe(403);
    const answers = await Promise.all(
      ['locked+u@example.com', 'reader+u@example.com', 'nobody@example.com'].map((email) => ask(api, email)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(await body(answer)).toEqual({ message: UNLOCK_REQUESTED });
    }
    expect(await messagesTo(api, 'reader+u@example.com')).toEqual([]);
    expect(await messagesTo(api, 'nobody@example.com')).toEqual([]);
    const [mail] = await messagesTo(api, 'locked+u@example.com');
    expect(mail?.subject).toBe(UNLOCK_SUBJECT);
    expect(mail?.links[0]).toMatch(/^http:\/\/localhost\/account\/unlock\?token=[\w-]{43}$/);
    expect(mail?.text).toContain('1 hour');
    const token = new URL(mail?.links[0] ?? '').searchParams.get('token') ?? '';
    const unlocked = await unlock(api, token);
    expect(unlocked.status).toBe(200);
    expect(await body(unlocked)).toEqual({ email: 'locked+u@example.com' });
    expect((await api(postLogin(credentials('locked+u@example.com')))).status).toBe(200);
    // Another plus address of the persona is its own account: still locked.
    expect((await api(postLogin(credentials('locked+v@example.com')))).status).toBe(403);
  });

  test('once, within the hour by the world’s clock', async () => {
    const { api, advance } = setup();
    const token = await unlockToken(api, 'locked+once@example.com');
    expect((await unlock(api, token)).status).toBe(200);
    expect(await body(await unlock(api, token))).toMatchObject({ reason: 'used' });
    const late = await unlockToken(api, 'locked+late@example.com');
    advance(HOUR);
    const expired = await unlock(api, late);
    expect(expired.status).toBe(410);
    expect(await body(expired)).toMatchObject({ reason: 'expired' });
    expect((await api(postLogin(credentials('locked+late@example.com')))).status).toBe(403);
    expect(await body(await unlock(api, 'made-up'))).toMatchObject({ reason: 'invalid' });
  });

  test('two uses at the same instant: one unlocks, the other is told "used"', async () => {
    const { api } = setup();
    const token = await unlockToken(api, 'locked+race@example.com');
    const answers = await Promise.all([unlock(api, token), unlock(api, token)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
  });

  test('one a minute per address, known or not alike', async () => {
    const { api, advance } = setup();
    for (const email of ['locked+limit@example.com', 'nobody+limit@example.com']) {
      expect((await ask(api, email)).status).toBe(202);
      const refused = await ask(api, email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBe('60');
      advance(60 * SECOND);
      expect((await ask(api, email)).status).toBe(202);
    }
  });

  test('unlocked in its own world only, and locked again by a reset of that world', async () => {
    const { api } = setup({ testHooks: false });
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    const token = await unlockToken(one, 'locked@example.com');
    expect(await body(await unlock(two, token))).toMatchObject({ reason: 'invalid' });
    expect((await unlock(one, token)).status).toBe(200);
    expect((await one(postLogin(credentials('locked@example.com')))).status).toBe(200);
    expect((await two(postLogin(credentials('locked@example.com')))).status).toBe(403);
    expect((await api(postLogin(credentials('locked@example.com')))).status).toBe(403);
    expect((await one(post('/api/test/reset', ''))).status).toBe(200);
    expect((await one(postLogin(credentials('locked@example.com')))).status).toBe(403);
  });
});
