// Gating by architecture: the gated paragraphs never reach a browser that is not entitled.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, returningTo } from './fixtures.ts';
import { article, articleUrl, findGatedText, gatedParagraphs, gatedTextUrl } from './seed.ts';
import { HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

const DIST = path.join(import.meta.dirname, '..', 'dist');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Records the body of every response the page receives. */
function recordResponses(page: Page): Array<Promise<{ url: string; body: string }>> {
  const bodies: Array<Promise<{ url: string; body: string }>> = [];
  page.on('response', (response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), body: body.toString('utf8') }))
        .catch(() => ({ url: response.url(), body: '' })),
    );
  });
  return bodies;
}

/** Every screen, reached both by client-side navigation and by loading its URL. */
async function visitEverything(page: Page): Promise<void> {
  await page.goto(HOME_PATH);
  await page.getByRole('link', { name: article.headline }).click();
  await expect(page.getByRole('heading', { name: article.gate.heading })).toBeVisible();
  await page.goto(articleUrl);
  await expect(page.getByRole('heading', { name: article.gate.heading })).toBeVisible();
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
}

test('no file in dist/ contains a gated paragraph', () => {
  const files = filesUnder(DIST);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  expect(gatedParagraphs.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(findGatedText(readFileSync(file, 'utf8')), path.relative(DIST, file)).toBeUndefined();
  }
});

test('no response to an anonymous visit contains a gated paragraph', async ({ page }) => {
  const responses = recordResponses(page);
  await visitEverything(page);
  const received = await Promise.all(responses);
  expect(received.map(({ url }) => new URL(url).pathname)).toContain(articleUrl);
  for (const { url, body } of received) expect(findGatedText(body), url).toBeUndefined();
});

for (const persona of ['reader', 'expired'] as const) {
  test.describe(`${persona}: logged in without a current subscription`, () => {
    test.use({ persona });

    test('receives no response that contains a gated paragraph', async ({ page }) => {
      const responses = recordResponses(page);
      await visitEverything(page);
      const rest = await page.request.get(gatedTextUrl);
      expect(rest.status()).toBe(403);
      expect(findGatedText(await rest.text())).toBeUndefined();
      for (const { url, body } of await Promise.all(responses)) expect(findGatedText(body), url).toBeUndefined();
    });
  });
}

test('the gated paragraphs endpoint refuses an anonymous request', async ({ request }) => {
  const response = await request.get(gatedTextUrl);
  expect(response.status()).toBe(401);
  expect(findGatedText(await response.text())).toBeUndefined();
});
