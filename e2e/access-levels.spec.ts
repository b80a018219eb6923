// Each article's access level (`"access"` in seeds/<name>.json) under the sandbox's paywall model,
// on the placeholder site (scripts/placeholder-site.mjs, the project "placeholder articles"): six
// articles that are plainly not news — A free, B registered, C, D and E metered, F subscriber.
// Every test works in its own sandbox, so they run in parallel.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, logInThroughApi, logInThroughForm, SUBSCRIBER, test } from './fixtures.ts';

type Letter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
const LEVEL: Record<Letter, string> = {
  A: 'free',
  B: 'registered',
  C: 'metered',
  D: 'metered',
  E: 'metered',
  F: 'subscriber',
};
const urlOf = (letter: Letter) => `/articles/placeholder-article-${letter.toLowerCase()}-${LEVEL[letter]}-access`;
const gatedOf = (page: Page, letter: Letter) =>
  page.getByText(`Placeholder gated paragraph 1 of test article ${letter}.`);
const gateOf = (page: Page) => page.getByRole('region', { name: 'To Read The Full Story' });
const meterStatus = (page: Page) => page.getByRole('status').filter({ hasText: /free article/ });
const PASSWORD = 'placeholder password';

async function setModel(request: APIRequestContext, data: object): Promise<void> {
  const response = await request.put('/api/test/paywall', { data });
  expect(response.status(), `PUT /api/test/paywall ${JSON.stringify(data)}`).toBe(200);
}

/**
 * Opens an article and waits until the page has decided: a visitor whom a meter may let read sees
 * the gate until the server answers, so "no text yet" proves nothing before the network is idle.
 */
async function open(page: Page, letter: Letter): Promise<void> {
  await page.goto(urlOf(letter));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Placeholder Article ${letter}`);
  await page.waitForLoadState('networkidle');
}

async function expectWhole(page: Page, letter: Letter): Promise<void> {
  await expect(gatedOf(page, letter)).toBeVisible();
  await expect(gateOf(page)).toHaveCount(0);
}

async function expectGated(page: Page, letter: Letter): Promise<void> {
  await expect(gateOf(page)).toBeVisible();
  await expect(gatedOf(page, letter)).toHaveCount(0);
}

test('the hard paywall: a free article is whole for anyone, a registered one opens for any account, a subscriber one does not', async ({
  page,
}) => {
  await open(page, 'A');
  await expectWhole(page, 'A');
  await open(page, 'B');
  await expectGated(page, 'B');
  await expect(gateOf(page).getByRole('link', { name: 'Click to log in!' })).toBeVisible();

  const created = await page.request.post('/api/accounts', {
    data: { email: 'free.account@example.org', password: PASSWORD },
  });
  expect(created.status()).toBe(202);
  const login = await page.request.post('/api/session', {
    data: { email: 'free.account@example.org', password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  await open(page, 'B');
  await expectWhole(page, 'B');
  await open(page, 'F');
  await expectGated(page, 'F');
  await expect(gateOf(page)).toContainText('Your account has no subscription');
});

test('the registration wall: registered and metered articles ask for a free account, which opens them; a subscriber article still asks for a subscription', async ({
  page,
  request,
}) => {
  await setModel(request, { model: 'registration' });
  await open(page, 'F');
  await expectGated(page, 'F');
  await expect(gateOf(page).getByRole('link', { name: 'Create a free account' })).toHaveCount(0);
  await open(page, 'B');
  await expect(gateOf(page)).toContainText('This article is free with an account.');
  await open(page, 'C');
  await expectGated(page, 'C');
  await expect(gateOf(page)).toContainText('This article is free with an account.');

  await gateOf(page).getByRole('link', { name: 'Create a free account' }).click();
  await page.getByLabel('Email').fill('joined.at.the.gate@example.org');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await logInThroughForm(page, 'joined.at.the.gate@example.org', PASSWORD);
  await expect(page).toHaveURL(urlOf('C'));
  await expectWhole(page, 'C');
  await open(page, 'F');
  await expect(gateOf(page)).toContainText('Your account has no subscription');
});

test('metered by articles: two free articles, each re-read free; free and registered articles are not counted; the third is the used-up gate', async ({
  page,
  request,
}) => {
  await setModel(request, { model: 'metered', meter: { limit: 2, window: 'calendar-month', counts: 'articles' } });
  await open(page, 'C');
  await expectWhole(page, 'C');
  await expect(meterStatus(page)).toHaveText('1 of 2 free articles left this month.');

  await open(page, 'A');
  await expectWhole(page, 'A');
  await expect(meterStatus(page)).toHaveCount(0);

  await open(page, 'D');
  await expectWhole(page, 'D');
  await expect(meterStatus(page)).toHaveText('That was your last free article this month.');

  await open(page, 'C');
  await expectWhole(page, 'C');

  await open(page, 'E');
  await expectGated(page, 'E');
  await expect(gateOf(page)).toContainText('You have read your 2 free articles this month.');
  // A subscriber article is metered too under a meter, as on Piano's and Zephr's sites.
  await open(page, 'F');
  await expectGated(page, 'F');
  await expect(gateOf(page)).toContainText('You have read your 2 free articles this month.');

  // A subscriber is never metered.
  await logInThroughApi(page.request, SUBSCRIBER);
  await open(page, 'E');
  await expectWhole(page, 'E');
  await expect(meterStatus(page)).toHaveCount(0);
});

test('the free model opens every level to anyone', async ({ page, request }) => {
  await setModel(request, { model: 'free' });
  for (const letter of ['B', 'E', 'F'] as const) {
    await open(page, letter);
    await expectWhole(page, letter);
  }
});

test('the front page lists the placeholder articles, newest first', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(
    (['A', 'B', 'C', 'D', 'E', 'F'] as const).map((letter) => new RegExp(`^Placeholder Article ${letter}`)),
  );
});
