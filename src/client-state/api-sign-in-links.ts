// Owns the calls of signing in by email: asking for a link and code, then signing in by either.
// Only the sign-in-link page imports it, so it rides in the account chunk.
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

/** What may go wrong with any of these calls besides a refusal of its own. */
export type CallFailure =
  /** The server answered, but could not serve (5xx), or said something the page does not know. */
  | { kind: 'failed'; message: string }
  /** No answer at all: offline, aborted, DNS. */
  | { kind: 'unreachable' }
  /** The browser names a test sandbox the server does not have (ended, or never made). */
  | { kind: 'sandbox-gone' };

export type LinkRequestResult =
  /** Answered alike whether the address has an account or not. */
  { kind: 'sent' } | { kind: 'invalid-email' } | { kind: 'throttled'; retryAt: number } | CallFailure;

/** Why a link or a code did not sign in, as the server said it (`bad-code`: not 6 digits). */
const REFUSAL_REASONS = [
  'invalid',
  'expired',
  'used',
  'locked',
  'wrong-code',
  'too-many-attempts',
  'bad-code',
] as const;
export type Refusal = (typeof REFUSAL_REASONS)[number];

export type SignInResult =
  | { kind: 'ok'; session: SignedIn }
  /** `email`: the address the link was sent to, when the server says it (a used or expired link). */
  | { kind: 'refused'; reason: Refusal; message: string; email?: string }
  | CallFailure;

/** Lede's words for each refusal, never the server's (those go to the console). */
const REFUSALS: Record<Refusal, string> = {
  invalid: 'This sign-in link is not valid. It may have been copied only in part. Ask for a new one below.',
  expired: 'This sign-in link has expired: links and codes work for 24 hours. Ask for a new one below.',
  used: 'This sign-in link has been used already (a link works for 10 minutes after it is first opened). Ask for a new one below.',
  locked: 'This account is locked.',
  'wrong-code': 'That code is not right. Check the latest email from Lede and try again.',
  'too-many-attempts': 'That code was tried too many times, so it no longer works. Ask for a new one.',
  'bad-code': 'Enter the 6-digit code from the email.',
};
/** A code's expired and used refusals, said of the code rather than of a link. */
const CODE_REFUSALS: Partial<Record<Refusal, string>> = {
  expired: 'That code has expired: codes work for 24 hours. Ask for a new one.',
  used: 'That code has been used already. Ask for a new one.',
};

export async function requestSignInLink(email: string, remember: boolean, next: string): Promise<LinkRequestResult> {
  const response = await send(ACCOUNT_API.signInLinks, postJson({ email, remember, next }));
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  if (response.status === 202) return { kind: 'sent' };
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  const retryAt = toPageTime(body.retryAt, response);
  if (response.status === 429 && retryAt !== undefined) return { kind: 'throttled', retryAt };
  if (response.status === 400 && typeof body.fields === 'object' && body.fields !== null) {
    return { kind: 'invalid-email' };
  }
  return { kind: 'failed', message: otherFailure(response, body) };
}

export async function signInByLink(token: string): Promise<SignInResult> {
  return signIn(ACCOUNT_API.sessionByLink, { token }, REFUSALS);
}

export async function signInByCode(email: string, code: string, remember: boolean): Promise<SignInResult> {
  return signIn(ACCOUNT_API.sessionByCode, { email, code, remember }, { ...REFUSALS, ...CODE_REFUSALS });
}

async function signIn(path: string, payload: unknown, words: Record<Refusal, string>): Promise<SignInResult> {
  const response = await send(path, postJson(payload));
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  const session = toSignedIn(body, response);
  if (response.ok && session !== undefined) return { kind: 'ok', session };
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  const reason = toRefusal(response, body);
  if (reason === undefined) return { kind: 'failed', message: otherFailure(response, body) };
  failureWords(response, body, { otherwise: '' }); // the server's words, to the console
  return {
    kind: 'refused',
    reason,
    message: words[reason],
    ...(typeof body.email === 'string' ? { email: body.email } : {}),
  };
}

function toRefusal(response: Response, body: Record<string, unknown>): Refusal | undefined {
  if (response.status === 400 && typeof body.fields === 'object' && body.fields !== null) return 'bad-code';
  return REFUSAL_REASONS.find((each) => each === body.reason);
}

function otherFailure(response: Response, body: Record<string, unknown>): string {
  return failureWords(response, body, {
    otherwise:
      response.status >= 500
        ? 'The service is unavailable. Try again.'
        : 'That did not work. Check what you entered and try again.',
  });
}
