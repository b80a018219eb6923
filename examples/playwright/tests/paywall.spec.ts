// The paywall model of the test's sandbox: `hard` unless the test sets another.
import { expect, test } from '@lede/playwright';

test('the meter runs out under the metered model', async ({ page, paywall }) => {
  await paywall.set({ model: 'metered', meter: { limit: 2, counts: 'views' } });
  expect(await paywall.get()).toEqual({
    model: 'metered',
    meter: { limit: 2, window: 'calendar-month', counts: 'views' },
  });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('status').filter({ hasText: 'free reads' })).toHaveText(
    '1 of 2 free reads left this month.',
  );
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
  await expect(page.getByText('You have read your 2 free reads this month.', { exact: false })).toBeVisible();
});

test('the free model opens the article to anyone', async ({ page, paywall }) => {
  await paywall.set({ model: 'free' });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});
