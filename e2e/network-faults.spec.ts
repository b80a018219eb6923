// A network fault says so and lets the reader retry; it is never mistaken for "no access".
import { expect, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { API_PATHS, gatedTextPath } from '../src/config/paths.ts';

test.use({ persona: 'subscriber' });

test('when "who am I" cannot be reached, the gate says so and "Try again" recovers', async ({ page }) => {
  await page.route(`**${API_PATHS.session}`, (route) => route.abort('internetdisconnected'));
  await page.goto(articleUrl);
  await expect(page.getByRole('alert')).toHaveText('Could not reach the service to check whether you are logged in.');
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();

  await page.unroute(`**${API_PATHS.session}`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('when the rest of the article cannot be loaded, the reader is told and can retry', async ({ page }) => {
  await page.route(`**${gatedTextPath('*')}`, (route) => route.abort('internetdisconnected'));
  await page.goto(articleUrl);
  await expect(page.getByRole('alert')).toHaveText('Could not reach the service to load the rest of the article.');
  await expect(page.getByText(firstGated)).toHaveCount(0);

  await page.unroute(`**${gatedTextPath('*')}`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('a session that ended on the server brings the gate back instead of an error', async ({ page, context }) => {
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await context.clearCookies({ name: 'lede_session' });

  // Navigating away and back asks for the rest again, now without a session.
  await page.getByRole('link', { name: 'Lede' }).click();
  await page.getByRole('link', { name: article.headline }).click();
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
});
