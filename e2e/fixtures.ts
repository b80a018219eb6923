// The test fixtures every spec imports instead of @playwright/test:
// - every test starts from a reset server (throttles and mock subscriptions cleared);
// - `test.use({ persona: 'reader' })` starts a test logged in as that persona, reusing the
//   session the setup project saved (e2e/auth.setup.ts) instead of logging in again, and
//   renewing it if an earlier test ended it.
import { test as base, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, type PersonaId } from '../src/paywall/personas.ts';

export { expect } from '@playwright/test';

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
  resetServer: void;
}

export const test = base.extend<Fixtures>({
  persona: [null, { option: true }],
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
