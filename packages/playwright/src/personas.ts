// Lede's demo accounts, by the short names its login page lists, and logging one in through the
// API: one request (the flaky persona's refused first try is tried again; the two-factor persona
// answers its code, computed at the world's time, in a second).
import type { APIRequestContext } from '@playwright/test';
import type { Session } from './api-answers.js';
import { LEDE_API } from './api-paths.js';
import { readAnswer } from './answers.js';
import { TOTP_PERIOD_MS, totpCode } from './totp.js';

/** Every demo account's password. Public on purpose, as the login page says. */
export const DEMO_PASSWORD = 'read-all-about-it';

/** The two-factor persona's TOTP secret (base32; SHA-1, 6 digits, 30 s): public, like the password. */
export const MFA_TOTP_SECRET = 'LEDETWOFACTORDEMOSECRETFORTESTQA';

/**
 * The personas a test can be logged in as: every demo account but `locked`, whose right password is
 * refused on purpose (log it in through the form to see that). See docs/testing.md's Personas.
 */
export const PERSONAS = [
  'subscriber',
  'reader',
  'expired',
  'slow',
  'flaky',
  'trial',
  'pastdue',
  'cancelled',
  'gifted',
  'devices',
  'scanned',
  'mfa',
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface LogInOptions {
  /** "Keep me logged in": the session lasts 7 idle days (30 in all) rather than 30 idle minutes (12 hours). */
  remember?: boolean;
  /** Plus-addressing: `tag: 'a'` logs in `reader+a@example.com`, the reader persona with an account of its own. */
  tag?: string;
}

/** `reader@example.com`, or `reader+a@example.com` with a tag. */
export function emailOf(persona: Persona, tag?: string): string {
  checkPersona(persona);
  return tag === undefined ? `${persona}@example.com` : `${persona}+${tag}@example.com`;
}

/** Logs the persona in through `request`: its cookie jar then holds the session (the page's, for `page.request`). */
export async function logInAs(
  request: APIRequestContext,
  persona: Persona,
  { remember, tag }: LogInOptions = {},
): Promise<Session> {
  const email = emailOf(persona, tag);
  const credentials = { email, password: DEMO_PASSWORD, ...(remember === undefined ? {} : { remember }) };
  let response = await request.post(LEDE_API.session, { data: credentials });
  // The flaky persona's first attempt answers 503 on purpose; the second one works.
  if (response.status() === 503 && persona === 'flaky') {
    response = await request.post(LEDE_API.session, { data: credentials });
  }
  if (response.status() === 401 && persona === 'mfa') {
    const { challenge } = (await response.json()) as { challenge?: string };
    if (challenge !== undefined) return answerTwoFactor(request, challenge, email);
  }
  return readAnswer<Session>(response, `Logging in as ${email}`);
}

/** The second step, with the code an authenticator app shows at the world's time (or the next one). */
async function answerTwoFactor(request: APIRequestContext, challenge: string, email: string): Promise<Session> {
  const { now } = await readAnswer<{ now: string }>(await request.get(LEDE_API.clock), `GET ${LEDE_API.clock}`);
  let response = await request.post(LEDE_API.twoFactor, {
    data: { challenge, code: totpCode(MFA_TOTP_SECRET, Date.parse(now)) },
  });
  // A code is accepted once: a second login within the same 30 s takes the next step's code.
  if (response.status() === 401 && ((await response.json()) as { reason?: string }).reason === 'code-used') {
    response = await request.post(LEDE_API.twoFactor, {
      data: { challenge, code: totpCode(MFA_TOTP_SECRET, Date.parse(now) + TOTP_PERIOD_MS) },
    });
  }
  return readAnswer<Session>(response, `Logging in as ${email} (two-factor)`);
}

/** A persona name from JavaScript, or a typo that slipped past the types, fails here in words. */
function checkPersona(persona: string): asserts persona is Persona {
  if (!(PERSONAS as readonly string[]).includes(persona)) {
    throw new Error(`No persona "${persona}": the personas are ${PERSONAS.join(', ')}.`);
  }
}
