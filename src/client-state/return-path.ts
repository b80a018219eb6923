// Where to go after logging in or subscribing. Every return address, read from `?next=` or written
// into one, goes through toReturnPath: only a path on our own origin survives; anything else is `/`.
import { HOME_PATH, JOIN_PATH, LOGIN_PATH, SUBSCRIBE_PATH } from '../config/paths.ts';

const HOME = HOME_PATH;

/** Stands in for our origin while parsing: a `.invalid` host can never be anyone's real one. */
const PROBE_ORIGIN = 'http://lede.invalid';

/** Far longer than any path Lede writes; a longer value is not a return address, only work to parse. */
const MAX_RETURN_ADDRESS_LENGTH = 2048;

/**
 * C0 controls and DEL. The browser silently drops tabs and newlines anywhere in a URL
 * (`/\t/evil.example` is `//evil.example`) and trims the rest from the ends, so a value that
 * holds one means something other than it shows. Lede never writes one.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/**
 * One `/`, then anything but a second `/` or `\` (browsers read `\` as `/` in http URLs, so
 * `/\evil.example` is protocol-relative). This also refuses relative paths, which react-router
 * would resolve against the current route (`articles/x` from /login is /login/articles/x), and
 * every `scheme:` (`javascript:`, `data:`, `https:` in any case).
 */
const ABSOLUTE_PATH = /^\/(?![/\\])/;

/**
 * An encoded `/`, `\`, `%` or control character in the path. The value was decoded once already
 * (URLSearchParams); one more decode anywhere downstream (a proxy, a server, a later reader of
 * the URL) would turn `/%2F%2Fevil.example` into `///evil.example` and `/%252F` into `/%2F`. No
 * path of ours contains them, so refuse them rather than reason about who decodes what. The query
 * and hash may hold them: they cannot change where the path goes.
 */
const ENCODED_SEPARATOR_OR_CONTROL = /%(?:2F|5C|25|[01][0-9A-F]|7F)/i;

/**
 * The login page itself, as react-router matches it: case-insensitive, trailing slashes allowed.
 * Returning there after logging in would only show "You are logged in" with a link onwards, so it
 * goes home instead. A nested `?next=` is not followed: that would be a second decode.
 */
const LOGIN_PAGE = /^\/login\/*$/i;

/**
 * `/articles/x?a=1#p` stays. `https://evil.example`, `//evil.example`, `/\evil.example`,
 * `/x/..//evil.example`, `/%2F%2Fevil.example`, `javascript:…`, `articles/x` and `/login`
 * become `/`. The value returned is already normalised, so it is exactly what gets navigated to.
 */
export function toReturnPath(next: string | null): string {
  if (next === null || next.length > MAX_RETURN_ADDRESS_LENGTH) return HOME;
  if (CONTROL_CHARACTER.test(next) || !ABSOLUTE_PATH.test(next)) return HOME;

  // Normalise as the browser will (dot segments, `\` → `/`, percent-encoding), then check that.
  // After the checks above the origin cannot differ; checking it anyway tests the parse itself,
  // not our reading of the string.
  const url = parseUrl(next);
  if (url === null || url.origin !== PROBE_ORIGIN) return HOME;
  // Dot segments can turn `/x/..//evil.example` into `//evil.example`, protocol-relative again.
  if (url.pathname.startsWith('//')) return HOME;
  if (ENCODED_SEPARATOR_OR_CONTROL.test(url.pathname)) return HOME;
  const routedPath = decodeOnce(url.pathname);
  if (routedPath === null || LOGIN_PAGE.test(routedPath)) return HOME;

  return `${url.pathname}${url.search}${url.hash}`;
}

/** `new URL`, or null where it throws. (Not `URL.parse`: Safari has it only since 18.) */
function parseUrl(value: string): URL | null {
  try {
    return new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
}

/** The path as the router matches it, or null if it is not valid percent-encoding. */
function decodeOnce(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Navigation state for the return after login: focus the text the reader came for. */
export const FOCUS_GATED = { focus: 'gated' } as const;

export function isFocusGated(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'focus' in state && state.focus === FOCUS_GATED.focus;
}

/** The login page, returning to `returnPath` (checked here too, so no link ever carries a bad one). */
export function toLoginPath(returnPath: string): string {
  return `${LOGIN_PATH}?${new URLSearchParams({ next: toReturnPath(returnPath) }).toString()}`;
}

/** Creating a free account, then logging in and returning to `returnPath`. */
export function toJoinPath(returnPath: string): string {
  return `${JOIN_PATH}?${new URLSearchParams({ next: toReturnPath(returnPath) }).toString()}`;
}

/** The mock plans page, returning to `returnPath` once subscribed. */
export function toSubscribePath(returnPath: string): string {
  return `${SUBSCRIBE_PATH}?${new URLSearchParams({ next: toReturnPath(returnPath) }).toString()}`;
}
