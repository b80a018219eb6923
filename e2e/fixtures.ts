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
  type Page,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type Request,
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

/**
 * Logs a request context in through the API (its cookies are the page's when it is `page.request`).
 * To start a test logged in, use the sandbox fixture's option instead: `test.use({ persona: 'reader' })`.
 */
export async function logInThroughApi(request: APIRequestContext, email: string): Promise<void> {
  const response = await request.post(API_PATHS.session, { data: { email, password: DEMO_PASSWORD } });
  expect(response.status(), `logging in as ${email}`).toBe(200);
}

/**
 * Logs in through the login form the page shows, as a reader does: types the email and the
 * password (the demo password unless given) and clicks "Log in" (twice, with `dblclick`). Only
 * submits: what the page does next is for the test to expect.
 */
export async function logInThroughForm(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
  { dblclick = false }: { dblclick?: boolean } = {},
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const button = page.getByRole('button', { name: 'Log in' });
  await (dblclick ? button.dblclick() : button.click());
}

/** Whether a request is a login attempt: POST to the session API. */
export function isLoginRequest(request: Request): boolean {
  return new URL(request.url()).pathname === API_PATHS.session && request.method() === 'POST';
}

/** A page's path with `?next=` set to where it returns afterwards (`/login?next=%2Farticles%2F…`). */
export function returningTo(path: string, next: string): string {
  return `${path}?next=${encodeURIComponent(next)}`;
}

/** The address Lede is served on (`use.baseURL`, which playwright.config.ts always sets), or throws. */
export function requireBaseURL(baseURL: string | undefined): string {
  if (baseURL === undefined) throw new Error('Set use.baseURL to the address Lede is served on.');
  return baseURL;
}

/** Who the session of a request context belongs to now (`null`: nobody); asking counts as activity. */
export async function whoIsLoggedIn(request: APIRequestContext): Promise<string | null> {
  const { reader } = (await (await request.get(API_PATHS.session)).json()) as { reader: { email: string } | null };
  return reader?.email ?? null;
}

/** The server's time, in the world of a request context (its sandbox's clock, or the default world's). */
export async function serverNow(request: APIRequestContext): Promise<number> {
  const { now } = (await (await request.get(API_PATHS.testClock)).json()) as { now: string };
  return Date.parse(now);
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
