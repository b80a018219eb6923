// The account pages the login page links to, spelled out here rather than imported from
// config/account-paths.ts: a module both the login chunk and the account chunk import becomes a
// chunk of its own, listed in the entry's preload lists (see JoinPage's Field). login-links.test.ts
// holds them to ACCOUNT_PAGES, so they are still defined once in effect.
export const FORGOT_PASSWORD_PAGE = '/account/forgot-password';
export const UNLOCK_PAGE = '/account/unlock';
