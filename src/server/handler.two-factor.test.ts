// Two-factor sign-in, through POST /api/session and POST /api/session/two-factor: codes computed
// with otpauth at the world's time (the injected clock, or a sandbox's moved one), as a tester would.
import { Secret, TOTP } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../paywall/personas.ts';
import { findPersona } from '../paywall/personas.ts';
import { WRONG_CREDENTIALS, type ApiHandler } from './handler.ts';
import {
  DAY,
  MINUTE,
  SECOND,
  T0,
  body,
  createSandbox,
  credentials,
  failLogins,
  iso,
  post,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';
import { TRUSTED_DEVICE_COOKIE } from './trusted-device-cookie.ts';
import { DEMO_RECOVERY_CODES } from './two-factor.ts';
import {
  CHALLENGE_ENDED,
  CHALLENGE_EXPIRED,
  CODE_USED,
  TOO_MANY_ATTEMPTS,
  TWO_FACTOR_EXPECTED,
  TWO_FACTOR_REQUIRED,
  WRONG_CODE,
  WRONG_RECOVERY_CODE,
} from './two-factor-routes.ts';

const MFA = 'mfa@example.com';
/** The documented secret (README, the login page), not read from the source: what a tester has. */
const SECRET = 'LEDETWOFACTORDEMOSECRETFORTESTQA';
const TWO_FACTOR = '/api/session/two-factor';
const totp = new TOTP({ secret: Secret.fromBase32(SECRET), algorithm: 'SHA1', digits: 6, period: 30 });
const STEP = 30 * SECOND;

/** The code an authenticator app shows at `at`. */
function codeAt(at: number): string {
  return totp.generate({ timestamp: at });
}

/** Logs in with the password (sending the trusted-device cookie, if any); the challenge, or fails. */
async function challengeFor(api: ApiHandler, email = MFA, init: { trusted?: string; remember?: boolean } = {}) {
  const response = await api(login(email, init));
  expect(response.status).toBe(401);
  const answer = (await response.json()) as { challenge: string };
  return answer.challenge;
}

function login(email: string, { trusted, remember }: { trusted?: string; remember?: boolean } = {}): Request {
  const sent = postLogin(credentials(email, DEMO_PASSWORD, remember));
  if (trusted === undefined) return sent;
  const headers = new Headers(sent.headers);
  headers.set('Cookie', `${TRUSTED_DEVICE_COOKIE}=${trusted}`);
  return new Request(sent, { headers });
}

function secondStep(answer: Record<string, unknown>): Request {
  return post(TWO_FACTOR, JSON.stringify(answer));
}

/** The trusted-device token a response sets, or fails the test. */
function trustedFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((each) => each.startsWith(`${TRUSTED_DEVICE_COOKIE}=`));
  const value = cookie?.split(';')[0]?.slice(TRUSTED_DEVICE_COOKIE.length + 1);
  if (value === undefined || value === '') throw new Error('no trusted-device cookie');
  return value;
}

describe('the password step of a two-factor account', () => {
  test('the persona’s secret is the documented one', () => {
    expect(findPersona(MFA)?.totpSecret).toBe(SECRET);
  });

  test('the right password answers a challenge, and no session: none is set, none is held', async () => {
    const { api } = setup();
    const response = await api(postLogin(credentials(MFA)));
    expect(response.status).toBe(401);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const answer = (await body(response)) as Record<string, unknown>;
    expect(answer).toEqual({
      error: TWO_FACTOR_REQUIRED,
      reason: 'two-factor-required',
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: iso(T0 + 5 * MINUTE),
    });
    // The challenge is not a session: it opens nothing where a session would.
    expect(await whoAmI(api, String(answer.challenge))).toEqual({ reader: null });
  });

  test('a wrong password is the generic 401, throttled as any email’s, and never a challenge', async () => {
    const { api } = setup();
    const wrong = await api(postLogin(credentials(MFA, 'wrong')));
    expect(await body(wrong)).toEqual({ error: WRONG_CREDENTIALS });
    await failLogins(api, MFA, 4);
    expect((await api(postLogin(credentials(MFA)))).status).toBe(429);
  });
});

describe('the second step', () => {
  test('the right code signs in: the session, the reader, and the password’s failures forgotten', async () => {
    const { api } = setup();
    await failLogins(api, MFA, 4);
    const challenge = await challengeFor(api);
    const response = await api(secondStep({ challenge, code: codeAt(T0) }));
    expect(response.status).toBe(200);
    expect(await body(response)).toMatchObject({ reader: { email: MFA, subscription: { status: 'active' } } });
    const session = sessionIdFrom(response);
    expect(await whoAmI(api, session)).toMatchObject({ reader: { email: MFA } });
    // Four failures before, and the sign-in completed: a fifth wrong password is not the one that throttles.
    await failLogins(api, MFA, 1);
    expect((await api(postLogin(credentials(MFA)))).status).toBe(401);
  });

  test('"Keep me logged in" from the password step carries to the session; the second step may say otherwise', async () => {
    const { api } = setup();
    const kept = await api(
      secondStep({ challenge: await challengeFor(api, MFA, { remember: true }), code: codeAt(T0) }),
    );
    expect(kept.headers.get('Set-Cookie')).toMatch(/Max-Age=2592000/);
    const { api: other } = setup();
    const challenge = await challengeFor(other, MFA, { remember: true });
    const notKept = await other(secondStep({ challenge, code: codeAt(T0), remember: false }));
    expect(notKept.headers.get('Set-Cookie')).not.toMatch(/Max-Age/);
  });

  test.each([
    { name: 'the step before', offset: -STEP, status: 200 },
    { name: 'the step after', offset: STEP, status: 200 },
    { name: 'two steps before', offset: -2 * STEP, status: 401 },
    { name: 'two steps after', offset: 2 * STEP, status: 401 },
  ])('at the last ms of a step, the code of $name → $status', async ({ offset, status }) => {
    const { api, advance } = setup();
    advance(STEP - 1); // T0 starts a step: this is its last millisecond
    const challenge = await challengeFor(api);
    const response = await api(secondStep({ challenge, code: codeAt(T0 + offset) }));
    expect(response.status).toBe(status);
  });

  test('at the first ms of a step, the previous step’s code is still good, the one before not', async () => {
    const { api } = setup();
    expect((await api(secondStep({ challenge: await challengeFor(api), code: codeAt(T0 - STEP) }))).status).toBe(200);
    const { api: other } = setup();
    const refused = await other(secondStep({ challenge: await challengeFor(other), code: codeAt(T0 - STEP - 1) }));
    expect(await body(refused)).toEqual({ error: WRONG_CODE, reason: 'wrong-code', attemptsLeft: 4 });
  });

  test('codes follow the world’s clock: moved an hour, the real time’s code is wrong and the world’s is right', async () => {
    const { api } = setup();
    expect((await api(post('/api/test/clock', JSON.stringify({ advanceBy: 60 * MINUTE })))).status).toBe(200);
    const challenge = await challengeFor(api);
    expect((await api(secondStep({ challenge, code: codeAt(T0) }))).status).toBe(401);
    expect((await api(secondStep({ challenge, code: codeAt(T0 + 60 * MINUTE) }))).status).toBe(200);
  });

  test('a code accepted once cannot be replayed, nor an earlier step’s after it (RFC 6238 §5.2)', async () => {
    const { api, advance } = setup();
    const code = codeAt(T0);
    expect((await api(secondStep({ challenge: await challengeFor(api), code }))).status).toBe(200);
    const replayed = await api(secondStep({ challenge: await challengeFor(api), code }));
    expect(replayed.status).toBe(401);
    expect(await body(replayed)).toEqual({ error: CODE_USED, reason: 'code-used', attemptsLeft: 4 });
    // Two steps on: the code of the step before is in the window and unused, but a later step's came first.
    advance(2 * STEP);
    const earlier = codeAt(T0 + STEP);
    expect((await api(secondStep({ challenge: await challengeFor(api), code: codeAt(T0 + 2 * STEP) }))).status).toBe(
      200,
    );
    const late = await api(secondStep({ challenge: await challengeFor(api), code: earlier }));
    expect(await body(late)).toMatchObject({ reason: 'code-used' });
  });

  test('a used challenge signs in no one again', async () => {
    const { api, advance } = setup();
    const challenge = await challengeFor(api);
    expect((await api(secondStep({ challenge, code: codeAt(T0) }))).status).toBe(200);
    advance(STEP);
    const again = await api(secondStep({ challenge, code: codeAt(T0 + STEP) }));
    expect(await body(again)).toEqual({ error: CHALLENGE_ENDED, reason: 'challenge-ended' });
  });

  test('each recovery code works once per world, however it is typed; a reset gives them back', async () => {
    const { api } = setup();
    const [first, second] = DEMO_RECOVERY_CODES;
    expect((await api(secondStep({ challenge: await challengeFor(api), recoveryCode: first }))).status).toBe(200);
    const again = await api(secondStep({ challenge: await challengeFor(api), recoveryCode: first }));
    expect(await body(again)).toEqual({ error: WRONG_RECOVERY_CODE, reason: 'wrong-recovery-code', attemptsLeft: 4 });
    const typed = ` ${second.toLowerCase().replace('-', ' ')} `;
    expect((await api(secondStep({ challenge: await challengeFor(api), recoveryCode: typed }))).status).toBe(200);
    expect((await api(post('/api/test/reset', '{}'))).status).toBe(200);
    expect((await api(secondStep({ challenge: await challengeFor(api), recoveryCode: first }))).status).toBe(200);
  });

  test('a challenge lives 5 minutes of world time', async () => {
    const { api, advance } = setup();
    const challenge = await challengeFor(api);
    advance(5 * MINUTE - 1);
    const late = await challengeFor(api);
    expect((await api(secondStep({ challenge, code: codeAt(T0 + 5 * MINUTE - 1) }))).status).toBe(200);
    advance(1);
    const expired = await api(secondStep({ challenge: late, code: codeAt(T0 + 5 * MINUTE) }));
    expect(expired.status).toBe(200); // `late` was asked for later: it has time left
    const { api: other } = setup();
    const old = await challengeFor(other);
    expect((await other(post('/api/test/clock', JSON.stringify({ advanceBy: 5 * MINUTE })))).status).toBe(200);
    const refused = await other(secondStep({ challenge: old, code: codeAt(T0 + 5 * MINUTE) }));
    expect(refused.status).toBe(401);
    expect(await body(refused)).toEqual({ error: CHALLENGE_EXPIRED, reason: 'challenge-expired' });
  });

  test('a challenge nobody was given is ended; a body of the wrong shape is a 400; other methods 405', async () => {
    const { api } = setup();
    expect(await body(await api(secondStep({ challenge: 'x'.repeat(43), code: codeAt(T0) })))).toEqual({
      error: CHALLENGE_ENDED,
      reason: 'challenge-ended',
    });
    for (const sent of [
      { challenge: 'x', code: '123456', recoveryCode: 'K7QM-2XTA' },
      { challenge: 'x' },
      { code: '123456' },
      { challenge: 'x', code: 123456 },
      { challenge: 'x', code: '1'.repeat(65) },
      { challenge: 'x', code: '123456', trustDevice: 'yes' },
    ]) {
      const refused = await api(secondStep(sent));
      expect(refused.status).toBe(400);
      expect(await body(refused)).toEqual({ error: TWO_FACTOR_EXPECTED });
    }
    const get = await api(request(TWO_FACTOR));
    expect(get.status).toBe(405);
    expect(get.headers.get('Allow')).toBe('POST');
  });

  test('the 5th wrong code ends the challenge: even the right code then needs a new login', async () => {
    const { api } = setup();
    const challenge = await challengeFor(api);
    for (let left = 4; left >= 1; left -= 1) {
      const wrong = await api(secondStep({ challenge, code: '000000' }));
      expect(await body(wrong)).toMatchObject({ reason: 'wrong-code', attemptsLeft: left });
    }
    const fifth = await api(secondStep({ challenge, code: '000000' }));
    expect(fifth.status).toBe(401);
    expect(await body(fifth)).toEqual({ error: TOO_MANY_ATTEMPTS, reason: 'too-many-attempts' });
    const late = await api(secondStep({ challenge, code: codeAt(T0) }));
    expect(await body(late)).toEqual({ error: CHALLENGE_ENDED, reason: 'challenge-ended' });
  });

  test('wrong codes sent in parallel each count: five at once end the challenge', async () => {
    const { api } = setup();
    const challenge = await challengeFor(api);
    await Promise.all(Array.from({ length: 5 }, () => api(secondStep({ challenge, code: '000000' }))));
    const late = await api(secondStep({ challenge, code: codeAt(T0) }));
    expect(await body(late)).toEqual({ error: CHALLENGE_ENDED, reason: 'challenge-ended' });
  });

  test('wrong codes are throttled per account across challenges: 429 with retryAt, open again after 15 minutes', async () => {
    const { api, advance } = setup();
    const first = await challengeFor(api);
    for (let i = 0; i < 3; i += 1)
      expect((await api(secondStep({ challenge: first, code: '000000' }))).status).toBe(401);
    const second = await challengeFor(api);
    for (let i = 0; i < 2; i += 1)
      expect((await api(secondStep({ challenge: second, code: '000000' }))).status).toBe(401);
    // Five wrong codes for the account: the second challenge has attempts left, the account has none.
    const refused = await api(secondStep({ challenge: second, code: codeAt(T0) }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('900');
    expect(await body(refused)).toEqual({
      error: 'Too many wrong codes for this account. Try again in 15 minutes.',
      reason: 'throttled',
      retryAt: iso(T0 + 15 * MINUTE),
    });
    // Another account with a second factor is not throttled by it.
    expect(
      (await api(secondStep({ challenge: await challengeFor(api, 'mfa+other@example.com'), code: codeAt(T0) }))).status,
    ).toBe(200);
    advance(15 * MINUTE);
    const later = await challengeFor(api);
    expect((await api(secondStep({ challenge: later, code: codeAt(T0 + 15 * MINUTE) }))).status).toBe(200);
  });
});

describe('a trusted device', () => {
  test('chosen, it sets a 30-day HttpOnly cookie; a password login sending it skips the code', async () => {
    const { api } = setup();
    const response = await api(secondStep({ challenge: await challengeFor(api), code: codeAt(T0), trustDevice: true }));
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((each) => each.startsWith(`${TRUSTED_DEVICE_COOKIE}=`));
    expect(cookie).toMatch(/; Max-Age=2592000; Path=\/api\/session; HttpOnly; SameSite=Lax$/);
    const trusted = trustedFrom(response);
    const skipped = await api(login(MFA, { trusted }));
    expect(skipped.status).toBe(200);
    expect(await body(skipped)).toMatchObject({ reader: { email: MFA } });
    // Not chosen: no such cookie.
    const plain = await api(secondStep({ challenge: await challengeFor(api), recoveryCode: DEMO_RECOVERY_CODES[0] }));
    expect(plain.headers.getSetCookie().some((each) => each.startsWith(TRUSTED_DEVICE_COOKIE))).toBe(false);
  });

  test('over HTTPS the cookie is Secure, like the session’s', async () => {
    const { api } = setup();
    const challenge = await challengeFor(api);
    const sent = new Request(`https://localhost${TWO_FACTOR}`, {
      method: 'POST',
      body: JSON.stringify({ challenge, code: codeAt(T0), trustDevice: true }),
      headers: { 'Content-Type': 'application/json' },
    });
    const cookies = (await api(sent)).headers.getSetCookie();
    expect(cookies.every((each) => each.includes('; Secure'))).toBe(true);
  });

  test('the trust is for its account only, still asks a wrong password for nothing more, and lasts 30 days', async () => {
    const { api, advance } = setup();
    const response = await api(secondStep({ challenge: await challengeFor(api), code: codeAt(T0), trustDevice: true }));
    const trusted = trustedFrom(response);
    await challengeFor(api, 'mfa+other@example.com', { trusted });
    expect(await body(await api(login(MFA, { trusted }).clone()))).toMatchObject({ reader: { email: MFA } });
    const wrong = new Request(postLogin(credentials(MFA, 'wrong')), { headers: login(MFA, { trusted }).headers });
    expect(await body(await api(wrong))).toEqual({ error: WRONG_CREDENTIALS });
    advance(30 * DAY - 1);
    expect((await api(login(MFA, { trusted }))).status).toBe(200);
    advance(1);
    await challengeFor(api, MFA, { trusted });
  });

  test('moving the world’s clock 30 days on, or a reset, forgets it', async () => {
    const { api } = setup();
    const trust = async () =>
      trustedFrom(await api(secondStep({ challenge: await challengeFor(api), code: codeAt(T0), trustDevice: true })));
    const first = await trust();
    expect((await api(post('/api/test/clock', JSON.stringify({ advanceBy: 30 * DAY })))).status).toBe(200);
    await challengeFor(api, MFA, { trusted: first });
    expect((await api(post('/api/test/reset', '{}'))).status).toBe(200);
    const second = await trust();
    expect((await api(login(MFA, { trusted: second }))).status).toBe(200);
    expect((await api(post('/api/test/reset', '{}'))).status).toBe(200);
    await challengeFor(api, MFA, { trusted: second });
  });
});

describe('sandboxes', () => {
  test('a challenge, a spent recovery code and a trusted device belong to their world only', async () => {
    const { api } = setup();
    const one = sandboxed(api, await createSandbox(api));
    const two = sandboxed(api, await createSandbox(api));
    const challenge = await challengeFor(one);
    expect(await body(await two(secondStep({ challenge, code: codeAt(T0) })))).toEqual({
      error: CHALLENGE_ENDED,
      reason: 'challenge-ended',
    });
    expect((await api(secondStep({ challenge, code: codeAt(T0) }))).status).toBe(401);
    const [code] = DEMO_RECOVERY_CODES;
    const signedIn = await one(secondStep({ challenge, recoveryCode: code, trustDevice: true }));
    expect(signedIn.status).toBe(200);
    const trusted = trustedFrom(signedIn);
    expect((await one(login(MFA, { trusted }))).status).toBe(200);
    await challengeFor(two, MFA, { trusted });
    expect((await two(secondStep({ challenge: await challengeFor(two), recoveryCode: code }))).status).toBe(200);
    // Each world's clock its codes: one sandbox's moved clock moves nobody else's.
    expect((await one(post('/api/test/clock', JSON.stringify({ advanceBy: DAY })))).status).toBe(200);
    expect((await two(secondStep({ challenge: await challengeFor(two), code: codeAt(T0) }))).status).toBe(200);
    expect((await one(secondStep({ challenge: await challengeFor(one), code: codeAt(T0 + DAY) }))).status).toBe(200);
  });
});
