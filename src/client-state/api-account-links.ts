// Owns the calls behind the links Lede sends by email: asking for a password reset or an unlock
// link, checking and using such a link, verifying an address, and the test inbox that shows them.
// Apart from api-client.ts (whose helpers it uses) so that they load with the account chunk.
import { ACCOUNT_API } from '../config/account-paths.ts';
import { failureWords, namesNoSandbox, postJson, readBody, send, toPageTime } from './api-client.ts';

const UNREACHABLE = 'Could not reach the service. Check your connection and try again.';
const SANDBOX_GONE = 'This browser’s test sandbox has ended. Leave it from the login page, then try again.';

/** Why a link opens nothing, as the server says (`reason`). */
export type LinkRefusal = 'invalid' | 'expired' | 'used';

export type SendResult =
  /** Answered alike for every address: the words to show. */
  | { kind: 'sent'; message: string }
  /** The address was sent a link a moment ago: when it may ask again (page time). */
  | { kind: 'too-soon'; retryAt: number }
  | { kind: 'invalid-email' }
  | { kind: 'failed'; message: string };

export type LinkResult =
  | { kind: 'ok'; email: string }
  | { kind: 'refused'; why: LinkRefusal }
  /** The new password breaks the rule: the server's words for the field. */
  | { kind: 'weak'; message: string }
  | { kind: 'failed'; message: string };

export function requestPasswordReset(email: string): Promise<SendResult> {
  return sendLink(ACCOUNT_API.passwordResets, postJson({ email }));
}

export function requestUnlockLink(email: string): Promise<SendResult> {
  return sendLink(ACCOUNT_API.unlockLinks, postJson({ email }));
}

export function requestVerificationLink(): Promise<SendResult> {
  return sendLink(ACCOUNT_API.verification, { method: 'POST' });
}

export function checkPasswordReset(token: string): Promise<LinkResult> {
  return spendLink(ACCOUNT_API.checkPasswordReset, { token });
}

export function completePasswordReset(token: string, password: string): Promise<LinkResult> {
  return spendLink(ACCOUNT_API.completePasswordReset, { token, password });
}

export function unlockAccount(token: string): Promise<LinkResult> {
  return spendLink(ACCOUNT_API.unlock, { token });
}

export function verifyEmail(token: string): Promise<LinkResult> {
  return spendLink(ACCOUNT_API.completeVerification, { token });
}

async function sendLink(path: string, init: RequestInit): Promise<SendResult> {
  const response = await send(path, init);
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (response.status === 202 && typeof body.message === 'string') return { kind: 'sent', message: body.message };
  const retryAt = toPageTime(body.retryAt, response);
  if (response.status === 429 && retryAt !== undefined) return { kind: 'too-soon', retryAt };
  if (response.status === 400 && typeof body.fields === 'object') return { kind: 'invalid-email' };
  if (namesNoSandbox(body)) return { kind: 'failed', message: SANDBOX_GONE };
  return {
    kind: 'failed',
    message: failureWords(response, body, {
      verified: 'This address is verified already.',
      401: 'Log in first: your session has ended.',
      otherwise: response.status >= 500 ? 'The service is unavailable. Try again.' : 'That did not work. Try again.',
    }),
  };
}

async function spendLink(path: string, payload: Record<string, string>): Promise<LinkResult> {
  const response = await send(path, postJson(payload));
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (response.ok && typeof body.email === 'string') return { kind: 'ok', email: body.email };
  const { reason, fields } = body;
  if (reason === 'invalid' || reason === 'expired' || reason === 'used') return { kind: 'refused', why: reason };
  if (namesNoSandbox(body)) return { kind: 'failed', message: SANDBOX_GONE };
  const password =
    typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>).password : undefined;
  if (typeof password === 'string') return { kind: 'weak', message: password };
  return {
    kind: 'failed',
    message: failureWords(response, body, {
      otherwise: response.status >= 500 ? 'The service is unavailable. Try again.' : 'That did not work. Try again.',
    }),
  };
}

/** A message in the test inbox, as GET /api/test/inbox lists it. */
export interface InboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  code?: string;
  sentAt: string;
}

export type InboxResult =
  | { kind: 'ok'; messages: InboxMessage[] }
  /** This world serves no test hooks (a production server's default world). */
  | { kind: 'absent' }
  | { kind: 'failed'; message: string };

export async function fetchInbox(): Promise<InboxResult> {
  const response = await send(ACCOUNT_API.testInbox, {});
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (response.status === 404 && !namesNoSandbox(body)) return { kind: 'absent' };
  if (response.ok && Array.isArray(body.messages)) return { kind: 'ok', messages: body.messages.filter(isMessage) };
  if (namesNoSandbox(body)) return { kind: 'failed', message: SANDBOX_GONE };
  return { kind: 'failed', message: 'The inbox could not be read. Try again.' };
}

export async function emptyInbox(): Promise<{ kind: 'ok' } | { kind: 'failed'; message: string }> {
  const response = await send(ACCOUNT_API.testInbox, { method: 'DELETE' });
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  return response.ok ? { kind: 'ok' } : { kind: 'failed', message: 'The inbox could not be emptied. Try again.' };
}

function isMessage(value: unknown): value is InboxMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { id, to, subject, text, links, code, sentAt } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof to === 'string' &&
    typeof subject === 'string' &&
    typeof text === 'string' &&
    Array.isArray(links) &&
    links.every((link) => typeof link === 'string') &&
    (code === undefined || typeof code === 'string') &&
    typeof sentAt === 'string'
  );
}
