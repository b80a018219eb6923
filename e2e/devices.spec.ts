// An account on several devices: the devices persona's limit of two sessions, and "Log out other
// devices" on the account page. Each device is a browser context of its own in the test's sandbox.
import type { Browser, BrowserContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, joinSandbox, requireBaseURL, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { ACCOUNT_PATH } from '../src/config/paths.ts';
import { CHECK_EVERY_MS } from '../src/client-state/session-store.ts';

/** How long an open page may take to follow a change made elsewhere: its check interval, and room. */
const FOLLOWS_WITHIN = CHECK_EVERY_MS + 5_000;

/** A device: a browser context in the sandbox, logged in as `email` through the API. */
async function device(
  browser: Browser,
  sandbox: string,
  baseURL: string | undefined,
  email: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
  await joinSandbox(context, sandbox, baseURL);
  const response = await context.request.post('/api/session', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status(), `logging in as ${email}`).toBe(200);
  return context;
}

test('the devices persona: a third login ends the oldest session, and that device is told why', async ({
  browser,
  sandbox,
  baseURL,
}) => {
  const first = await device(browser, sandbox, baseURL, 'devices@example.com');
  const page = await first.newPage();
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();

  const second = await device(browser, sandbox, baseURL, 'devices@example.com');
  const third = await device(browser, sandbox, baseURL, 'devices@example.com');

  await page.reload();
  await expect(page.getByText(/^Device limit reached/)).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();

  const still = await second.newPage();
  await still.goto(articleUrl);
  await expect(still.getByText(firstGated)).toBeVisible();
  for (const context of [first, second, third]) await context.close();
});

test('"Log out other devices" lists the devices, ends the others, and they are told', async ({
  browser,
  sandbox,
  baseURL,
}) => {
  const laptop = await device(browser, sandbox, baseURL, 'subscriber+devices@example.com');
  const phone = await device(browser, sandbox, baseURL, 'subscriber+devices@example.com');
  const onPhone = await phone.newPage();
  await onPhone.goto(articleUrl);
  await expect(onPhone.getByText(firstGated)).toBeVisible();

  const page = await laptop.newPage();
  await page.goto(ACCOUNT_PATH);
  const devices = page.getByRole('list').filter({ hasText: 'This device' }).getByRole('listitem');
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: 'Another device' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Log out other devices' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Logged out of 1 other device.' })).toBeFocused();
  await expect(devices).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Log out other devices' })).toHaveCount(0);

  // The phone's open page follows by itself (it checks every few seconds while it is seen).
  await expect(onPhone.getByText('You were logged out from another device.')).toBeVisible({ timeout: FOLLOWS_WITHIN });
  await expect(onPhone.getByText(firstGated)).toHaveCount(0);
  for (const context of [laptop, phone]) await context.close();
});

test("a cancellation on one device shows on another's open page, without a reload", async ({
  browser,
  sandbox,
  baseURL,
}) => {
  const laptop = await device(browser, sandbox, baseURL, 'subscriber+cancels@example.com');
  const phone = await device(browser, sandbox, baseURL, 'subscriber+cancels@example.com');
  const onPhone = await phone.newPage();
  await onPhone.goto(articleUrl);
  await expect(onPhone.getByText(firstGated)).toBeVisible();
  const yourSubscription = onPhone.getByRole('complementary', { name: 'Your subscription' });
  await expect(yourSubscription).toHaveCount(0);

  const page = await laptop.newPage();
  await page.goto(ACCOUNT_PATH);
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your subscription is cancelled.' })).toBeVisible();

  await expect(yourSubscription).toContainText('Your subscription ends on', { timeout: FOLLOWS_WITHIN });
  await expect(onPhone.getByText(firstGated)).toBeVisible();
  for (const context of [laptop, phone]) await context.close();
});
