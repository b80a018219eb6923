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
/** The login page preloads its own code (its screen's chunk) with the entry, and may weigh that much more. */
const LOGIN_CHUNK_ALLOWANCE = 3_000;

const pages = [
  { url: HOME_PATH, file: 'index.html' },
  { url: LOGIN_PATH, file: 'login.html', allowance: LOGIN_CHUNK_ALLOWANCE },
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

for (const { url, file, allowance = 0 } of pages) {
  const budget = JS_BUDGET + allowance;
  test(`${url}: HTML ≤ 14 KB gz, first-view JS ≤ ${budget / 1000} KB as received, nothing render-blocking`, async ({
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
  });
}

test("the login page's own code comes with the page, never a hop after the entry asks for it", async ({ page }) => {
  await page.goto(LOGIN_PATH);
  await page.waitForLoadState('networkidle');
  const scripts = await fetched(page);
  const entry = scripts.find((script) => /\/assets\/index-[^/]+\.js$/.test(script.name));
  const login = scripts.find((script) => /\/assets\/LoginPage-[^/]+\.js$/.test(script.name));
  expect(entry).toBeDefined();
  expect(login).toBeDefined();
  // Requested before the entry had even arrived: in parallel with it, not after it.
  expect(login?.startTime ?? Infinity).toBeLessThan(entry?.responseEnd ?? 0);
});
