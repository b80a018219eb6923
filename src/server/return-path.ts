// Where the server sends a browser back to after a sign-in it finished itself (Example ID's
// callback answers a redirect, not JSON): the rules of the app's toReturnPath
// (src/client-state/return-path.ts), which the server may not import. Only a path on our own
// origin survives; anything else is `/`. return-path.test.ts holds both to the same table.

const HOME = '/';
const PROBE_ORIGIN = 'http://lede.invalid';
const MAX_RETURN_ADDRESS_LENGTH = 2048;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;
/** One `/`, then anything but a second `/` or `\`: no protocol-relative URL, no `scheme:`, no relative path. */
const ABSOLUTE_PATH = /^\/(?![/\\])/;
/** An encoded separator, `%` or control in the path: one more decode downstream would change where it goes. */
const ENCODED_SEPARATOR_OR_CONTROL = /%(?:2F|5C|25|[01][0-9A-F]|7F)/i;
/** Returning to the login page after signing in would only say "You are logged in". */
const LOGIN_PAGE = /^\/login\/*$/i;

export function toServerReturnPath(next: string | null): string {
  if (next === null || next.length > MAX_RETURN_ADDRESS_LENGTH) return HOME;
  if (CONTROL_CHARACTER.test(next) || !ABSOLUTE_PATH.test(next)) return HOME;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return HOME;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//')) return HOME;
  if (ENCODED_SEPARATOR_OR_CONTROL.test(url.pathname)) return HOME;
  let routedPath: string;
  try {
    routedPath = decodeURIComponent(url.pathname);
  } catch {
    return HOME;
  }
  if (LOGIN_PAGE.test(routedPath)) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
