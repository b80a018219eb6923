// The second step of a two-factor login. POST /api/session answers the right password of an
// account with a second factor by a challenge (401, reason "two-factor-required"), not a session;
// POST /api/session/two-factor takes the challenge with a 6-digit code or a recovery code and
// signs in. A challenge lives 5 minutes of world time and takes 5 wrong codes; wrong codes are
// also throttled per account, across challenges, as wrong passwords are per email.
import { z } from 'zod';
import { ACCOUNT_API } from '../config/account-paths.ts';
import type { Account } from './accounts.ts';
import type { Call } from './call.ts';
import { SIGNED_IN, TAGS, refusalBody, refused, throttled as throttledAnswer, type OperationDoc } from './api-docs.ts';
import { iso, json } from './http.ts';
import { check } from './request-schemas.ts';
import type { RouteKit, RouteTable } from './routes.ts';
import type { TokenRecord } from './tokens.ts';
import { trustedDeviceCookie } from './trusted-device-cookie.ts';
import {
  CHALLENGE_MS,
  MAX_CODE_ATTEMPTS,
  TRUSTED_DEVICE_MS,
  matchRecoveryCode,
  matchTotp,
  secondFactorOf,
} from './two-factor.ts';

export const TWO_FACTOR_REQUIRED = 'Enter the 6-digit code from your authenticator app.';
export const TWO_FACTOR_EXPECTED =
  'Expected a JSON object { "challenge": string, "code": string } or { "challenge": string, "recoveryCode": string }, with "trustDevice"?: boolean and "remember"?: boolean.';
export const CHALLENGE_ENDED = 'This login is no longer valid. Log in again.';
export const CHALLENGE_EXPIRED = 'More than 5 minutes passed since the password was entered. Log in again.';
export const WRONG_CODE = 'That code is not right. Check your authenticator app and try again.';
export const CODE_USED = 'That code was used already. Enter the next one your authenticator app shows.';
export const WRONG_RECOVERY_CODE = 'That recovery code is not right, or it was used already.';
export const TOO_MANY_ATTEMPTS = 'Too many wrong codes. Log in again.';

/** Far longer than a code or a recovery code: a longer one is refused unread. */
const MAX_CODE_LENGTH = 64;

const secondStep = z
  .object({
    challenge: z.string(),
    code: z.string().max(MAX_CODE_LENGTH).optional(),
    recoveryCode: z.string().max(MAX_CODE_LENGTH).optional(),
    trustDevice: z.boolean().default(false),
    remember: z.boolean().optional(),
  })
  .refine(({ code, recoveryCode }) => (code === undefined) !== (recoveryCode === undefined))
  .meta({ id: 'SecondStep', description: 'The challenge, and either `code` or `recoveryCode`.' });

const SECOND_STEP: OperationDoc = {
  tag: TAGS.session,
  summary: 'The second step of a two-factor login',
  description:
    'The challenge POST /api/session answered, with a 6-digit TOTP code or a recovery code. With `trustDevice`, the answer also sets `lede_trusted_device`: this browser skips the step for 30 days.',
  body: { schema: secondStep },
  answers: {
    200: SIGNED_IN,
    400: refused('Not `{ challenge, code | recoveryCode, trustDevice?, remember? }`.'),
    401: [
      refused(
        'A wrong or used code: how many tries the challenge has left.',
        refusalBody(['wrong-code', 'code-used', 'wrong-recovery-code'], { attemptsLeft: z.int().min(1) }),
      ),
      refused(
        'The challenge is over: log in again.',
        refusalBody(['challenge-expired', 'challenge-ended', 'too-many-attempts']),
      ),
    ],
    429: throttledAnswer('Too many wrong codes for this account.', ['throttled']),
  },
};

/**
 * The answer to the right password of an account with a second factor: a challenge for the
 * second step, bound to the account and this world. `remember` ("Keep me logged in") is kept with
 * it, for the session the second step makes.
 */
export async function askForSecondFactor(
  { place: { world } }: Call,
  account: Account,
  remember: boolean,
): Promise<Response> {
  const { token, record } = await world.tokens.issue('mfa-challenge', account.address, CHALLENGE_MS, {
    remember,
  });
  return json(401, {
    error: TWO_FACTOR_REQUIRED,
    reason: 'two-factor-required',
    challenge: token,
    expiresAt: iso(record.expiresAt),
  });
}

export function twoFactorRoutes(kit: RouteKit): RouteTable {
  return {
    [ACCOUNT_API.twoFactor]: { methods: { POST: (call) => completeSignIn(call, kit) }, docs: { POST: SECOND_STEP } },
  };
}

/** POST /api/session/two-factor: the challenge and a code → a session (see the module's comment). */
async function completeSignIn(call: Call, kit: RouteKit): Promise<Response> {
  const {
    place: { world },
    body,
  } = call;
  if (body.kind === 'refused') return json(body.status, { error: body.error });
  const checked = check(secondStep, body, TWO_FACTOR_EXPECTED);
  if (checked.kind === 'invalid') return json(400, { error: checked.error });
  const { challenge, code, recoveryCode, trustDevice, remember } = checked.value;

  const found = await world.tokens.find('mfa-challenge', challenge);
  if (found.kind === 'expired') return json(401, { error: CHALLENGE_EXPIRED, reason: 'challenge-expired' });
  const account = found.kind === 'live' ? await world.accounts.find(found.record.email) : undefined;
  const secret = account === undefined ? undefined : secondFactorOf(account);
  if (found.kind !== 'live' || account === undefined || secret === undefined) {
    return json(401, { error: CHALLENGE_ENDED, reason: 'challenge-ended' });
  }
  const { twoFactor } = world;
  const verdict = await twoFactor.throttle.check(account.address);
  if (verdict.kind === 'refused') return throttled(verdict.retryAt, world.now);

  const failure = await checkCode(call, account, secret, { code, recoveryCode });
  if (failure !== undefined) return wrongCode(call, challenge, found.record, failure);

  await world.tokens.revoke('mfa-challenge', challenge);
  // The sign-in is complete: the password's failures, and the codes', are forgotten.
  await Promise.all([world.throttle.recordSuccess(account.address), twoFactor.throttle.recordSuccess(account.address)]);
  const keep = remember ?? found.record.data.remember === true;
  const response = await kit.issueSession(call, account, keep);
  if (trustDevice) {
    const { token } = await world.tokens.issue('trusted-device', account.address, TRUSTED_DEVICE_MS);
    response.headers.append('Set-Cookie', trustedDeviceCookie(call.url, token));
  }
  return response;
}

type CodeFailure = { error: string; reason: 'wrong-code' | 'code-used' | 'wrong-recovery-code' };

/** Undefined if the code is right and unused (it is then spent); otherwise what was wrong. */
async function checkCode(
  { place: { world } }: Call,
  account: Account,
  secret: string,
  { code, recoveryCode }: { code: string | undefined; recoveryCode: string | undefined },
): Promise<CodeFailure | undefined> {
  if (recoveryCode !== undefined) {
    const index = matchRecoveryCode(recoveryCode);
    const spent = index !== undefined && (await world.twoFactor.spendRecoveryCode(account.address, index));
    return spent ? undefined : { error: WRONG_RECOVERY_CODE, reason: 'wrong-recovery-code' };
  }
  // Computed at the world's time: a sandbox whose clock was moved has moved its codes too.
  const step = matchTotp(secret, code ?? '', world.now);
  if (step === undefined) return { error: WRONG_CODE, reason: 'wrong-code' };
  return (await world.twoFactor.spendStep(account.address, step))
    ? undefined
    : { error: CODE_USED, reason: 'code-used' };
}

/** A wrong (or replayed) code: counted against the account, and against the challenge, which the 5th ends. */
async function wrongCode(
  { place: { world } }: Call,
  challenge: string,
  record: TokenRecord,
  failure: CodeFailure,
): Promise<Response> {
  await world.twoFactor.throttle.recordFailure(record.email);
  // Counted atomically: wrong codes sent in parallel each use up a try of their own.
  const attempts = await world.tokens.countTry('mfa-challenge', challenge, MAX_CODE_ATTEMPTS);
  if (attempts >= MAX_CODE_ATTEMPTS) {
    await world.tokens.revoke('mfa-challenge', challenge);
    return json(401, { error: TOO_MANY_ATTEMPTS, reason: 'too-many-attempts' });
  }
  return json(401, { ...failure, attemptsLeft: MAX_CODE_ATTEMPTS - attempts });
}

function throttled(retryAt: number, now: number): Response {
  const seconds = Math.ceil((retryAt - now) / 1000);
  const minutes = Math.ceil(seconds / 60);
  return json(
    429,
    {
      error: `Too many wrong codes for this account. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      reason: 'throttled',
      retryAt: iso(retryAt),
    },
    { 'Retry-After': String(seconds) },
  );
}
