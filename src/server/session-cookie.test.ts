import { describe, expect, test } from 'vitest';
import {
  SESSION_COOKIE,
  expiredSessionCookie,
  readSessionCookie,
  sessionCookie,
  type SessionCookie,
} from './session-cookie.ts';

const ID = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
const OTHER_ID = 'zYxWvUtSrQpOnMlKjIhGfEdCbA9876543210-_zYxWV';

describe('readSessionCookie', () => {
  test('the ids used here have the shape of real ones', () => {
    expect(ID).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(OTHER_ID).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test.each<[string, string | null, SessionCookie]>([
    ['no Cookie header', null, { kind: 'none' }],
    ['an empty header', '', { kind: 'none' }],
    ['only other cookies', 'theme=dark; lang=en', { kind: 'none' }],
    ['a name that differs in case', `LEDE_SESSION=${ID}`, { kind: 'none' }],
    ['the name without "="', SESSION_COOKIE, { kind: 'none' }],
    ['a well-formed id', `${SESSION_COOKIE}=${ID}`, { kind: 'id', id: ID }],
    ['a well-formed id among others', `a=1; ${SESSION_COOKIE}=${ID}; b=2`, { kind: 'id', id: ID }],
    ['a well-formed id with spaces around', `a=1;  ${SESSION_COOKIE} = ${ID} ;b=2`, { kind: 'id', id: ID }],
    ['an empty value', `${SESSION_COOKIE}=`, { kind: 'malformed' }],
    ['a truncated id', `${SESSION_COOKIE}=${ID.slice(0, 42)}`, { kind: 'malformed' }],
    ['a padded id', `${SESSION_COOKIE}=${ID}A`, { kind: 'malformed' }],
    ['a quoted id', `${SESSION_COOKIE}="${ID}"`, { kind: 'malformed' }],
    ['an id with a character outside base64url', `${SESSION_COOKIE}=${ID.slice(0, 42)}+`, { kind: 'malformed' }],
    ['garbage', `${SESSION_COOKIE}=<script>alert(1)</script>`, { kind: 'malformed' }],
    ['invalid percent-encoding', `${SESSION_COOKIE}=%E0%A4%A`, { kind: 'malformed' }],
    ['a lone "%"', `${SESSION_COOKIE}=%`, { kind: 'malformed' }],
    ['a percent-encoded id', `${SESSION_COOKIE}=${encodeURIComponent(ID).replace('A', '%41')}`, { kind: 'malformed' }],
    ['Latin-1 bytes', `${SESSION_COOKIE}=\u00e9\u00ff\u0080`, { kind: 'malformed' }],
    ['a huge value', `${SESSION_COOKIE}=${'a'.repeat(100_000)}`, { kind: 'malformed' }],
    ['the same id twice', `${SESSION_COOKIE}=${ID}; ${SESSION_COOKIE}=${ID}`, { kind: 'malformed' }],
    ['two different ids', `${SESSION_COOKIE}=${ID}; ${SESSION_COOKIE}=${OTHER_ID}`, { kind: 'malformed' }],
    ['an id and then garbage', `${SESSION_COOKIE}=${ID}; ${SESSION_COOKIE}=x`, { kind: 'malformed' }],
  ])('%s', (_name, header, expected) => {
    expect(readSessionCookie(header)).toEqual(expected);
  });

  test('a header of a million separators is read, and quickly', () => {
    const started = performance.now();
    expect(readSessionCookie(';'.repeat(1_000_000))).toEqual({ kind: 'none' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('sessionCookie and expiredSessionCookie', () => {
  const http = new URL('http://localhost/api/session');
  const https = new URL('https://localhost/api/session');

  test('a browser-session cookie: HttpOnly, SameSite=Lax, Path=/, no Max-Age', () => {
    expect(sessionCookie(http, ID)).toBe(`${SESSION_COOKIE}=${ID}; Path=/; HttpOnly; SameSite=Lax`);
  });

  test('with a lifetime: Max-Age; over https: Secure', () => {
    expect(sessionCookie(https, ID, 60)).toBe(
      `${SESSION_COOKIE}=${ID}; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  test.each([
    ['http', http, `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`],
    ['https', https, `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax`],
  ])('clearing over %s: an empty value, Max-Age=0 and the same attributes', (_name, url, expected) => {
    expect(expiredSessionCookie(url)).toBe(expected);
  });
});
