// Sessions as real products do them: expiry by page time, logout across tabs, Back after logout.
// Each test logs in afresh (not the saved persona session) because each one ends its session.
import { expect, logInThroughApi, test } from './fixtures.ts';
import { article, articleUrl, firstGated, gatedParagraphs } from './seed.ts';

test.beforeEach(async ({ page }) => {
  await logInThroughApi(page.request, 'subscriber');
});

test('when the session expires while reading, the gated text leaves and the gate returns, scroll kept', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated ?? '')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 300));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBe(300);

  // A standard session ends after 30 idle minutes; the page decides by its own clock.
  await page.clock.fastForward('29:00');
  await expect(page.getByText(firstGated ?? '')).toBeVisible();
  await page.clock.fastForward('02:00');

  await expect(page.getByRole('status')).toHaveText('Your session has expired. Log in again to keep reading.');
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  for (const paragraph of gatedParagraphs) await expect(page.getByText(paragraph)).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // The page also ended the session on the server.
  expect(await (await page.request.get('/api/session')).json()).toEqual({ reader: null });
});

test('logging out in one tab gates the article in every other open tab within a second', async ({ page, context }) => {
  const otherTab = await context.newPage();
  await otherTab.goto(articleUrl);
  await page.goto(articleUrl);
  await expect(otherTab.getByText(firstGated ?? '')).toBeVisible();
  await expect(page.getByText(firstGated ?? '')).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(otherTab.getByText(firstGated ?? '')).toHaveCount(0, { timeout: 1_000 });
  await expect(otherTab.getByRole('status')).toHaveText('You logged out in another tab.');
  await expect(otherTab.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('logging in in one tab unlocks the article in the others', async ({ page, context }) => {
  await page.request.delete('/api/session');
  const otherTab = await context.newPage();
  await otherTab.goto(articleUrl);
  await expect(otherTab.getByRole('link', { name: article.gate.linkText })).toBeVisible();

  await page.goto(`/login?next=${encodeURIComponent(articleUrl)}`);
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password').fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(otherTab.getByText(firstGated ?? '')).toBeVisible({ timeout: 1_000 });
});

test('after logging out, Back never shows gated text', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: article.headline }).click();
  await expect(page.getByText(firstGated ?? '')).toBeVisible();
  await page.getByRole('link', { name: 'Lede' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  await expect(page.getByText(firstGated ?? '')).toHaveCount(0);
});

test('a page restored from the back/forward cache asks again and drops text it may no longer show', async ({
  page,
}) => {
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated ?? '')).toBeVisible();
  // The session ends elsewhere while this page sits in the cache…
  await page.request.delete('/api/session');
  // …and the browser restores it (Playwright's Chromium disables the real bfcache).
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  await expect(page.getByText(firstGated ?? '')).toHaveCount(0);
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
});
