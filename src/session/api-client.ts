// The browser's calls to the mock backend. Every outcome is a value; responses are checked
// here, at the edge, so the rest of the client can trust their shape.
import type { Reader } from '../paywall/reader.ts';

export type LoginResult =
  { kind: 'ok'; reader: Reader } | { kind: 'rejected'; message: string } | { kind: 'unreachable' };

export type WhoAmIResult = { kind: 'ok'; reader: Reader | null } | { kind: 'unreachable' };

export type LogoutResult = { kind: 'ok' } | { kind: 'unreachable' };

export type RestResult =
  { kind: 'ok'; paragraphs: string[] } | { kind: 'denied'; message: string } | { kind: 'unreachable' };

export async function requestLogin(email: string, password: string): Promise<LoginResult> {
  const response = await send('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  if (response.ok && isReader(body.reader)) return { kind: 'ok', reader: body.reader };
  if (response.status >= 500) return { kind: 'unreachable' };
  return { kind: 'rejected', message: errorOf(body) };
}

export async function fetchCurrentReader(): Promise<WhoAmIResult> {
  const response = await send('/api/session', {});
  if (response === undefined || !response.ok) return { kind: 'unreachable' };
  const { reader } = await readBody(response);
  return { kind: 'ok', reader: isReader(reader) ? reader : null };
}

export async function requestLogout(): Promise<LogoutResult> {
  const response = await send('/api/session', { method: 'DELETE' });
  return response?.ok === true ? { kind: 'ok' } : { kind: 'unreachable' };
}

export async function fetchGatedParagraphs(slug: string, signal: AbortSignal): Promise<RestResult> {
  const response = await send(`/api/articles/${encodeURIComponent(slug)}/rest`, { signal });
  if (response === undefined || response.status >= 500) return { kind: 'unreachable' };
  const body = await readBody(response);
  const { paragraphs } = body;
  if (response.ok && Array.isArray(paragraphs) && paragraphs.every((p) => typeof p === 'string')) {
    return { kind: 'ok', paragraphs };
  }
  return { kind: 'denied', message: errorOf(body) };
}

/** `undefined` when the request never got an HTTP answer (offline, aborted, DNS). */
async function send(url: string, init: RequestInit): Promise<Response | undefined> {
  try {
    return await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    return undefined;
  }
}

async function readBody(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? { ...body } : {};
  } catch {
    return {};
  }
}

function errorOf(body: Record<string, unknown>): string {
  return typeof body.error === 'string' ? body.error : 'Something went wrong.';
}

function isReader(value: unknown): value is Reader {
  if (typeof value !== 'object' || value === null) return false;
  if (!('email' in value) || !('name' in value) || !('subscription' in value)) return false;
  const { email, name, subscription } = value;
  return (
    typeof email === 'string' &&
    typeof name === 'string' &&
    typeof subscription === 'object' &&
    subscription !== null &&
    'status' in subscription &&
    (subscription.status === 'active' || subscription.status === 'none')
  );
}
