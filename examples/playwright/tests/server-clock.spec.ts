// The server's clock in the test's sandbox: everything the server decides by time follows it.
import { expect, test } from '@lede/playwright';

test.describe('a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('is logged out when the server clock moves past 30 idle minutes', async ({ page, serverClock }) => {
    await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
    await serverClock.advanceBy(31 * 60_000);
    await page.reload();
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
    await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  });
});

test('a used-up meter starts again on the first of the month', async ({ page, paywall, serverClock }) => {
  await paywall.set({ model: 'metered', meter: { limit: 1, window: 'calendar-month', counts: 'views' } });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
  const now = await serverClock.now();
  await serverClock.setTo(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});
