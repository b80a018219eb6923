// The test fixtures every spec imports instead of @playwright/test:
// - every test starts from a reset server (throttles and mock subscriptions cleared);
// - `test.use({ persona: 'reader' })` starts a test logged in as that persona, reusing the
//   session the setup project saved (e2e/auth.setup.ts) instead of logging in again, and
//   renewing it if an earlier test ended it;
// - every page is watched for Content-Security-Policy violations, uncaught errors and console
//   errors: a test that saw any fails (see `problemsAllowed` for the few a test may expect).
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, type PersonaId } from '../src/paywall/personas.ts';

export { expect };

/** Personas that can log in, so have a saved session (locked cannot). */
export type SignedInPersona = Exclude<PersonaId, 'locked'>;
export const SIGNED_IN_PERSONAS: readonly SignedInPersona[] = ['subscriber', 'reader', 'expired', 'slow', 'flaky'];

export function storageStateOf(persona: SignedInPersona): string {
  return `playwright/.auth/${persona}.json`;
}

export function emailOf(persona: PersonaId): string {
  return `${persona}@example.com`;
}

export const SUBSCRIBER = emailOf('subscriber');
export const READER = emailOf('reader');

/** Logs a request context in through the API (its cookies are the page's when it is `page.request`). */
export async function logInThroughApi(request: APIRequestContext, persona: SignedInPersona): Promise<void> {
  // The flaky persona's first attempt after a reset fails with 503 by design: try once more.
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const response = await request.post('/api/session', { data: { email: emailOf(persona), password: DEMO_PASSWORD } });
    if (response.ok()) return;
    if (response.status() !== 503 || attempt === 2) {
      throw new Error(`logging in as ${persona} failed: ${response.status()} ${await response.text()}`);
    }
  }
}

interface Fixtures {
  /** Start logged in as this persona (a saved session); `null` for an anonymous reader. */
  persona: SignedInPersona | null;
  /** Console errors this test causes on purpose (a simulated fault, say), by their text. */
  problemsAllowed: RegExp[];
  resetServer: void;
}

/**
 * The browser logs every HTTP error answer as a console error ("Failed to load resource: the
 * server responded with a status of 401"), and every request that found no network. Lede answers
 * 4xx by design (a wrong password, a reader without a subscription) and tests cut the network on
 * purpose (route.abort('internetdisconnected')); the app handles both, and these lines are the
 * browser's report of the network, not errors of the app.
 */
const HTTP_ERROR_LOG =
  /^Failed to load resource: (?:the server responded with a status of \d{3}|net::ERR_INTERNET_DISCONNECTED$)/;

export const test = base.extend<Fixtures>({
  persona: [null, { option: true }],
  problemsAllowed: [[], { option: true }],
  context: async ({ context, problemsAllowed }, use) => {
    const problems: string[] = [];
    await context.exposeBinding('__ledeReportViolation', (_source, report: string) => problems.push(report));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __ledeReportViolation: (text: string) => void }).__ledeReportViolation;
        void report(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`);
      });
    });
    context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`));
    context.on('console', (message) => {
      if (message.type() !== 'error' || HTTP_ERROR_LOG.test(message.text())) return;
      if (problemsAllowed.some((allowed) => allowed.test(message.text()))) return;
      problems.push(`console error: ${message.text()}`);
    });
    await use(context);
    expect(problems, 'CSP violations, uncaught errors or console errors').toEqual([]);
  },
  storageState: async ({ persona, storageState, playwright, baseURL }, use) => {
    if (persona === null) return use(storageState);
    // Reuse the saved session; if a test ended it (a full reset, say), log in again and re-save.
    const path = storageStateOf(persona);
    const request = await playwright.request.newContext({
      ...(baseURL === undefined ? {} : { baseURL }),
      storageState: path,
    });
    const current: unknown = await (await request.get('/api/session')).json();
    if (typeof current === 'object' && current !== null && 'reader' in current && current.reader === null) {
      await logInThroughApi(request, persona);
      await request.storageState({ path });
    }
    await request.dispose();
    await use(path);
  },
  resetServer: [
    async ({ request }, use) => {
      // keepSessions: the saved persona sessions stay valid; a test that ends its session
      // (logout, expiry) logs in afresh with logInThroughApi instead of using `persona`.
      const response = await request.post('/api/test/reset', { data: { keepSessions: true } });
      if (!response.ok()) throw new Error(`reset failed: ${response.status()}`);
      await use();
    },
    { auto: true },
  ],
});
