// Owns the login call to the mock backend.
// Apart from api-client.ts (whose helpers it uses) so that it loads with the login page, not with
// every page's first view.
import { API_PATHS } from '../config/paths.ts';
import {
  errorOf,
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
  /** Wrong credentials or a locked account: the server's words. */
  | { kind: 'rejected'; message: string }
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
  const retryAt = toPageTime(body.retryAt, response);
  if (response.status === 429 && retryAt !== undefined) return { kind: 'throttled', retryAt };
  if (response.status >= 500) return { kind: 'unavailable', message: errorOf(body) };
  return { kind: 'rejected', message: errorOf(body) };
}
