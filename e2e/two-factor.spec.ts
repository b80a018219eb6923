// Two-factor login, as a tester drives it: the documented TOTP secret and recovery codes (README),
// codes computed with otpauth at the sandbox's server time (GET /api/test/clock), never read from
// Lede's source.
import type { APIRequestContext, Page } from '@playwright/test';
import { TOTP } from 'otpauth';
import { expect, logInThroughForm, returningTo, serverNow, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { LOGIN_PATH } from '../src/config/paths.ts';

const MFA = 'mfa@example.com';
const totp = new TOTP({ secret: 'LEDETWOFACTORDEMOSECRETFORTESTQA', algorithm: 'SHA1', digits: 6, period: 30 });
const RECOVERY_CODE = 'K7QM-2XTA';
const CODE = 'Code from your authenticator app';

/** The code the authenticator app would show now, by the sandbox's clock. */
async function codeNow(request: APIRequestContext): Promise<string> {
  return totp.generate({ timestamp: await serverNow(request) });
}

/** From the article's gate to the code page, with the password. */
async function passwordStep(page: Page): Promise<void> {
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, MFA);
  await expect(page).toHaveURL('/account/two-factor');
  await expect(page.getByLabel(CODE)).toBeFocused();
}

async function expectUnlockedArticle(page: Page): Promise<void> {
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(page.getByText(`Logged in as ${MFA}`)).toBeVisible();
}

test('the password alone signs in nobody: the code page asks, and the right code returns to the article', async ({
  page,
}) => {
  await passwordStep(page);
  // Not signed in yet, and the challenge is nowhere in the URL.
  expect((await (await page.request.get('/api/session')).json()) as unknown).toEqual({ reader: null });
  expect(page.url()).not.toContain('challenge');
  await expect(page.getByLabel(CODE)).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByLabel(CODE)).toHaveAttribute('inputmode', 'numeric');
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
  await expect(page.getByRole('heading', { name: article.gate.heading })).toHaveCount(0);
});

test('a wrong code is said at the field, keeps what was typed, and the right one then works', async ({ page }) => {
  await passwordStep(page);
  await page.getByLabel(CODE).fill('12345');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel(CODE)).toHaveAccessibleDescription(
    'Enter the 6-digit code from your authenticator app.',
  );
  const wrong = (await codeNow(page.request)) === '000000' ? '111111' : '000000';
  await page.getByLabel(CODE).fill(wrong);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel(CODE)).toHaveAccessibleDescription(
    'That code is not right. Check your authenticator app and try again.',
  );
  await expect(page.getByLabel(CODE)).toHaveValue(wrong);
  await expect(page.getByLabel(CODE)).toBeFocused();
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
});

test('codes follow the sandbox clock: moved a day on, the code of the server’s time works', async ({ page }) => {
  await page.request.post('/api/test/clock', { data: { advanceBy: 24 * 60 * 60_000 } });
  await passwordStep(page);
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
});

test('"Trust this device for 30 days": the next login from this browser skips the code', async ({ page, context }) => {
  await passwordStep(page);
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByLabel('Trust this device for 30 days').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
  const trusted = (await context.cookies()).find((cookie) => cookie.name === 'lede_trusted_device');
  expect(trusted).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/session' });

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText(`Logged in as ${MFA}`)).toHaveCount(0);
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, MFA);
  await expectUnlockedArticle(page);

  // A reset of the world forgets the device: the code is asked again.
  await page.request.post('/api/test/reset');
  await passwordStep(page);
});

test('a recovery code works once; used again, the field says so and keeps it', async ({ page }) => {
  await passwordStep(page);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await expect(page.getByLabel('Recovery code')).toBeFocused();
  await page.getByLabel('Recovery code').fill(RECOVERY_CODE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText(`Logged in as ${MFA}`)).toHaveCount(0);
  await passwordStep(page);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(RECOVERY_CODE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Recovery code')).toHaveAccessibleDescription(
    'That recovery code is not right, or it was used already.',
  );
  await expect(page.getByLabel('Recovery code')).toHaveValue(RECOVERY_CODE);
  // Back to the app's code: nothing typed there was lost either, and it still works.
  await page.getByRole('button', { name: 'Use a code from your authenticator app instead' }).click();
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
});

test('a network failure says so and keeps the code; Continue again retries', async ({ page }) => {
  await passwordStep(page);
  await page.route('**/api/session/two-factor', (route) => route.abort('internetdisconnected'));
  const code = await codeNow(page.request);
  await page.getByLabel(CODE).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach the service');
  await expect(page.getByLabel(CODE)).toHaveValue(code);
  await page.unroute('**/api/session/two-factor');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
});

test('five wrong codes end the login: the page says to log in again, with a link', async ({ page }) => {
  await passwordStep(page);
  const right = await codeNow(page.request);
  for (let i = 0; i < 5; i += 1) {
    await page.getByLabel(CODE).fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    if (i < 4) await expect(page.getByLabel(CODE)).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByRole('alert')).toContainText('Too many wrong codes. Log in again.');
  await page.getByRole('link', { name: 'Log in again' }).click();
  await expect(page).toHaveURL(returningTo(LOGIN_PATH, articleUrl));
});

test('opened without a login (typed in, or a new tab), the page says to log in again', async ({ page }) => {
  await page.goto('/account/two-factor');
  await expect(page.getByLabel(CODE)).toHaveCount(0);
  await page.getByRole('link', { name: 'Log in again' }).click();
  await expect(page).toHaveURL(/\/login/);
});

test('a reload keeps the step: the challenge lives in the history entry, never the URL', async ({ page }) => {
  await passwordStep(page);
  await page.reload();
  await page.getByLabel(CODE).fill(await codeNow(page.request));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlockedArticle(page);
});
