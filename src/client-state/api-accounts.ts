// Owns the call that creates a free account. Apart from api-client.ts (whose helpers it uses) so
// that it loads with the page that creates accounts, not with every page's first view.
import { API_PATHS } from '../config/paths.ts';
import { failureWords, namesNoSandbox, postJson, readBody, send } from './api-client.ts';

export type NewAccountResult =
  /** Answered alike whether the address was new or not: nothing tells which. */
  | { kind: 'requested' }
  /** The server found fields wrong: which ones (the page says what in its own words). */
  | { kind: 'invalid'; fields: { email: boolean; password: boolean } }
  /** The server answered, but could not serve (5xx), or refused for a reason the page does not know. */
  | { kind: 'failed'; message: string }
  /** No answer at all: offline, aborted, DNS. */
  | { kind: 'unreachable' }
  | { kind: 'sandbox-gone' };

export async function requestAccount(email: string, password: string): Promise<NewAccountResult> {
  const response = await send(API_PATHS.accounts, postJson({ email, password }));
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  if (response.status === 202) return { kind: 'requested' };
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  const fields =
    typeof body.fields === 'object' && body.fields !== null ? (body.fields as Record<string, unknown>) : {};
  if (response.status === 400 && (fields.email !== undefined || fields.password !== undefined)) {
    failureWords(response, body, { otherwise: '' }); // the server's words, to the console
    return { kind: 'invalid', fields: { email: fields.email !== undefined, password: fields.password !== undefined } };
  }
  return {
    kind: 'failed',
    message: failureWords(response, body, {
      otherwise:
        response.status >= 500
          ? 'The service is unavailable. Try again.'
          : 'The account could not be created. Check the details and try again.',
    }),
  };
}
