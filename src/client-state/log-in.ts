// Owns the login sequence, from the form's credentials to the page the reader returns to.
// Only the login page imports it, so it loads with that page and weighs nothing on an article's.
import { flushSync } from 'react-dom';
import { slugFromPath } from '../config/paths.ts';
import { mayReadGated } from '../paywall/access.ts';
import { requestLogin, type LoginResult } from './api-login.ts';
import { prefetchArticle } from './catalog.ts';
import { prefetchGatedText, readerViewer } from './gated-text.ts';
import { TWO_FACTOR_PAGE } from '../config/login-links.ts';
import { FOCUS_GATED } from './return-path.ts';
import { acceptLogin } from './session-store.ts';

/** How long a login waits for the article's gated text before going on without it. */
export const WAIT_FOR_GATED_TEXT_MS = 200;

export interface Credentials {
  email: string;
  password: string;
  remember: boolean;
}

/** React Router's `navigate`, or anything that moves the page the same way. */
export type Navigate = (to: string, options: { replace: true; state: TwoFactorState | typeof FOCUS_GATED }) => unknown;

/** What the two-factor page is handed, in navigation state (never the URL): the challenge, and where to go. */
export interface TwoFactorState {
  challenge: string;
  next: string;
}

/**
 * `returned`: the session is entered and the page has moved on (or, for an account with a second
 * factor, on to its code); otherwise why not, for the form.
 */
export type LogInOutcome = { kind: 'returned' } | Exclude<LoginResult, { kind: 'ok' } | { kind: 'two-factor' }>;

/**
 * Returning to an article: fetch its public part while the reader types, so unlocking only waits
 * for the gated paragraphs.
 */
export function prepareReturn(returnPath: string): void {
  const slug = slugFromPath(returnPath);
  if (slug !== undefined) prefetchArticle(slug);
}

/**
 * Logs in and returns to `returnPath`. Like a router loader, it fetches what the next page shows
 * before leaving, so an article renders once, already unlocked; a slow answer is not waited for
 * longer than WAIT_FOR_GATED_TEXT_MS (the article then shows its "unlocking" state and shows the
 * text when it comes). The session and the navigation are applied in one synchronous render: no
 * frame of the login page, logged in, between the answer and the article.
 */
export async function logInAndReturn(
  credentials: Credentials,
  returnPath: string,
  navigate: Navigate,
): Promise<LogInOutcome> {
  const result = await requestLogin(credentials.email, credentials.password, credentials.remember);
  if (result.kind === 'two-factor') {
    void navigate(TWO_FACTOR_PAGE, { replace: true, state: { challenge: result.challenge, next: returnPath } });
    return { kind: 'returned' };
  }
  if (result.kind !== 'ok') return result;
  const enter = acceptLogin(result.session);
  const slug = slugFromPath(returnPath);
  const { reader } = result.session;
  if (slug !== undefined && mayReadGated(reader)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, WAIT_FOR_GATED_TEXT_MS)));
    await Promise.race([prefetchGatedText(slug, readerViewer(reader)), timeout]);
    clearTimeout(timer);
  }
  flushSync(() => {
    enter();
    void navigate(returnPath, { replace: true, state: FOCUS_GATED });
  });
  return { kind: 'returned' };
}
