// Each test in its own Lede sandbox: its own sessions, throttles, subscriptions and server clock,
// so tests can run in parallel against one server. Self-contained: copy this file as it is.
import { test as base, expect, type BrowserContext } from '@playwright/test';

export { expect };

export type Persona =
  'subscriber' | 'reader' | 'expired' | 'slow' | 'flaky' | 'trial' | 'pastdue' | 'cancelled' | 'gifted';

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
  await context.addCookies([{ name: 'lede_sandbox', value: sandbox, url: ledeURL(baseURL) }]);
}

export const test = base.extend<{ sandbox: string; persona: Persona | null }>({
  /** Start the test logged in as this persona: `test.use({ persona: 'reader' })`. */
  persona: [null, { option: true }],

  /** The sandbox's id: made before the test, deleted after it. */
  sandbox: async ({ playwright, baseURL }, use) => {
    const api = await playwright.request.newContext({ baseURL: ledeURL(baseURL) });
    const created = await api.post('/api/sandboxes');
    expect(created.status(), 'POST /api/sandboxes').toBe(201);
    const { id } = (await created.json()) as { id: string };
    await use(id);
    await api.delete(`/api/sandboxes/${id}`);
    await api.dispose();
  },

  // The browser joins the sandbox by its cookie, and logs the persona in there through the API.
  context: async ({ context, sandbox, persona, baseURL }, use) => {
    await joinSandbox(context, sandbox, baseURL);
    if (persona !== null) {
      const credentials = { data: { email: `${persona}@example.com`, password: 'read-all-about-it' } };
      let response = await context.request.post('/api/session', credentials);
      // The flaky persona's first attempt answers 503 on purpose; the second one works.
      if (response.status() === 503) response = await context.request.post('/api/session', credentials);
      expect(response.status(), `logging in as ${persona}`).toBe(200);
    }
    await use(context);
  },

  // API tests join it by its header.
  request: async ({ playwright, baseURL, sandbox }, use) => {
    const request = await playwright.request.newContext({
      baseURL: ledeURL(baseURL),
      extraHTTPHeaders: { 'Lede-Sandbox': sandbox },
    });
    await use(request);
    await request.dispose();
  },
});
