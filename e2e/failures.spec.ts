// When something breaks in the browser: a page whose code cannot be downloaded, and a page that
// fails to render. The reader gets words, a way to try again and a way home; never a blank
// screen, and never a reload loop.
import { expect, test } from './fixtures.ts';
import { article, articleUrl } from './seed.ts';

/** The account chunk, which carries the plans page (and every other account screen). */
const PLANS_CHUNK = '**/assets/account-chunk-*.js';

test.describe('a page whose code cannot be downloaded', () => {
  test.use({
    persona: 'reader',
    // React reports the error it caught; the browser reports the failed download.
    problemsAllowed: [/Failed to fetch dynamically imported module/],
  });

  test('says so, and "Try again" downloads it again without reloading', async ({ page }) => {
    let attempts = 0;
    await page.route(PLANS_CHUNK, (route) => {
      attempts += 1;
      return attempts === 1 ? route.abort('internetdisconnected') : route.continue();
    });
    await page.goto(articleUrl);
    // The app has run, so the link is followed in the page (before it, a click loads the next page whole).
    await expect(page.getByRole('button', { name: 'Display' })).toBeEnabled();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('link', { name: 'Subscribe' }).click();

    const heading = page.getByRole('heading', { level: 1, name: 'This page could not be downloaded' });
    await expect(heading).toBeFocused();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a plan' })).toBeVisible();
    expect(attempts).toBe(2);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
  });

  test('while the network stays down, trying again fails again and nothing reloads', async ({ page }) => {
    await page.route(PLANS_CHUNK, (route) => route.abort('internetdisconnected'));
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(articleUrl);
    await expect(page.getByRole('button', { name: 'Display' })).toBeEnabled(); // the app has run
    await page.getByRole('link', { name: 'Subscribe' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'This page could not be downloaded' });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await expect(heading).toBeVisible();
      await page.getByRole('button', { name: 'Try again' }).click();
    }
    await expect(heading).toBeVisible();
    await page.waitForTimeout(500);
    expect(loads).toBe(1);
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    await expect(page.getByRole('link', { name: article.headline })).toBeVisible();
  });
});

test.describe('a page that fails to render', () => {
  test.use({ persona: 'subscriber', problemsAllowed: [/ResizeObserver is unavailable/] });

  test('shows what happened and a way home instead of a blank screen', async ({ page }) => {
    // A browser without an API the unlocked article uses: its render fails, nothing else does.
    await page.addInitScript(() => {
      window.ResizeObserver = function ResizeObserver() {
        throw new Error('ResizeObserver is unavailable');
      } as unknown as typeof ResizeObserver;
    });
    await page.goto(articleUrl);
    const heading = page.getByRole('heading', { level: 1, name: 'Something went wrong' });
    await expect(heading).toBeFocused();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Lede' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    await expect(page.getByRole('link', { name: article.headline })).toBeVisible();
    await expect(heading).toHaveCount(0);
  });
});
