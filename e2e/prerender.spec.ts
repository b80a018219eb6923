// Prerendered pages: the anonymous view is in the HTML, works without JavaScript, carries its
// head and paywall structured data, and hydrates without errors.
import { expect, test, returningTo } from './fixtures.ts';
import { article, articleUrl, findGatedText, publicArticle } from './seed.ts';
import { HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

test('the article HTML itself holds the headline, lead, free paragraphs and the gate', async ({ request }) => {
  const html = await (await request.get(articleUrl)).text();
  for (const text of [article.headline, article.dateline, article.lead, ...publicArticle.freeBody]) {
    expect(html).toContain(text.replace(/&/g, '&amp;'));
  }
  expect(html).toContain(article.gate.linkText);
  expect(findGatedText(html)).toBeUndefined();
  expect(html).not.toMatch(/<link rel="stylesheet"/);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('an article shows headline, figure, lead, free paragraphs and the gate, and the gate link works', async ({
    page,
  }) => {
    await page.goto(articleUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
    await expect(page.getByRole('figure')).toContainText(article.figure.caption);
    await expect(page.locator('.article__body > p')).toHaveText([article.lead, ...publicArticle.freeBody]);
    await expect(page.getByRole('heading', { name: article.gate.heading })).toBeVisible();
    await page.getByRole('link', { name: article.gate.linkText }).click();
    await expect(page).toHaveURL(returningTo(LOGIN_PATH, articleUrl));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  });

  test('the front page lists the article', async ({ page }) => {
    await page.goto(HOME_PATH);
    await expect(page.getByRole('link', { name: article.headline })).toHaveAttribute('href', articleUrl);
  });
});

test('the head has title, description from the lead, canonical, Open Graph and paywall JSON-LD', async ({ page }) => {
  await page.goto(articleUrl);
  await expect(page).toHaveTitle(`${article.headline} — Lede`);
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  expect(article.lead.startsWith((description ?? '').replace(/…$/, ''))).toBe(true);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${articleUrl}$`));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', article.headline);

  const jsonLd: unknown = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
  expect(jsonLd).toMatchObject({
    '@type': 'NewsArticle',
    headline: article.headline,
    isAccessibleForFree: false,
    hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.gated-content' },
  });
  // The selector matches the real element where gated text goes.
  await expect(page.locator('.gated-content')).toHaveCount(1);
});

test.describe('hydration', () => {
  for (const [path, persona] of [
    [HOME_PATH, null],
    [articleUrl, null],
    [articleUrl, 'subscriber'],
    [LOGIN_PATH, null],
  ] as const) {
    test.describe(() => {
      test.use({ persona });

      test(`${path} as ${persona ?? 'anonymous'} hydrates without errors`, async ({ page }) => {
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        expect(errors).toEqual([]);
      });
    });
  }
});

test('a URL that was not prerendered renders fresh instead of hydrating another page', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('heading', { name: 'Latest stories' })).toHaveCount(0);
});
