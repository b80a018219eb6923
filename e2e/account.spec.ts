// The account page: plan, status and the date that matters; cancelling and resuming, felt at once
// in another tab.
import { expect, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { ACCOUNT_PATH } from '../src/config/paths.ts';

test.describe('a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('reaches the account from the masthead, cancels, and resumes; another tab follows', async ({
    page,
    context,
  }) => {
    await page.goto(articleUrl);
    await page.getByRole('link', { name: /subscriber@example\.com/ }).click();
    await expect(page).toHaveURL(ACCOUNT_PATH);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
    await expect(page.getByText('Monthly subscription, active. It renews every 30 days.')).toBeVisible();

    const other = await context.newPage();
    await other.goto(articleUrl);
    await expect(other.getByText(firstGated)).toBeVisible();

    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your subscription is cancelled.' })).toBeFocused();
    await expect(page.getByText(/^Cancelled: active until /)).toBeVisible();
    // Still active until then: the other tab keeps reading, and says when it ends.
    await expect(other.getByRole('complementary', { name: 'Your subscription' })).toContainText(
      'Your subscription ends on',
    );
    await expect(other.getByText(firstGated)).toBeVisible();

    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your subscription goes on.' })).toBeFocused();
    await expect(page.getByText('Monthly subscription, active. It renews every 30 days.')).toBeVisible();
    await expect(other.getByRole('complementary', { name: 'Your subscription' })).toHaveCount(0);
  });
});

test.describe('a reader without a subscription', () => {
  test.use({ persona: 'reader' });

  test('sees none, and a way to subscribe', async ({ page }) => {
    await page.goto(ACCOUNT_PATH);
    await expect(page.getByText('No subscription.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel subscription' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Subscribe' })).toBeVisible();
  });
});

test('a visitor is asked to log in', async ({ page }) => {
  await page.goto(ACCOUNT_PATH);
  await expect(page.getByRole('link', { name: 'Log in to see your account' })).toBeVisible();
});
