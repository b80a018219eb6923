// Each persona's gate and call to action, logged in through the API (the form is login.spec's job).
import { setTimeout } from 'node:timers/promises';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, returningTo } from './fixtures.ts';
import { article, articleUrl, findGatedText, firstGated, gatedTextUrl } from './seed.ts';
import { API_PATHS, SUBSCRIBE_PATH } from '../src/config/paths.ts';

test.describe('reader: registered, no subscription', () => {
  test.use({ persona: 'reader' });

  test('the gate offers "Subscribe"; the mock plans page unlocks the article and returns to it', async ({ page }) => {
    await page.goto(articleUrl);
    const gate = page.getByRole('region', { name: article.gate.heading });
    await expect(gate).toContainText('Your account has no subscription');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
    await gate.getByRole('link', { name: 'Subscribe' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a plan');
    await expect(page.getByText('This is a simulation')).toBeVisible();
    await expect(page.getByRole('radio', { name: /Monthly/ })).toBeChecked();
    await page.getByRole('radio', { name: /Yearly/ }).check();
    await page.getByRole('button', { name: 'Start subscription' }).click();

    await expect(page).toHaveURL(articleUrl);
    await expect(page.getByText(firstGated)).toBeFocused();
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  });

  test('the mock subscription lasts until its sandbox is reset', async ({ page }) => {
    await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
    await page.getByRole('button', { name: 'Start subscription' }).click();
    await expect(page.getByText(firstGated)).toBeVisible();
    await page.reload();
    await expect(page.getByText(firstGated)).toBeVisible();

    await page.request.post(API_PATHS.testReset, { data: { keepSessions: true } });
    await page.reload();
    await expect(page.getByRole('link', { name: 'Subscribe' })).toBeVisible();
    await expect(page.getByText(firstGated)).toHaveCount(0);
  });
});

test.describe('expired: subscription ended', () => {
  test.use({ persona: 'expired' });

  test('the gate shows the end date and offers "Renew"; renewing unlocks the article', async ({ page }) => {
    await page.goto(articleUrl);
    const gate = page.getByRole('region', { name: article.gate.heading });
    await expect(gate).toContainText('Your subscription ended on March 31, 2026.');
    await gate.getByRole('link', { name: 'Renew' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renew your subscription');
    await page.getByRole('button', { name: 'Renew subscription' }).click();
    await expect(page).toHaveURL(articleUrl);
    await expect(page.getByText(firstGated)).toBeFocused();
  });
});

test.describe('subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('the plans page says there is nothing to buy', async ({ page }) => {
    await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
    await expect(page.getByText('subscriber@example.com already has an active subscription.')).toBeVisible();
    await page.getByRole('link', { name: 'Continue reading' }).click();
    await expect(page.getByText(firstGated)).toBeVisible();
  });
});

test.describe('slow: every API response takes 3 s', () => {
  test.use({ persona: 'slow' });
  // Logging in and each answer take 3 s: three times the usual timeout.
  test.slow();

  test('the article shows busy states, then the full text', async ({ page }) => {
    await page.goto(articleUrl);
    // While the session is asked for (3 s), the page shows the public part and the source's gate.
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'checking');
    await expect(page.getByText(article.lead)).toBeVisible();
    await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Loading the full story…', { timeout: 5_000 });
    await expect(page.getByText(firstGated)).toBeVisible({ timeout: 5_000 });
  });

  // A logout (DELETE /api/session) cannot show this: it carries the slow session, so it waits its
  // 3 s too and is decided after a request for the text sent before it. A reset or the clock,
  // asked for without the session, end it at once.
  for (const [how, endSession] of [
    ['a reset', (request: APIRequestContext) => request.post(API_PATHS.testReset)],
    [
      '31 minutes on the server clock',
      (request: APIRequestContext) => request.post(API_PATHS.testClock, { data: { advanceBy: 31 * 60_000 } }),
    ],
  ] as const) {
    test(`a session ended by ${how} during the 3 s delay gets no gated text 3 s later`, async ({ page, request }) => {
      const started = Date.now();
      const rest = page.request.get(gatedTextUrl);
      await setTimeout(1_000);
      expect((await endSession(request)).status()).toBe(200);
      expect(Date.now() - started, 'the session ended while the request for the text waited').toBeLessThan(2_500);

      const answer = await rest;
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
      expect(answer.status()).toBe(401);
      expect(findGatedText(await answer.text())).toBeUndefined();
    });
  }
});

test('an anonymous visitor to the plans page is sent to log in, with the way back to the plans kept', async ({
  page,
}) => {
  await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
  await page.getByRole('link', { name: 'Log in to subscribe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  const next = new URL(page.url()).searchParams.get('next');
  expect(next).toBe(returningTo(SUBSCRIBE_PATH, articleUrl));
});
