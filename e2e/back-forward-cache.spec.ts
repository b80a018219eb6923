// The back/forward cache keeps a page's DOM as it was left. A page that showed gated text, left
// while logged in, must come back without that text when the session ended meanwhile — not even
// for one frame, so the text must already be gone from the page kept in the cache. Playwright
// launches Chromium with the cache off; these tests launch one with it on.
import { chromium, type Browser } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import { expect, joinSandbox, logInThroughApi, requireBaseURL, SUBSCRIBER, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';

let browser: Browser;

test.beforeAll(async () => {
  const executablePath = findChromium()?.executablePath;
  browser = await chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
});

test.afterAll(async () => {
  await browser.close();
});

test('logged out elsewhere while the article sat in the cache: restored without one frame of gated text', async ({
  sandbox,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
  await joinSandbox(context, sandbox, baseURL);
  await logInThroughApi(context.request, SUBSCRIBER);
  // What the page holds at the moment it is restored, before any of Lede's code runs again.
  await context.addInitScript((text) => {
    window.addEventListener(
      'pageshow',
      (event) => {
        if (!event.persisted) return;
        const record = window as unknown as { restored: { withText: boolean }[] };
        record.restored = [...(record.restored ?? []), { withText: document.body.textContent.includes(text) }];
      },
      { capture: true },
    );
  }, firstGated);
  const page = await context.newPage();
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated, { exact: true })).toBeVisible();

  await page.goto('/login?next=%2F');
  // The session ends elsewhere (another device) while the article sits in the cache.
  const other = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
  await joinSandbox(other, sandbox, baseURL);
  await other.addCookies(await context.cookies());
  expect((await other.request.delete('/api/session')).status()).toBe(200);
  await other.close();

  await page.goBack({ waitUntil: 'commit' }); // a page restored from the cache fires no load event
  const restored = await page.evaluate(() => (window as unknown as { restored?: { withText: boolean }[] }).restored);
  // Restored from the cache (not loaded afresh), and holding no gated text when it was.
  expect(restored).toEqual([{ withText: false }]);
  await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  await expect(page.getByText(firstGated, { exact: true })).toHaveCount(0);
  await context.close();
});

test('a reader still logged in gets the text back after a restore', async ({ sandbox, baseURL }) => {
  const context = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
  await joinSandbox(context, sandbox, baseURL);
  await logInThroughApi(context.request, SUBSCRIBER);
  await context.addInitScript(() => {
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) (window as unknown as { restoredFromCache: boolean }).restoredFromCache = true;
    });
  });
  const page = await context.newPage();
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated, { exact: true })).toBeVisible();
  await page.goto('/login?next=%2F');
  await page.goBack({ waitUntil: 'commit' }); // a page restored from the cache fires no load event
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { restoredFromCache?: boolean }).restoredFromCache))
    .toBe(true);
  await expect(page.getByText(firstGated, { exact: true })).toBeVisible();
  await context.close();
});
