// The API paths the fixtures call, as docs/testing.md lists them.
export const LEDE_API = {
  sandboxes: '/api/sandboxes',
  session: '/api/session',
  twoFactor: '/api/session/two-factor',
  clock: '/api/test/clock',
  inbox: '/api/test/inbox',
  faults: '/api/test/faults',
  paywall: '/api/test/paywall',
  requests: '/api/test/requests',
} as const;

/** The cookie a browser joins a sandbox by. */
export const SANDBOX_COOKIE = 'lede_sandbox';
/** The header an API client joins a sandbox by (it wins over the cookie). */
export const SANDBOX_HEADER = 'Lede-Sandbox';
