// Which world a request asks for: the `Lede-Sandbox` header (API clients), else the
// `lede_sandbox` cookie (a browser context: every page load and fetch carries it), else the
// default world. Read once at the edge; whether the sandbox still exists is the registry's call.
import { stringifySetCookie } from 'cookie';
import { z } from 'zod';
import type { RequestBody } from './request-body.ts';
import { check } from './request-schemas.ts';
import { cookieValues } from './session-cookie.ts';
import { isSandboxId } from './sandboxes.ts';

export const SANDBOX_HEADER = 'Lede-Sandbox';
export const SANDBOX_COOKIE = 'lede_sandbox';

export type SandboxChoice =
  | { kind: 'default' }
  | { kind: 'sandbox'; id: string }
  /** Asked for a sandbox in a way that names none: never served from the default world instead. */
  | { kind: 'malformed'; error: string };

/**
 * Clears the sandbox cookie: how a browser leaves its sandbox for the default world when a reader
 * asks to (never silently). Same attributes as a test harness sets it with, so it replaces it.
 */
export function expiredSandboxCookie(url: URL): string {
  return stringifySetCookie(SANDBOX_COOKIE, '', {
    maxAge: 0,
    path: '/',
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

/**
 * Puts a browser in a sandbox (POST /api/sandboxes/join): the same name, path and SameSite as a test
 * harness sets it with and expiredSandboxCookie clears it with. HttpOnly: no script of the page
 * needs it (the page asks GET /api/sandboxes/current), so none can read it off. A browser-session
 * cookie, as a harness's is: the sandbox itself ends after an hour unused anyway.
 */
export function sandboxCookie(url: URL, id: string): string {
  return stringifySetCookie(SANDBOX_COOKIE, id, {
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

export const JOIN_EXPECTED = 'Expected a JSON object { "id": "<a sandbox id from POST /api/sandboxes>" }.';

/** POST /api/sandboxes/join's body (the API reference shows it too). */
export const JOIN_BODY = z.object({ id: z.string() });

export type JoinRequest =
  | { kind: 'ok'; id: string }
  /** `bad-sandbox`: the body's shape was right, but its id names no sandbox that could exist. */
  | { kind: 'invalid'; error: string; reason?: 'bad-sandbox' };

/** POST /api/sandboxes/join's body: `{ "id": "<uuid>" }`, the id read in any case, spaces around it ignored. */
export function readJoinRequest(body: RequestBody): JoinRequest {
  const checked = check(JOIN_BODY, body, JOIN_EXPECTED);
  if (checked.kind === 'invalid') return checked;
  const choice = toChoice(checked.value.id.trim(), 'The "id"');
  return choice.kind === 'sandbox'
    ? { kind: 'ok', id: choice.id }
    : { kind: 'invalid', error: choice.kind === 'malformed' ? choice.error : JOIN_EXPECTED, reason: 'bad-sandbox' };
}

export function readSandboxChoice(headers: Headers): SandboxChoice {
  // Headers joins repeated headers with ", ", which no sandbox id contains.
  const header = headers.get(SANDBOX_HEADER);
  if (header !== null) return toChoice(header.trim(), `The ${SANDBOX_HEADER} header`);
  const [only, ...others] = cookieValues(headers.get('Cookie'), SANDBOX_COOKIE);
  if (only === undefined) return { kind: 'default' };
  if (others.length > 0) return { kind: 'malformed', error: `The request carries ${SANDBOX_COOKIE} more than once.` };
  return toChoice(only, `The ${SANDBOX_COOKIE} cookie`);
}

/** A sandbox id is read in any case. */
function toChoice(value: string, source: string): SandboxChoice {
  const id = value.toLowerCase();
  return isSandboxId(id)
    ? { kind: 'sandbox', id }
    : { kind: 'malformed', error: `${source} is not a sandbox id (a UUID from POST /api/sandboxes).` };
}
