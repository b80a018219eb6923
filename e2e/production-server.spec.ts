// The production server as a browser meets it: real status codes with the right page, the app's
// routes that were not prerendered, compressed and cached answers, and its headers on everything.
import { expect, test } from './fixtures.ts';
import { articleUrl } from './seed.ts';
import { HOME_PATH, LOGIN_PATH, SUBSCRIBE_PATH } from '../src/config/paths.ts';

test.describe('status codes a browser sees', () => {
  for (const path of ['/no-such-page', '/articles/no-such-article']) {
    test(`${path}: 404, and the page says "Page not found" for that path`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(page.getByText(`There is no page at ${path}.`)).toBeVisible();
    });
  }

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('/no-such-page: 404, "Page not found", and no wrong path named', async ({ page }) => {
      const response = await page.goto('/no-such-page');
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(page.getByText('There is no page at this address.')).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
    });
  });

  test('/subscribe, a route that is not prerendered: 200, the plans page', async ({ page }) => {
    const response = await page.goto(SUBSCRIBE_PATH);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Page not found');
  });

  test('an article: 200, its own page, brotli, revalidated by ETag', async ({ page, request }) => {
    const response = await page.goto(articleUrl);
    expect(response?.status()).toBe(200);
    const headers = await response?.allHeaders();
    expect(headers?.['content-encoding']).toBe('br');
    expect(headers?.vary).toBe('Accept-Encoding');
    expect(headers?.['cache-control']).toBe('no-cache');
    const again = await request.get(articleUrl, {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': headers?.etag ?? '' },
    });
    expect(again.status()).toBe(304);
  });
});

test('scripts and styles are immutable, and every answer carries the security headers', async ({ page }) => {
  const answers: { url: string; headers: Record<string, string> }[] = [];
  page.on('response', (response) => {
    void response.allHeaders().then((headers) => answers.push({ url: response.url(), headers }));
  });
  await page.goto(articleUrl);
  await page.waitForLoadState('networkidle');
  const script = answers.find(({ url }) => /\/assets\/.*\.js$/.test(url));
  expect(script?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(answers.some(({ url }) => url.includes('/api/'))).toBe(true);
  for (const { url, headers } of answers) {
    expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(headers['permissions-policy'], url).toContain('camera=()');
    expect(headers['cross-origin-resource-policy'], url).toBe('same-origin');
    expect(headers['x-frame-options'], url).toBe('DENY');
  }
});

test('HEAD answers like GET without a body; other methods get 405', async ({ request }) => {
  const head = await request.head(HOME_PATH);
  expect(head.status()).toBe(200);
  expect(await head.body()).toHaveLength(0);
  const post = await request.post(LOGIN_PATH, { data: {} });
  expect(post.status()).toBe(405);
  expect(post.headers().allow).toBe('GET, HEAD');
});

test('health: /healthz and /readyz', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  expect((await request.get('/readyz')).status()).toBe(200);
});
