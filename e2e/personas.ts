// Logging in without the form, for tests whose subject is not the login form itself.
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';

export const SUBSCRIBER = 'subscriber@example.com';
export const READER = 'reader@example.com';

/** Logs the page's browser context in through the API; the cookie is shared with the page. */
export async function logInAs(page: Page, email: string): Promise<void> {
  const response = await page.request.post('/api/session', { data: { email, password: DEMO_PASSWORD } });
  if (!response.ok()) throw new Error(`logging in as ${email} failed: ${response.status()}`);
}
