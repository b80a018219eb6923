// Playwright fixtures for Lede. Each test gets a sandbox of its own on the server (its own
// sessions, throttles, subscriptions, inbox, faults, paywall model and clock), so tests run fully
// parallel against one Lede; its browser joins by the `lede_sandbox` cookie, its `request` by the
// `Lede-Sandbox` header, and the sandbox is deleted after the test. The other fixtures are the
// test hooks of that sandbox. Import `test` and `expect` from here instead of @playwright/test.
import { test as base, expect, type BrowserContext, type APIRequestContext } from '@playwright/test';
import type { Session } from './api-answers.js';
import { LEDE_API, SANDBOX_COOKIE, SANDBOX_HEADER } from './api-paths.js';
import { readAnswer } from './answers.js';
import { DEMO_PASSWORD, emailOf, logInAs, type LogInOptions, type Persona } from './personas.js';
import {
  createFaults,
  createInbox,
  createPaywall,
  createRequestLog,
  createServerClock,
  type Faults,
  type Inbox,
  type Paywall,
  type RequestLog,
  type ServerClock,
} from './test-hooks.js';

export { expect };
export type * from './api-answers.js';
export { FAULT_HEADER, faultHeader, faultHeaderValue, type HeaderFault } from './fault-header.js';
export { codeIn, linkIn } from './mail.js';
export { DEMO_PASSWORD, emailOf, MFA_TOTP_SECRET, PERSONAS, type LogInOptions, type Persona } from './personas.js';
export { totpCode } from './totp.js';
export type { Faults, Inbox, Paywall, RequestLog, ServerClock, WaitForMailOptions } from './test-hooks.js';
export { LEDE_API, SANDBOX_COOKIE, SANDBOX_HEADER };

/** The demo accounts, logged in through the API. */
export interface Personas {
  /**
   * Logs the persona in, in the test's browser context (its pages and `page.request` share the
   * session), or through `via` (the `request` fixture, say). Answers the session.
   */
  logIn(persona: Persona, options?: LogInOptions & { via?: APIRequestContext }): Promise<Session>;
  /** The persona's address: `reader@example.com`, `reader+a@example.com` with a tag. */
  emailOf(persona: Persona, tag?: string): string;
  /** Every persona's password. */
  readonly password: string;
}

export interface LedeOptions {
  /** Start the test logged in as this persona, in its browser context: `test.use({ persona: 'subscriber' })`. */
  persona: Persona | null;
}

export interface LedeFixtures {
  /** The test's sandbox id: made before the test, deleted after it. */
  sandbox: string;
  personas: Personas;
  serverClock: ServerClock;
  inbox: Inbox;
  faults: Faults;
  paywall: Paywall;
  requestLog: RequestLog;
}

function ledeURL(baseURL: string | undefined): string {
  if (baseURL === undefined) throw new Error('Set use.baseURL to the address Lede is served on.');
  return baseURL;
}

/** Puts a browser context in a sandbox: its pages and its `request` carry the sandbox's cookie. */
export async function joinSandbox(
  context: BrowserContext,
  sandbox: string,
  baseURL: string | undefined,
): Promise<void> {
  await context.addCookies([{ name: SANDBOX_COOKIE, value: sandbox, url: ledeURL(baseURL) }]);
}

export const test = base.extend<LedeOptions & LedeFixtures>({
  persona: [null, { option: true }],

  sandbox: async ({ playwright, baseURL }, use) => {
    const api = await playwright.request.newContext({ baseURL: ledeURL(baseURL) });
    const { id } = await readAnswer<{ id: string }>(await api.post(LEDE_API.sandboxes), `POST ${LEDE_API.sandboxes}`);
    await use(id);
    await api.delete(`${LEDE_API.sandboxes}/${id}`);
    await api.dispose();
  },

  // The browser joins the sandbox by its cookie; the persona, if any, is logged in there.
  context: async ({ context, sandbox, persona, baseURL }, use) => {
    await joinSandbox(context, sandbox, baseURL);
    if (persona !== null) await logInAs(context.request, persona);
    await use(context);
  },

  // API calls join it by the header.
  request: async ({ playwright, baseURL, sandbox }, use) => {
    const request = await playwright.request.newContext({
      baseURL: ledeURL(baseURL),
      extraHTTPHeaders: { [SANDBOX_HEADER]: sandbox },
    });
    await use(request);
    await request.dispose();
  },

  personas: async ({ context }, use) => {
    await use({
      logIn: (persona, { via = context.request, ...options } = {}) => logInAs(via, persona, options),
      emailOf,
      password: DEMO_PASSWORD,
    });
  },

  serverClock: async ({ request }, use) => use(createServerClock(request)),
  inbox: async ({ request }, use) => use(createInbox(request)),
  faults: async ({ request }, use) => use(createFaults(request)),
  paywall: async ({ request }, use) => use(createPaywall(request)),
  requestLog: async ({ request }, use) => use(createRequestLog(request)),
});
