// How reading feels: the reader's theme and text size (remembered, applied before the first
// paint), reading time, no horizontal scroll from 320 to 1440 px, printing, and screenshots of
// the main screens at three widths in both themes, attached to the report for people to look at.
import type { Page } from '@playwright/test';
import { toPublicArticle } from '../src/content/split-article.ts';
import { expect, joinSandbox, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
const DARK_PAPER = 'rgb(21, 23, 26)';
const LIGHT_PAPER = 'rgb(253, 252, 249)';

test('the theme follows the system until the reader chooses one in Display', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(articleUrl);
  expect(await background(page)).toBe(DARK_PAPER);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(LIGHT_PAPER);

  await page.getByRole('button', { name: 'Display' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  expect(await background(page)).toBe(DARK_PAPER);
  await page.getByRole('radio', { name: 'As the system' }).check();
  expect(await background(page)).toBe(LIGHT_PAPER);
});

test('theme and text size are remembered, and applied before the app’s script runs', async ({ page }) => {
  await page.goto(articleUrl);
  await page.getByRole('button', { name: 'Display' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('radio', { name: 'Extra large' }).check();
  expect(await rootFontSize(page)).toBe('20px');

  // Without the app's script, only the page's own inline script can have applied them.
  await page.route('**/assets/*.js', (route) => route.abort('internetdisconnected'));
  await page.reload();
  expect(await background(page)).toBe(DARK_PAPER);
  expect(await rootFontSize(page)).toBe('20px');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
});

test('Display opens over the page, closes with Escape, and gives focus back', async ({ page }) => {
  await page.goto(articleUrl);
  const headlineBox = await page.getByRole('heading', { level: 1 }).boundingBox();
  const display = page.getByRole('button', { name: 'Display' });
  await display.click();
  await expect(display).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Text size' })).toBeVisible();
  expect(await page.getByRole('heading', { level: 1 }).boundingBox()).toEqual(headlineBox);
  await page.getByRole('radio', { name: 'Large', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(display).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('group', { name: 'Text size' })).toBeHidden();
  await expect(display).toBeFocused();
});

test('the article and the front page say how long the story takes to read', async ({ page }) => {
  const minutes = `${toPublicArticle(article).readingMinutes} min read`;
  await page.goto(articleUrl);
  await expect(page.getByRole('article').getByText(minutes)).toBeVisible();
  await page.goto(HOME_PATH);
  await expect(page.getByRole('main').getByText(minutes)).toBeVisible();
});

for (const width of [320, 390, 768, 1024, 1440]) {
  test(`no horizontal scroll at ${width} px, at the largest text size too`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(articleUrl);
    for (const textSize of ['Medium', 'Extra large']) {
      await page.getByRole('button', { name: 'Display' }).click();
      await page.getByRole('radio', { name: textSize, exact: true }).check();
      await page.keyboard.press('Escape');
      for (const path of [HOME_PATH, articleUrl, LOGIN_PATH]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${textSize}`).toBeLessThanOrEqual(0);
      }
      await page.goto(articleUrl);
    }
  });
}

test.describe('printing', () => {
  test.use({ persona: 'subscriber' });

  test('prints the story the reader may read, without the navigation and buttons', async ({ page }) => {
    await page.goto(articleUrl);
    await expect(page.getByText(firstGated)).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(firstGated)).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.getByRole('button')).toHaveCount(0);
  });
});

test.describe('screenshots for people to look at (attached to the report, never compared)', () => {
  test.use({ persona: 'subscriber' });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 768, 1280]) {
      test(`article unlocked, article gated, login and front page at ${width} px, ${colorScheme}`, async ({
        page,
        browser,
        sandbox,
        baseURL,
      }, testInfo) => {
        const anonymous = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        await joinSandbox(anonymous.context(), sandbox, baseURL);
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        for (const [name, reader, path] of [
          ['article-unlocked', page, articleUrl],
          ['article-gated', anonymous, articleUrl],
          ['login', anonymous, LOGIN_PATH],
          ['front-page', anonymous, HOME_PATH],
        ] as const) {
          await reader.goto(path);
          await expect(reader.getByRole('heading', { level: 1 })).toBeVisible();
          await testInfo.attach(`${name}-${width}-${colorScheme}.png`, {
            body: await reader.screenshot({ fullPage: true }),
            contentType: 'image/png',
          });
        }
        await anonymous.close();
      });
    }
  }
});
