// Owns the second step of a two-factor login: the challenge and a code to the mock backend. Apart
// from api-client.ts (whose helpers it uses) so that it loads with the account pages.
import { ACCOUNT_API } from '../config/account-paths.ts';
import {
  failureWords,
  namesNoSandbox,
  postJson,
  readBody,
  send,
  toPageTime,
  toSignedIn,
  type SignedIn,
} from './api-client.ts';

export interface SecondStep {
  challenge: string;
  /** The 6-digit code, or a recovery code: one of them. */
  answer: { code: string } | { recoveryCode: string };
  trustDevice: boolean;
}

export type TwoFactorResult =
  | { kind: 'ok'; session: SignedIn }
  /** A wrong code (or one used already): the field says so, and the challenge still stands. */
  | { kind: 'wrong'; message: string }
  /** The challenge is over (expired, ended, too many wrong codes): log in again. */
  | { kind: 'ended'; message: string }
  | { kind: 'throttled'; retryAt: number }
  /** The server answered, but could not serve, or refused for a reason the page does not know. */
  | { kind: 'failed'; message: string }
  /** No answer at all: offline, aborted, DNS. */
  | { kind: 'unreachable' }
  | { kind: 'sandbox-gone' };

const WRONG = new Set(['wrong-code', 'code-used', 'wrong-recovery-code']);
const ENDED = new Set(['challenge-expired', 'challenge-ended', 'too-many-attempts']);

export async function requestSecondStep({ challenge, answer, trustDevice }: SecondStep): Promise<TwoFactorResult> {
  const response = await send(ACCOUNT_API.twoFactor, postJson({ challenge, ...answer, trustDevice }));
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  const session = toSignedIn(body, response);
  if (response.ok && session !== undefined) return { kind: 'ok', session };
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  const retryAt = toPageTime(body.retryAt, response);
  if (response.status === 429 && retryAt !== undefined) return { kind: 'throttled', retryAt };
  const reason = typeof body.reason === 'string' ? body.reason : '';
  const message = failureWords(response, body, {
    'wrong-code': 'That code is not right. Check your authenticator app and try again.',
    'code-used': 'That code was used already. Enter the next one your authenticator app shows.',
    'wrong-recovery-code': 'That recovery code is not right, or it was used already.',
    'challenge-expired': 'More than 5 minutes passed since the password was entered. Log in again.',
    'challenge-ended': 'This login is no longer valid. Log in again.',
    'too-many-attempts': 'Too many wrong codes. Log in again.',
    otherwise:
      response.status >= 500 ? 'The service is unavailable. Try again.' : 'The code could not be checked. Try again.',
  });
  if (WRONG.has(reason)) return { kind: 'wrong', message };
  if (ENDED.has(reason)) return { kind: 'ended', message };
  return { kind: 'failed', message };
}
