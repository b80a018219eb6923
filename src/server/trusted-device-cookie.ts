// The `lede_trusted_device` cookie: "Trust this device for 30 days" after a second factor. It holds
// a `trusted-device` token (tokens.ts: hashed in the store, bound to the account and the world,
// 30 days of world time); a password login from the browser that sends it skips the code. Only
// the login routes under /api/session ever see it.
import { stringifySetCookie } from 'cookie';
import { API_PATHS } from '../config/paths.ts';
import { cookieValues } from './session-cookie.ts';
import { TRUSTED_DEVICE_MS } from './two-factor.ts';

export const TRUSTED_DEVICE_COOKIE = 'lede_trusted_device';

/** The token the `Cookie` header carries, if exactly one was sent; anything else is none. */
export function readTrustedDeviceCookie(header: string | null): string | undefined {
  const [only, ...others] = cookieValues(header, TRUSTED_DEVICE_COOKIE);
  return only !== undefined && others.length === 0 && only !== '' ? only : undefined;
}

/**
 * HttpOnly, SameSite=Lax and Secure over HTTPS, as the session cookie. Its Max-Age is 30 days of
 * real time: the token inside expires by the world's clock, which only moves forward, so never later.
 */
export function trustedDeviceCookie(url: URL, token: string): string {
  return stringifySetCookie(TRUSTED_DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: API_PATHS.session,
    secure: url.protocol === 'https:',
    maxAge: TRUSTED_DEVICE_MS / 1000,
  });
}
