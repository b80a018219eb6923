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
  /** Where an unlock link lands (?token=…): the locked account is unlocked. */
  unlock: '/account/unlock',
  /** Where a verification link lands (?token=…): the address is verified. */
  verifyEmail: '/account/verify-email',
} as const satisfies Record<string, `/account/${string}`>;

export const ACCOUNT_API = {
  /** GET ?to=<email>: the world's test inbox, newest first; DELETE empties it (a test hook). */
  testInbox: '/api/test/inbox',
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
