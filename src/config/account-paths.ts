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
  /** Asks for a sign-in link and code by email; with ?token=…, the link itself, signing in. */
  signInLink: '/account/sign-in-link',
} as const satisfies Record<string, `/account/${string}`>;

export const ACCOUNT_API = {
  /** GET ?to=<email>: the world's test inbox, newest first; DELETE empties it (a test hook). */
  testInbox: '/api/test/inbox',
  /** POST { email, remember?, next? }: emails a sign-in link and a 6-digit code (202, known or not). */
  signInLinks: '/api/sign-in-links',
  /** POST { token, remember? }: signs in by a sign-in link. */
  sessionByLink: '/api/session/link',
  /** POST { email, code, remember? }: signs in by the code from the same email. */
  sessionByCode: '/api/session/code',
} as const satisfies Record<string, `/api/${string}`>;
