// The session cookie on the wire: reading it from a `Cookie` header, writing `Set-Cookie`.
// Its value is an opaque session id (see sessions.ts); whatever else arrives names no session.
import { stringifySetCookie } from 'cookie';
import { isSessionId } from './sessions.ts';

export const SESSION_COOKIE = 'lede_session';

/** What a request's `Cookie` header says about the session, before the store is asked. */
export type SessionCookie =
  /** No session cookie: an anonymous visitor, and nothing to clear. */
  | { kind: 'none' }
  /** A session cookie that cannot name a session: garbage, truncated, padded, or sent more than once. */
  | { kind: 'malformed' }
  | { kind: 'id'; id: string };

/**
 * Every value sent for the cookie `name`, in order. Read by hand rather than with `cookie`'s `parseCookie`, which keeps the first of two
 * same-named cookies: two session cookies are ambiguous (another site on a sibling domain can
 * plant one), so they count as none valid. A session id is base64url, so no value is decoded and
 * no byte sequence can make the reading throw.
 */
export function cookieValues(header: string | null, name: string): string[] {
  if (header === null) return [];
  return header.split(';').flatMap((pair) => {
    const equals = pair.indexOf('=');
    return equals !== -1 && pair.slice(0, equals).trim() === name ? [pair.slice(equals + 1).trim()] : [];
  });
}

/** What the `Cookie` header says about the session; two session cookies are none valid. */
export function readSessionCookie(header: string | null): SessionCookie {
  const [only, ...others] = cookieValues(header, SESSION_COOKIE);
  if (only === undefined) return { kind: 'none' };
  return others.length === 0 && isSessionId(only) ? { kind: 'id', id: only } : { kind: 'malformed' };
}

/** Sets the session cookie; without `maxAgeSeconds` it is a browser-session cookie. */
export function sessionCookie(url: URL, id: string, maxAgeSeconds?: number): string {
  return stringifySetCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: url.protocol === 'https:',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

/** Clears the session cookie: the same attributes, so the browser replaces the one it holds. */
export function expiredSessionCookie(url: URL): string {
  return sessionCookie(url, '', 0);
}
