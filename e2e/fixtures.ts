// The fixtures every spec imports instead of @playwright/test: the sandbox fixture
// (e2e/sandbox-fixture.ts: every test in its own sandbox, `test.use({ persona: 'reader' })`),
// plus what Lede's own suite adds: every page is watched for Content-Security-Policy violations,
// uncaught errors and console errors, and a test that saw any fails (see `problemsAllowed` for
// the few a test may expect).
import {
  test as base,
  type APIRequestContext,
  type BrowserContext,
  type Fixtures,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
} from '@playwright/test';
import { DEMO_PASSWORD, type PersonaId } from '../src/paywall/personas.ts';
import { expect, test as sandboxTest } from './sandbox-fixture.ts';
import { API_PATHS } from '../src/config/paths.ts';

export { expect };
export { joinSandbox, type Persona } from './sandbox-fixture.ts';

export function emailOf(persona: PersonaId): string {
  return `${persona}@example.com`;
}

export const SUBSCRIBER = emailOf('subscriber');
export const READER = emailOf('reader');

/** Logs a request context in through the API (its cookies are the page's when it is `page.request`). */
export async function logInThroughApi(request: APIRequestContext, email: string): Promise<void> {
  const response = await request.post(API_PATHS.session, { data: { email, password: DEMO_PASSWORD } });
  expect(response.status(), `logging in as ${email}`).toBe(200);
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

/**
 * Watches every page of a context for CSP violations, uncaught errors and console errors;
 * returns the list it fills.
 */
export async function watchForProblems(context: BrowserContext, allowed: RegExp[] = []): Promise<string[]> {
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
    if (allowed.some((pattern) => pattern.test(message.text()))) return;
    problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

interface Watched {
  /** Console errors this test causes on purpose (a simulated fault, say), by their text. */
  problemsAllowed: RegExp[];
}

const watched: Fixtures<Watched, object, PlaywrightTestArgs & PlaywrightTestOptions> = {
  problemsAllowed: [[], { option: true }],
  context: async ({ context, problemsAllowed }, use) => {
    const problems = await watchForProblems(context, problemsAllowed);
    await use(context);
    expect(problems, 'CSP violations, uncaught errors or console errors').toEqual([]);
  },
};

/** Every test in its own sandbox, its pages watched. */
export const test = sandboxTest.extend<Watched>(watched);

/** For the few tests about the default world, outside any sandbox (e2e/default-world.spec.ts). */
export const testOutsideSandboxes = base.extend<Watched>(watched);
