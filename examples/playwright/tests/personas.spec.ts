// Starting a test as one of Lede's demo accounts: `test.use({ persona })` before the test, or
// `personas.logIn()` during it. Either way one API request, in the test's own sandbox.
import { expect, test } from '@lede/playwright';

test.describe('a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('reads the whole article', async ({ page }) => {
    await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
    await expect(page.getByRole('banner')).toContainText('subscriber@example.com');
  });
});

test.describe('a reader without a subscription', () => {
  test.use({ persona: 'reader' });

  test('meets the paywall, which offers "Subscribe"', async ({ page }) => {
    await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
    await expect(page.getByRole('link', { name: 'Subscribe' })).toBeVisible();
  });
});

test('log in during the test, as an account of its own by plus-addressing', async ({ page, personas }) => {
  const { reader } = await personas.logIn('expired', { tag: 'another' });
  expect(reader).toMatchObject({ email: 'expired+another@example.com', subscription: { status: 'expired' } });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('link', { name: 'Renew', exact: true })).toBeVisible();
});
