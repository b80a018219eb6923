// Byte budgets for the first anonymous view of every prerendered page (deterministic, so checked
// on every `npm test`; timings live in `npm run bench`). KB = 1,000 bytes. The HTML is weighed as
// gzip of the file; the JavaScript as the browser receives it from the production server (brotli,
// chosen at build time), which is what a reader's connection carries.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { HOME_PATH, LOGIN_PATH, articlePath } from '../src/config/paths.ts';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const DIST = path.join(import.meta.dirname, '..', 'dist');
const HTML_BUDGET = 14_000;
const JS_BUDGET = 80_000;
/**
 * The login page preloads its own code (its screen's chunk) with the entry, and may weigh that much
 * more: the form, the demo accounts it lists, and the links to every other way in (an emailed link,
 * a reset, an unlock link, Example ID, two-factor), whose pages are in the account chunk.
 */
const LOGIN_CHUNK_ALLOWANCE = 3_500;
const ENTRY_SCRIPT = /\/assets\/index-[^/]+\.js$/;
const LOGIN_SCRIPT = /\/assets\/LoginPage-[^/]+\.js$/;

const pages: { url: string; file: string; allowance?: number; ownChunk?: RegExp }[] = [
  { url: HOME_PATH, file: 'index.html' },
  { url: LOGIN_PATH, file: 'login.html', allowance: LOGIN_CHUNK_ALLOWANCE, ownChunk: LOGIN_SCRIPT },
  ...readdirSync(path.join(DIST, 'articles')).map((name) => ({
    url: articlePath(name.replace(/\.html$/, '')),
    file: path.join('articles', name),
  })),
];

interface Fetched {
  name: string;
  bytes: number;
  startTime: number;
  responseEnd: number;
}

/** Every resource the page fetched, by path: its body as received, and when it was asked for and came. */
function fetched(page: Page): Promise<Fetched[]> {
  return page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => {
      const timing = entry as PerformanceResourceTiming;
      return {
        name: new URL(timing.name).pathname,
        bytes: timing.encodedBodySize,
        startTime: timing.startTime,
        responseEnd: timing.responseEnd,
      };
    }),
  );
}

for (const { url, file, allowance = 0, ownChunk } of pages) {
  const budget = JS_BUDGET + allowance;
  test(`${url}: HTML ≤ 14 KB gz, first-view JS ≤ ${budget / 1000} KB as received, the app in one request, nothing render-blocking`, async ({
    page,
  }) => {
    const html = readFileSync(path.join(DIST, file), 'utf8');
    expect(gzipSync(html).length).toBeLessThanOrEqual(HTML_BUDGET);
    // Render-blocking: a stylesheet link, or a classic script without defer/async/type=module.
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    for (const [tag] of html.matchAll(/<script[^>]*\bsrc="[^"]+"[^>]*>/g)) {
      expect(tag).toMatch(/type="module"|\bdefer\b|\basync\b/);
    }

    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const scripts = (await fetched(page)).filter((resource) => resource.name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    expect(total, scripts.map((script) => `${script.name} ${script.bytes}`).join(', ')).toBeLessThanOrEqual(budget);
    // One request for the app's code, and the page's own chunk where it has one: nothing the entry
    // needs (React above all) split off into a chunk of its own, a second hop on every page
    // (vite.config.ts, decision 050).
    const names = scripts.map((script) => script.name);
    expect(names.filter((name) => ENTRY_SCRIPT.test(name))).toHaveLength(1);
    expect(names.filter((name) => !ENTRY_SCRIPT.test(name) && !(ownChunk?.test(name) ?? false))).toEqual([]);
  });
}

test("the login page's own code comes with the page, never a hop after the entry asks for it", async ({ page }) => {
  await page.goto(LOGIN_PATH);
  await page.waitForLoadState('networkidle');
  const scripts = await fetched(page);
  const entry = scripts.find((script) => ENTRY_SCRIPT.test(script.name));
  const login = scripts.find((script) => LOGIN_SCRIPT.test(script.name));
  expect(entry).toBeDefined();
  expect(login).toBeDefined();
  // Requested before the entry had even arrived: in parallel with it, not after it.
  expect(login?.startTime ?? Infinity).toBeLessThan(entry?.responseEnd ?? 0);
});

test('the entry asks V8 to compile all of it as it streams in; no lazy chunk does', () => {
  // Hydration and the first unlock run a large part of the entry; compiling it all on a background
  // thread while it downloads spares the main thread compiling those parts on first call (decision 052).
  const scripts = readdirSync(path.join(DIST, 'assets')).filter((name) => name.endsWith('.js'));
  const hinted = scripts.filter((name) =>
    readFileSync(path.join(DIST, 'assets', name), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'),
  );
  expect(hinted).toEqual(scripts.filter((name) => ENTRY_SCRIPT.test(`/assets/${name}`)));
  expect(hinted).toHaveLength(1);
});

for (const { url } of pages) {
  test(`${url}: the app's script is asked for only after the first frame has painted`, async ({ page }) => {
    // Before the page's own scripts: the time of the first frame's animation callbacks, which
    // come before that frame's paint.
    await page.addInitScript(() => {
      requestAnimationFrame(() => {
        (window as { firstFrameAt?: number }).firstFrameAt = performance.now();
      });
    });
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const entry = (await fetched(page)).find((resource) => ENTRY_SCRIPT.test(resource.name));
    const firstFrameAt = await page.evaluate(() => (window as { firstFrameAt?: number }).firstFrameAt);
    expect(entry).toBeDefined();
    expect(firstFrameAt).toBeDefined();
    expect(entry?.startTime ?? 0).toBeGreaterThan(firstFrameAt ?? Infinity);
    // And only once the whole page is parsed: asking for a frame earlier made Chromium paint the
    // empty page between two parts of the parse, and the request then came before the text's frame.
    const parsedAt = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
    );
    expect(entry?.startTime ?? 0).toBeGreaterThan(parsedAt);
  });
}

test('before the app has run, the article is whole and readable, and what needs the app waits for it', async ({
  page,
}) => {
  // Hold the app's script back until the page has been looked at.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(ENTRY_SCRIPT, async (route) => {
    await held;
    await route.continue();
  });
  const articlePage = pages.find(({ url }) => url.startsWith('/articles/'));
  if (articlePage === undefined) throw new Error('dist/ holds no article page');
  await page.goto(articlePage.url);

  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  const display = page.getByRole('button', { name: 'Display' });
  await expect(display).toBeDisabled();

  // A click that comes early waits for the app, then opens the panel.
  const clicked = display.click();
  release();
  await clicked;
  await expect(display).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
});
