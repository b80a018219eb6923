// Enters a session the server has just granted by a way other than the password form (a sign-in
// link, a code) and returns to where the reader was going, as log-in.ts does for the form: the
// article's gated text fetched first (waited for at most WAIT_FOR_GATED_TEXT_MS), then the session
// and the navigation in one synchronous render. A copy of log-in.ts's steps on purpose: a module
// both the login page's chunk and the account chunk import would become a chunk of its own, which
// the bundler then lists in the entry (see JoinPage's Field for the same choice).
import { flushSync } from 'react-dom';
import { slugFromPath } from '../config/paths.ts';
import { mayReadGated } from '../paywall/access.ts';
import type { SignedIn } from './api-client.ts';
import { prefetchGatedText, readerViewer } from './gated-text.ts';
import { FOCUS_GATED } from './return-path.ts';
import { acceptLogin } from './session-store.ts';

const WAIT_FOR_GATED_TEXT_MS = 200;

/** React Router's `navigate`, or anything that moves the page the same way. */
export type Navigate = (to: string, options: { replace: true; state: typeof FOCUS_GATED }) => unknown;

export async function enterSessionAndReturn(session: SignedIn, returnPath: string, navigate: Navigate): Promise<void> {
  const enter = acceptLogin(session);
  const slug = slugFromPath(returnPath);
  if (slug !== undefined && mayReadGated(session.reader)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, WAIT_FOR_GATED_TEXT_MS)));
    await Promise.race([prefetchGatedText(slug, readerViewer(session.reader)), timeout]);
    clearTimeout(timer);
  }
  flushSync(() => {
    enter();
    void navigate(returnPath, { replace: true, state: FOCUS_GATED });
  });
}
