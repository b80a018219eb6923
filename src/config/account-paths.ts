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
  /** Where a sign-in with Example ID that did not complete lands (?reason=…&next=…): what happened. */
  signInProblem: '/account/sign-in-problem',
  /** After the password, for an account with two-factor sign-in: the 6-digit code (navigation state carries the challenge). */
  twoFactor: '/account/two-factor',
  /** Where an unlock link lands (?token=…): the locked account is unlocked. */
  unlock: '/account/unlock',
  /** Where a verification link lands (?token=…): the address is verified. */
  verifyEmail: '/account/verify-email',
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
  /** GET ?next=<path>: starts a sign-in with Example ID (OAuth 2.0, PKCE): a 302 to its consent page. */
  exampleIdStart: '/api/oauth/example-id/start',
  /** GET ?code&state: where Example ID sends the browser back (the redirect_uri); a 302 onwards. */
  exampleIdCallback: '/api/oauth/example-id/callback',
  /** POST { challenge, code | recoveryCode, trustDevice?, remember? }: the second step of a two-factor login. */
  twoFactor: '/api/session/two-factor',
  /** POST { email }: sends a reset link if the address has an account; 202 alike either way. */
  passwordResets: '/api/password-resets',
  /** POST { token }: whether a reset link still works, before anyone types a password. */
  checkPasswordReset: '/api/password-resets/check',
  /** POST { token, password }: sets the password; every session of the account ends. */
  completePasswordReset: '/api/password-resets/complete',
  /** POST { email }: sends an unlock link if the account is locked; 202 alike either way. */
  unlockLinks: '/api/unlock-links',
  /** POST { token }: unlocks the account the link was sent for. */
  unlock: '/api/unlock',
  /** POST (signed in): sends the verification link again. */
  verification: '/api/account/verification',
  /** POST { token }: verifies the address the link was sent to. */
  completeVerification: '/api/account/verification/complete',
} as const satisfies Record<string, `/api/${string}`>;

/**
 * Example ID, the mock identity provider: a site of its own on Lede's origin, under its own path,
 * answered by the API handler like /api/* (the production server and Vite's plugin send both there).
 */
export const EXAMPLE_ID_PREFIX = '/example-id/';

export const EXAMPLE_ID_PATHS = {
  /** GET: the consent page for an authorization request; POST: the reader's answer (a form). */
  authorize: '/example-id/authorize',
  /** POST (form): an authorization code and its PKCE verifier → an access token. */
  token: '/example-id/token',
  /** GET with `Authorization: Bearer <token>`: who signed in. */
  userinfo: '/example-id/userinfo',
  /** The provider's own little stylesheet (the CSP allows no inline style). */
  stylesheet: '/example-id/style.css',
} as const satisfies Record<string, `${typeof EXAMPLE_ID_PREFIX}${string}`>;

/** Why a sign-in with Example ID did not complete, as the sign-in problem page's `?reason=` says it. */
export const SIGN_IN_PROBLEMS = [
  'access-denied',
  'state-mismatch',
  'code-expired',
  'code-used',
  'email-unverified',
  'account-locked',
  'provider-error',
] as const;

export type SignInProblem = (typeof SIGN_IN_PROBLEMS)[number];

/** The start of a sign-in with Example ID that returns to `returnPath` (already checked by the caller). */
export function exampleIdStartPath(returnPath: string): string {
  return `${ACCOUNT_API.exampleIdStart}?${new URLSearchParams({ next: returnPath }).toString()}`;
}
