// The account pages and the API path the login chunk leads to, spelled out here rather than
// imported from account-paths.ts: a module both the login chunk and the account chunk import
// becomes a chunk of its own, one more request on the login page (and a Rolldown split of React,
// decision 045). login-links.test.ts holds each to account-paths.ts, so they are defined once in effect.
export const FORGOT_PASSWORD_PAGE = '/account/forgot-password';
export const UNLOCK_PAGE = '/account/unlock';
export const SIGN_IN_LINK_PAGE = '/account/sign-in-link';
export const TWO_FACTOR_PAGE = '/account/two-factor';
/** GET ?next=<path>: starts a sign-in with Example ID. */
export const EXAMPLE_ID_START = '/api/oauth/example-id/start';
