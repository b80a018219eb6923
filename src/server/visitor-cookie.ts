// The `lede_visitor` cookie: who an anonymous reader is to the meter. A random 128-bit id, set by
// the first answer that counts a read for a browser without one, HttpOnly and SameSite=Lax, for a
// year. It names no account and opens nothing; clearing cookies starts the count afresh, as on
// the sites whose meters Lede imitates.
import { randomBytes } from 'node:crypto';
import { stringifySetCookie } from 'cookie';
import { cookieValues } from './session-cookie.ts';

export const VISITOR_COOKIE = 'lede_visitor';
export const VISITOR_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** 16 random bytes, base64url: 22 characters. */
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

export function newVisitorId(): string {
  return randomBytes(16).toString('base64url');
}

/** The visitor id the `Cookie` header carries, if exactly one well-formed one; anything else is none. */
export function readVisitorCookie(header: string | null): string | undefined {
  const [only, ...others] = cookieValues(header, VISITOR_COOKIE);
  return only !== undefined && others.length === 0 && VISITOR_ID.test(only) ? only : undefined;
}

export function visitorCookie(url: URL, id: string): string {
  return stringifySetCookie(VISITOR_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: url.protocol === 'https:',
    maxAge: VISITOR_COOKIE_MAX_AGE_S,
  });
}
