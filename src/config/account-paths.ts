// The paths of the ways into an account besides the password form: pages under /account/… (see
// src/screens/sign-in/AccountRoutes.tsx) and their API. Apart from paths.ts on purpose: only the
// account chunk, the login page and the server need them, and what paths.ts holds rides in every
// page's first view.

/** Pages the production server answers with the app's shell (src/host/host.ts). */
export const ACCOUNT_PAGES = {
  /** Asks for a password reset link. */
  forgotPassword: '/account/forgot-password',
  /** Where a reset link lands (?token=…): choose a new password. */
  resetPassword: '/account/reset-password',
  /** After the password, for an account with two-factor sign-in: the 6-digit code (navigation state carries the challenge). */
  twoFactor: '/account/two-factor',
} as const satisfies Record<string, `/account/${string}`>;

export const ACCOUNT_API = {
  /** GET ?to=<email>: the world's test inbox, newest first; DELETE empties it (a test hook). */
  testInbox: '/api/test/inbox',
  /** POST { challenge, code | recoveryCode, trustDevice?, remember? }: the second step of a two-factor login. */
  twoFactor: '/api/session/two-factor',
} as const satisfies Record<string, `/api/${string}`>;
