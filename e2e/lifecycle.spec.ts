// Subscriptions that change by the sandbox's server clock: a trial that turns paid, a failed
// payment's grace period, a cancellation's last day, a gift that ends. Each test logs in with
// "Keep me logged in" (a session that outlives days of the clock's moves, as a reader's would),
// moves its own sandbox's clock, and reloads to see the next state, except where the open page is
// what is tested: it follows the clock by itself within a few seconds.
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, serverNow, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { CHECK_EVERY_MS } from '../src/client-state/session-store.ts';

const DAY = 24 * 60 * 60_000;
const longDate = (time: number) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(time));

async function logInRemembered(page: Page, email: string): Promise<void> {
  const response = await page.request.post('/api/session', {
    data: { email, password: DEMO_PASSWORD, remember: true },
  });
  expect(response.status(), `logging in as ${email}`).toBe(200);
}

/** Moves the sandbox's clock by `days`, in steps a remembered session survives (it ends after 7 idle days). */
async function passDays(page: Page, request: APIRequestContext, days: number): Promise<void> {
  for (let left = days; left > 0; left -= 5) {
    const step = Math.min(left, 5);
    expect((await request.post('/api/test/clock', { data: { advanceBy: step * DAY } })).status()).toBe(200);
    await page.reload();
    await expect(page.getByRole('article')).not.toHaveAttribute('data-access', 'checking');
  }
}

const notice = (page: Page) => page.getByRole('complementary', { name: 'Your subscription' });

test('past due: reads during the grace period with a banner, then the gate offers "Renew"', async ({
  page,
  request,
}) => {
  const start = await serverNow(request);
  await logInRemembered(page, 'pastdue@example.com');
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveText(
    `Your last payment failed. Update your payment details by ${longDate(start + 3 * DAY)} to keep reading. Update payment`,
  );

  await passDays(page, request, 3);
  await expect(page.getByText(`Your subscription ended on ${longDate(start + 3 * DAY)}.`)).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(notice(page)).toHaveCount(0);
  await page.getByRole('link', { name: 'Renew' }).click();
  await page.getByRole('button', { name: 'Renew subscription' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('past due: "Update payment" fixes it, and the banner goes', async ({ page }) => {
  await logInRemembered(page, 'pastdue@example.com');
  await page.goto(articleUrl);
  await notice(page).getByRole('link', { name: 'Update payment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Update your payment');
  await page.getByRole('button', { name: 'Update payment' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('cancelled: active until its end, with the date; then ended', async ({ page, request }) => {
  const start = await serverNow(request);
  await logInRemembered(page, 'cancelled@example.com');
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveText(`Your subscription ends on ${longDate(start + 5 * DAY)}. Resume subscription`);
  await passDays(page, request, 5);
  await expect(page.getByRole('link', { name: 'Renew' })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('cancelled: "Resume subscription" keeps it going', async ({ page, request }) => {
  await logInRemembered(page, 'cancelled@example.com');
  await page.goto(articleUrl);
  await notice(page).getByRole('link', { name: 'Resume subscription' }).click();
  await page.getByRole('button', { name: 'Resume subscription' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
  await passDays(page, request, 5);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('trial: says when it ends, then becomes a paid subscription', async ({ page, request }) => {
  const start = await serverNow(request);
  await logInRemembered(page, 'trial@example.com');
  await page.goto(articleUrl);
  await expect(notice(page)).toHaveText(
    `Your free trial ends on ${longDate(start + 7 * DAY)}; then it becomes a paid subscription.`,
  );
  await passDays(page, request, 7);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('gifted: a complimentary subscription until a date, then ended', async ({ page, request }) => {
  const start = await serverNow(request);
  await logInRemembered(page, 'gifted@example.com');
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toHaveText(`Your complimentary subscription ends on ${longDate(start + 14 * DAY)}.`);
  await passDays(page, request, 14);
  await expect(page.getByRole('link', { name: 'Renew' })).toBeVisible();
});

test('the open page follows the server clock without a reload: a grace period ends, and the gate offers "Renew"', async ({
  page,
  request,
}) => {
  const start = await serverNow(request);
  await logInRemembered(page, 'pastdue@example.com');
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(notice(page)).toContainText('Your last payment failed.');

  expect((await request.post('/api/test/clock', { data: { advanceBy: 3 * DAY } })).status()).toBe(200);
  // The page checks its session every CHECK_EVERY_MS while it is seen.
  await expect(page.getByText(`Your subscription ended on ${longDate(start + 3 * DAY)}.`)).toBeVisible({
    timeout: CHECK_EVERY_MS + 5_000,
  });
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(notice(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Renew' })).toBeVisible();
});
