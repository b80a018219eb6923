// Owns the account calls: creating a free account, starting, cancelling and resuming a
// subscription, the reader's sessions, gift links. Apart from api-client.ts (whose helpers it
// uses) so that they load with the pages that make them, not with every page's first view.
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

export type SubscriptionChangeResult = { kind: 'ok'; session: SignedIn } | { kind: 'failed'; message: string };

/** A plan to start, or a cancellation (the subscription runs to its end), or taking one back. */
export type SubscriptionChange = { plan: string } | 'cancel' | 'resume';

export async function requestSubscriptionChange(change: SubscriptionChange): Promise<SubscriptionChangeResult> {
  const response = await send(
    change === 'cancel'
      ? API_PATHS.cancelSubscription
      : change === 'resume'
        ? API_PATHS.resumeSubscription
        : API_PATHS.subscription,
    typeof change === 'object' ? postJson(change) : { method: 'POST' },
  );
  if (response === undefined) return { kind: 'failed', message: 'Could not reach the service. Try again.' };
  const body = await readBody(response);
  const session = toSignedIn(body, response);
  if (response.ok && session !== undefined) return { kind: 'ok', session };
  const starting = typeof change === 'object';
  return {
    kind: 'failed',
    message: failureWords(response, body, {
      'nothing-to-cancel': 'There is no subscription to cancel.',
      'nothing-to-resume': 'There is no cancelled subscription to resume.',
      401: starting ? 'Log in to subscribe.' : 'Log in to manage your subscription.',
      otherwise: `The subscription could not be ${starting ? 'started' : 'changed'}. Try again.`,
    }),
  };
}

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

/** One of the reader's sessions, as the account page lists it (a handle, never the session's id). */
export interface SessionView {
  handle: string;
  current: boolean;
  persistent: boolean;
  createdAt: string;
  lastSeenAt: string;
}

export type SessionsResult = { kind: 'ok'; sessions: SessionView[] } | { kind: 'failed' };

export async function fetchSessions(signal: AbortSignal): Promise<SessionsResult> {
  const response = await send(API_PATHS.sessions, { signal });
  if (response === undefined) return { kind: 'failed' };
  const body = await readBody(response);
  const sessions = Array.isArray(body.sessions) ? body.sessions.filter(isSessionView) : undefined;
  return response.ok && sessions !== undefined ? { kind: 'ok', sessions } : { kind: 'failed' };
}

export type EndOthersResult = { kind: 'ok'; ended: number } | { kind: 'failed'; message: string };

/** Ends every session of the reader but this one. */
export async function requestEndOtherSessions(): Promise<EndOthersResult> {
  const response = await send(API_PATHS.otherSessions, { method: 'DELETE' });
  if (response === undefined) return { kind: 'failed', message: 'Could not reach the service. Try again.' };
  const body = await readBody(response);
  if (response.ok && typeof body.ended === 'number') return { kind: 'ok', ended: body.ended };
  return {
    kind: 'failed',
    message: failureWords(response, body, { otherwise: 'The other devices could not be logged out. Try again.' }),
  };
}

function isSessionView(value: unknown): value is SessionView {
  if (typeof value !== 'object' || value === null) return false;
  const { handle, current, persistent, createdAt, lastSeenAt } = value as Record<string, unknown>;
  return (
    typeof handle === 'string' &&
    typeof current === 'boolean' &&
    typeof persistent === 'boolean' &&
    typeof createdAt === 'string' &&
    typeof lastSeenAt === 'string'
  );
}

export type GiftResult =
  | { kind: 'ok'; url: string; expiresAt: number; readsLeft: number; giftsLeft: number }
  | { kind: 'failed'; message: string };

export async function requestGift(slug: string): Promise<GiftResult> {
  const response = await send(API_PATHS.gifts, postJson({ slug }));
  if (response === undefined) return { kind: 'failed', message: 'Could not reach the service. Try again.' };
  const body = await readBody(response);
  const { url, readsLeft, giftsLeft } = body;
  const expiresAt = toPageTime(body.expiresAt, response);
  if (
    response.status === 201 &&
    typeof url === 'string' &&
    typeof readsLeft === 'number' &&
    typeof giftsLeft === 'number' &&
    expiresAt !== undefined
  ) {
    return { kind: 'ok', url, expiresAt, readsLeft, giftsLeft };
  }
  return {
    kind: 'failed',
    message: failureWords(response, body, {
      'gift-limit': 'You have given all your gift articles this month.',
      subscribe: 'Only subscribers can gift articles.',
      otherwise: 'The gift link could not be made. Try again.',
    }),
  };
}
