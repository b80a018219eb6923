// Owns the login call to the mock backend.
// Apart from api-client.ts (whose helpers it uses) so that it loads with the login page, not with
// every page's first view.
import { API_PATHS } from '../config/paths.ts';
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

export type LoginResult =
  | { kind: 'ok'; session: SignedIn }
  /** The password was right; a code comes next (the two-factor page), with this challenge. */
  | { kind: 'two-factor'; challenge: string }
  /** Wrong credentials or a locked account (`locked`: it may ask for an unlock link), in Lede's words. */
  | { kind: 'rejected'; message: string; locked: boolean }
  | { kind: 'throttled'; retryAt: number }
  /** The server answered, but could not serve (5xx). */
  | { kind: 'unavailable'; message: string }
  /** No answer at all: offline, aborted, DNS. */
  | { kind: 'unreachable' }
  /** The browser names a test sandbox the server does not have (ended, or never made). */
  | { kind: 'sandbox-gone' };

export async function requestLogin(email: string, password: string, remember: boolean): Promise<LoginResult> {
  const response = await send(API_PATHS.session, postJson({ email, password, remember }));
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  const session = toSignedIn(body, response);
  if (response.ok && session !== undefined) return { kind: 'ok', session };
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  if (body.reason === 'two-factor-required') return { kind: 'two-factor', challenge: String(body.challenge) };
  const retryAt = toPageTime(body.retryAt, response);
  if (response.status === 429 && retryAt !== undefined) return { kind: 'throttled', retryAt };
  if (response.status >= 500) {
    return {
      kind: 'unavailable',
      message: failureWords(response, body, { otherwise: 'The service is unavailable. Try again.' }),
    };
  }
  return {
    kind: 'rejected',
    locked: body.reason === 'locked',
    message: failureWords(response, body, {
      locked: 'This account is locked.',
      401: 'Email or password is incorrect.',
      otherwise: 'Logging in did not work. Check the email and password, and try again.',
    }),
  };
}
