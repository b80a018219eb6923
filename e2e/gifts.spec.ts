// Gift links: a subscriber shares the article; anyone with the link reads it in full, a few
// times, until it expires; a link that opens nothing says why, over the ordinary gate.
import type { Browser, Page } from '@playwright/test';
import { expect, joinSandbox, requireBaseURL, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';

/** Someone else: a browser context of their own in the sandbox, logged in as nobody. */
async function stranger(browser: Browser, sandbox: string, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
  await joinSandbox(context, sandbox, baseURL);
  return context.newPage();
}

async function makeGiftLink(page: Page): Promise<string> {
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  const gift = page.getByRole('region', { name: 'Gift this article' });
  await gift.getByRole('button', { name: 'Make a gift link' }).click();
  const link = gift.getByLabel('Gift link');
  await expect(link).toHaveValue(/\?gift=/);
  await expect(gift.getByRole('status')).toContainText('Anyone with this link can read this article in full 5 times');
  await expect(gift.getByRole('status')).toContainText('You can give 4 more articles this month.');
  return new URL(await link.inputValue()).pathname + new URL(await link.inputValue()).search;
}

test.describe('a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('gifts the article: someone without an account reads it in full through the link', async ({
    page,
    browser,
    sandbox,
    baseURL,
  }) => {
    const link = await makeGiftLink(page);
    const other = await stranger(browser, sandbox, baseURL);
    await other.goto(link);
    await expect(
      other.getByRole('status').filter({ hasText: 'A subscriber shared this article with you.' }),
    ).toHaveText('A subscriber shared this article with you. This link opens it 4 more times.');
    await expect(other.getByText(firstGated)).toBeVisible();
    await expect(other.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
    await other.context().close();
  });

  test('a gift link expires after 14 days: the ordinary gate, with why', async ({
    page,
    request,
    browser,
    sandbox,
    baseURL,
  }) => {
    const link = await makeGiftLink(page);
    expect((await request.post('/api/test/clock', { data: { advanceBy: 14 * 24 * 60 * 60_000 } })).status()).toBe(200);
    const other = await stranger(browser, sandbox, baseURL);
    await other.goto(link);
    await expect(other.getByText('This gift link has expired.')).toBeVisible();
    await expect(other.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
    await expect(other.getByText(firstGated)).toHaveCount(0);
    await other.context().close();
  });
});

test('a forged gift link opens nothing, and says so', async ({ page }) => {
  await page.goto(`${articleUrl}?gift=${'A'.repeat(32)}`);
  await expect(page.getByText('This gift link is not valid.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});
