// Sessions as real products do them: expiry by page time, logout across tabs, Back after logout.
import { expect, joinSandbox, logInThroughApi, SUBSCRIBER, test, requireBaseURL } from './fixtures.ts';
import { findChromium } from './find-chromium.mjs';
import { article, articleUrl, firstGated, gatedParagraphs, lastGated } from './seed.ts';
import { API_PATHS, HOME_PATH } from '../src/config/paths.ts';

test.use({ persona: 'subscriber' });

test('when the session expires while reading, the gated text leaves and the gate returns in place', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(articleUrl);
  const reading = page.getByText(lastGated);
  // Keyboard focus in the text (where it lands after logging in), then read on to the last paragraph.
  await page.getByText(firstGated).focus();
  await reading.evaluate((paragraph) => paragraph.scrollIntoView({ block: 'start' }));
  await expect(page.getByText(firstGated)).not.toBeInViewport();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);

  // A standard session ends after 30 idle minutes; the page decides by its own clock.
  await page.clock.fastForward('29:00');
  await expect(reading).toBeVisible();
  await page.clock.fastForward('02:00');

  await expect(page.getByRole('status')).toHaveText('Your session has expired. Log in again to keep reading.');
  for (const paragraph of gatedParagraphs) await expect(page.getByText(paragraph)).toHaveCount(0);
  // The reader keeps their place: same scroll position, the gate in view, focus on it.
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeInViewport();
  await expect(page.getByRole('heading', { name: article.gate.heading })).toBeFocused();
  // The page also ended the session on the server.
  expect(await (await page.request.get(API_PATHS.session)).json()).toEqual({ reader: null });
});

test('a tab left alone does not end a session another tab kept alive', async ({ page, context }) => {
  await context.clock.install();
  const idleTab = await context.newPage();
  await idleTab.goto(articleUrl);
  await page.goto(articleUrl);
  await expect(idleTab.getByText(firstGated)).toBeVisible();

  await context.clock.fastForward('20:00');
  // Activity in this tab moves the idle deadline; the idle tab hears of it.
  await page.reload();
  await expect(page.getByText(firstGated)).toBeVisible();
  await context.clock.fastForward('15:00');

  await expect(idleTab.getByText(firstGated)).toBeVisible();
  await expect(page.getByText(firstGated)).toBeVisible();
  expect(await (await page.request.get(API_PATHS.session)).json()).toMatchObject({
    reader: { email: 'subscriber@example.com' },
  });
});

test('logging out in one tab gates the article in every other open tab within a second', async ({ page, context }) => {
  const otherTab = await context.newPage();
  await otherTab.goto(articleUrl);
  await page.goto(articleUrl);
  await expect(otherTab.getByText(firstGated)).toBeVisible();
  await expect(page.getByText(firstGated)).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(otherTab.getByText(firstGated)).toHaveCount(0, { timeout: 1_000 });
  await expect(otherTab.getByRole('status')).toHaveText('You logged out in another tab.');
  await expect(otherTab.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('after logging out, Back never shows gated text', async ({ page }) => {
  await page.goto(HOME_PATH);
  await page.getByRole('link', { name: article.headline }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.getByRole('link', { name: 'Lede' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('a page restored from the back/forward cache asks again and drops text it may no longer show', async ({
  page,
}) => {
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  // The session ends elsewhere while this page sits in the cache…
  await page.request.delete(API_PATHS.session);
  // …and the browser restores it (Playwright's Chromium disables the real bfcache).
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
});

test('a real back/forward-cache restore after a logout elsewhere shows no gated text', async ({
  playwright,
  sandbox,
  baseURL,
}) => {
  // Playwright starts Chromium with the back/forward cache off; this test turns it back on.
  const executablePath = findChromium()?.executablePath;
  const browser = await playwright.chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  try {
    const context = await browser.newContext({ baseURL: requireBaseURL(baseURL) });
    await joinSandbox(context, sandbox, baseURL);
    const page = await context.newPage();
    await logInThroughApi(page.request, SUBSCRIBER);
    await page.goto(articleUrl);
    await expect(page.getByText(firstGated)).toBeVisible();
    await page.evaluate(() => {
      window.addEventListener('pageshow', (event) =>
        document.documentElement.setAttribute('data-restored', String(event.persisted)),
      );
    });
    await page.goto('/robots.txt');
    await page.request.delete(API_PATHS.session);
    await page.evaluate(() => history.back());

    await expect(page.locator('html')).toHaveAttribute('data-restored', 'true');
    await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
    await expect(page.getByText(firstGated)).toHaveCount(0);
  } finally {
    await browser.close();
  }
});
