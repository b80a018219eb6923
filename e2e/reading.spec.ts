// What an anonymous reader sees: the front page, the article's public part, the gate, 404.
import { expect, test, returningTo } from './fixtures.ts';
import { article, articleUrl, firstGated, publicArticle, sourceUrl } from './seed.ts';
import { HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

test('the front page lists the article with its headline link, dateline, lead, figure and source', async ({ page }) => {
  await page.goto(HOME_PATH);
  const card = page.getByRole('listitem').filter({ hasText: article.headline });
  await expect(card.getByRole('link', { name: article.headline })).toHaveAttribute('href', articleUrl);
  await expect(card.getByText(article.dateline, { exact: true })).toBeVisible();
  await expect(card.getByText(article.lead)).toBeVisible();
  await expect(card.getByRole('figure')).toBeVisible();
  await expect(card.getByRole('link', { name: 'Hamodia' })).toHaveAttribute('href', sourceUrl);

  await card.getByRole('link', { name: article.headline }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
});

test('an anonymous reader sees the headline, dateline, figure, lead and two paragraphs, then the gate', async ({
  page,
}) => {
  await page.goto(articleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
  await expect(page).toHaveTitle(`${article.headline} — Lede`);
  await expect(page.getByText(article.dateline, { exact: true })).toBeVisible();

  const figure = page.getByRole('figure');
  await expect(figure.getByRole('img')).toHaveAccessibleName(/placeholder/i);
  await expect(figure.locator('figcaption')).toContainText(article.figure.caption);
  await expect(figure.locator('figcaption')).toContainText(article.figure.credit);

  const paragraphs = page.locator('.article__body > p');
  await expect(paragraphs).toHaveText([article.lead, ...publicArticle.freeBody]);

  const gate = page.getByRole('region', { name: article.gate.heading });
  await expect(gate.getByRole('heading', { name: article.gate.heading })).toBeVisible();
  await expect(gate.getByText(article.gate.question)).toBeVisible();
  await expect(gate.getByRole('link', { name: article.gate.linkText })).toHaveAttribute(
    'href',
    returningTo(LOGIN_PATH, articleUrl),
  );
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
});

test('the figure placeholder keeps its proportions and fetches nothing', async ({ page }) => {
  const images: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image') images.push(request.url());
  });
  await page.goto(articleUrl);
  const placeholder = page.getByRole('figure').getByRole('img');
  await expect(placeholder).toHaveAccessibleName('Placeholder: the original photograph is not included in Lede');
  const box = await placeholder.boundingBox();
  expect(box?.width).toBeGreaterThan(0);
  expect(Math.round((box?.width ?? 0) / 3)).toBeCloseTo(box?.height ?? 0, -1);
  expect(images.filter((url) => !url.endsWith('/favicon.svg'))).toEqual([]);
});

test('the gate link leads to the login page with the article as the place to return to', async ({ page }) => {
  await page.goto(articleUrl);
  await page.getByRole('link', { name: article.gate.linkText }).click();
  await expect(page).toHaveURL(returningTo(LOGIN_PATH, articleUrl));
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
});

test.describe('unknown paths get a 404 page with a way home', () => {
  for (const path of ['/no-such-page', '/articles/no-such-article']) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await page.getByRole('link', { name: 'Go to the front page' }).click();
      await expect(page).toHaveURL(HOME_PATH);
      await expect(page.getByRole('link', { name: article.headline })).toBeVisible();
    });
  }
});
