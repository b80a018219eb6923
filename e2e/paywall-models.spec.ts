// The page under each paywall model a tester sets for the sandbox: the server decides, the page
// shows what it decided — the text, where the reader stands with a meter, or the gate that model
// asks for. Each test switches its own sandbox's model, so they run in parallel.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, joinSandbox, logInThroughForm, READER, returningTo, SUBSCRIBER, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { LOGIN_PATH, SUBSCRIBE_PATH } from '../src/config/paths.ts';

async function setModel(request: APIRequestContext, data: object): Promise<void> {
  const response = await request.put('/api/test/paywall', { data });
  expect(response.status(), `PUT /api/test/paywall ${JSON.stringify(data)}`).toBe(200);
}

const gateOf = (page: Page) => page.getByRole('region', { name: article.gate.heading });
const meterStatus = (page: Page) => page.getByRole('status').filter({ hasText: /free (read|article)/ });

test('free: an anonymous reader reads the whole article, and no meter is shown', async ({ page, request }) => {
  await setModel(request, { model: 'free' });
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(gateOf(page)).toHaveCount(0);
  await expect(meterStatus(page)).toHaveCount(0);
});

test('metered by views: each read says what is left, the one after the last shows the used-up gate; clearing cookies starts afresh', async ({
  page,
  context,
  request,
  sandbox,
  baseURL,
}) => {
  await setModel(request, { model: 'metered', meter: { limit: 2, window: 'calendar-month', counts: 'views' } });

  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveText('1 of 2 free reads left this month.');

  await page.reload();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveText('That was your last free read this month.');

  await page.reload();
  const gate = gateOf(page);
  await expect(gate.getByText('You have read your 2 free reads this month.', { exact: false })).toBeVisible();
  await expect(gate.getByRole('link', { name: 'Subscribe' })).toHaveAttribute(
    'href',
    returningTo(SUBSCRIBE_PATH, articleUrl),
  );
  await expect(gate.getByRole('link', { name: article.gate.linkText })).toHaveAttribute(
    'href',
    returningTo(LOGIN_PATH, articleUrl),
  );
  await expect(page.getByText(firstGated)).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');

  // The count belongs to the visitor cookie, as on real sites: without it, a new visitor.
  await context.clearCookies();
  await joinSandbox(context, sandbox, baseURL);
  await page.reload();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveText('1 of 2 free reads left this month.');
});

test('metered by articles: reading the same article again costs nothing', async ({ page, request }) => {
  await setModel(request, { model: 'metered', meter: { limit: 1, window: 'rolling-30-days', counts: 'articles' } });
  await page.goto(articleUrl);
  await expect(meterStatus(page)).toHaveText('That was your last free article in the last 30 days.');
  await page.reload();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveText('That was your last free article in the last 30 days.');
});

test('metered: the used-up gate leads to a login, and a subscriber reads on with no meter', async ({
  page,
  request,
}) => {
  await setModel(request, { model: 'metered', meter: { limit: 1, window: 'calendar-month', counts: 'views' } });
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.reload();
  await gateOf(page).getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveCount(0);
});

test('metered: a logged-in reader without a subscription has an allowance of their own', async ({ page, request }) => {
  await setModel(request, { model: 'metered', meter: { limit: 1, window: 'calendar-month', counts: 'views' } });
  // Used up as a visitor first: the account's allowance is separate.
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.reload();
  await expect(gateOf(page).getByText(/You have read your 1 free read/)).toBeVisible();
  await gateOf(page).getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, READER);
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(meterStatus(page)).toHaveText('That was your last free read this month.');
});

test('registration: the seed, a subscriber article, keeps the source’s gate for anonymous readers and asks an account to subscribe', async ({
  page,
  request,
}) => {
  await setModel(request, { model: 'registration' });
  await page.goto(articleUrl);
  const gate = gateOf(page);
  await expect(gate.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');

  await gate.getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, READER);
  await expect(page).toHaveURL(articleUrl);
  await expect(gate.getByText(/no subscription/)).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('hard (the default): the source’s gate, and no meter', async ({ page }) => {
  await page.goto(articleUrl);
  const gate = gateOf(page);
  await expect(gate.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  await expect(gate.getByRole('link', { name: 'Subscribe' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
  await expect(meterStatus(page)).toHaveCount(0);
  await expect(page.getByText(firstGated)).toHaveCount(0);
});
