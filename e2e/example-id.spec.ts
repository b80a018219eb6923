// "Continue with Example ID": the OAuth 2.0 sign-in walked in the browser, against the mock
// provider on Lede's own origin, in the test's sandbox.
import type { Page } from '@playwright/test';
import { expect, test, whoIsLoggedIn } from './fixtures.ts';
import { article, articleUrl } from './seed.ts';

/**
 * The login page, live: its link carries `?next=` once the app has run (the prerendered page's
 * link returns home), as the Log in button is enabled then.
 */
async function openLogin(page: Page, next?: string): Promise<void> {
  await page.goto(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled();
}

/**
 * Example ID's answer to the consent form, held before the browser follows it back to Lede
 * (page.route never sees a redirect's next request, so the redirect itself is caught).
 */
async function holdConsentAnswer(page: Page, hold: (location: URL) => Promise<URL>): Promise<void> {
  await page.route('**/example-id/authorize', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = await hold(new URL(response.headers().location ?? ''));
    await route.fulfill({ response, headers: { ...response.headers(), location: location.href } });
  });
}

test('ada signs in with Example ID and is back at the article, logged in', async ({ page }) => {
  await openLogin(page, articleUrl);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Lede with Example ID' })).toBeVisible();
  await expect(page.getByText('a mock identity provider')).toBeVisible();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('heading', { level: 1, name: article.headline })).toBeVisible();
  expect(await whoIsLoggedIn(page.request)).toBe('ada@example-id.test');
});

test('a typed address that is a persona’s signs in to that persona', async ({ page }) => {
  await openLogin(page);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('Another address').check();
  await page.getByLabel('Email address (Example ID treats it as verified)').fill('subscriber@example.com');
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL('/');
  expect(await whoIsLoggedIn(page.request)).toBe('subscriber@example.com');
});

test('the account that denies: the problem page, a new try, and another way in', async ({ page }) => {
  await openLogin(page, articleUrl);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('denies@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in-problem\?reason=access-denied/);
  await expect(page.getByRole('heading', { level: 1, name: 'You are not logged in' })).toBeVisible();
  await expect(page.getByText('Example ID did not let Lede see your account')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in another way' })).toHaveAttribute(
    'href',
    `/login?next=${encodeURIComponent(articleUrl)}`,
  );
  await page.getByRole('link', { name: 'Try again with Example ID' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Lede with Example ID' })).toBeVisible();
  expect(await whoIsLoggedIn(page.request)).toBeNull();
});

test('an unverified email is refused in Lede’s words', async ({ page }) => {
  await openLogin(page);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('unverified@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Example ID has not verified the email address')).toBeVisible();
  expect(await whoIsLoggedIn(page.request)).toBeNull();
});

test('a callback whose state was edited: state-mismatch, nobody signed in', async ({ page }) => {
  await holdConsentAnswer(page, async (location) => {
    location.searchParams.set('state', 'edited');
    return location;
  });
  await openLogin(page);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/reason=state-mismatch/);
  await expect(page.getByText('did not start in this browser')).toBeVisible();
  expect(await whoIsLoggedIn(page.request)).toBeNull();
});

test('the code expires while the redirect is held: code-expired', async ({ page }) => {
  await holdConsentAnswer(page, async (location) => {
    // Two minutes pass on the sandbox's clock before the browser reaches Lede.
    const moved = await page.request.post('/api/test/clock', { data: { advanceBy: 2 * 60_000 } });
    expect(moved.status()).toBe(200);
    return location;
  });
  await openLogin(page);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/reason=code-expired/);
  await expect(page.getByText('The sign-in took too long')).toBeVisible();
});

test('a callback replayed: the code is good once', async ({ page }) => {
  let callback = '';
  page.on('request', (request) => {
    if (request.url().includes('/api/oauth/example-id/callback?')) callback = request.url();
  });
  await openLogin(page);
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL('/');
  // The same code again, with a fresh attempt's state so it gets past the state check.
  const start = await page.request.get('/api/oauth/example-id/start', { maxRedirects: 0 });
  const state = new URL(start.headers().location ?? '').searchParams.get('state') ?? '';
  const replayed = new URL(callback);
  replayed.searchParams.set('state', state);
  const answer = await page.request.get(replayed.href, { maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  expect(answer.headers().location).toContain('/account/sign-in-problem?reason=code-used');
});
