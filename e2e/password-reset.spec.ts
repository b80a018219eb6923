// Password reset in a browser: from the login page's "Forgot password?" to the mailed link, a new
// password, the other devices logged out, and logging in with it; a used or expired link says so
// before anything is typed. Links are read from the test inbox (GET /api/test/inbox?to=…).
import type { APIRequestContext } from '@playwright/test';
import { expect, logInThroughForm, test } from './fixtures.ts';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { LOGIN_PATH } from '../src/config/paths.ts';

const NEW_PASSWORD = 'a brand new password';

/** The one link of the newest message to `to`. */
async function latestLink(request: APIRequestContext, to: string): Promise<string> {
  const response = await request.get(`/api/test/inbox?to=${encodeURIComponent(to)}`);
  const { messages } = (await response.json()) as { messages: { subject: string; links: string[] }[] };
  const link = messages[0]?.links[0];
  expect(link, `a link sent to ${to}`).toBeDefined();
  return link ?? '';
}

test('a reader who forgot the password asks for a link, sets a new one, and logs in with it', async ({
  page,
  request,
}) => {
  const email = 'reader+reset@example.com';
  // Another device, logged in already: it will be logged out.
  const other = await request.post('/api/session', { data: { email, password: DEMO_PASSWORD } });
  expect(other.status()).toBe(200);

  await page.goto(LOGIN_PATH);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.getByRole('status')).toContainText('works for 1 hour');

  await page.goto(await latestLink(request, email));
  await expect(page.getByText(`For ${email}.`)).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveAccessibleDescription('At least 8 characters.');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill('something else');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page.getByLabel('Confirm new password')).toBeFocused();
  await expect(page.getByLabel('Confirm new password')).toHaveAccessibleDescription(
    'The two passwords differ. Type the same password twice.',
  );
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
  await expect(page.getByRole('status')).toBeFocused();

  // The other device hears why it was logged out.
  expect(await (await request.get('/api/session')).json()).toEqual({ reader: null, ended: 'ended-elsewhere' });

  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await logInThroughForm(page, email, NEW_PASSWORD);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

test('a used link says so before anything is typed, and offers a new one', async ({ page, request }) => {
  const email = 'reader+used@example.com';
  expect((await request.post('/api/password-resets', { data: { email } })).status()).toBe(202);
  const link = await latestLink(request, email);
  const token = new URL(link).searchParams.get('token');
  const done = await request.post('/api/password-resets/complete', { data: { token, password: NEW_PASSWORD } });
  expect(done.status()).toBe(200);

  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText('This reset link has been used already: each works once.');
  await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
});

test('an expired link says so, by the server’s clock', async ({ page, request }) => {
  const email = 'reader+expired@example.com';
  await request.post('/api/password-resets', { data: { email } });
  const link = await latestLink(request, email);
  await request.post('/api/test/clock', { data: { advanceBy: 60 * 60_000 } });
  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText('This reset link has expired: links work for 1 hour.');
});

test('asking twice within a minute is refused with the wait in words; an unknown address is answered alike', async ({
  page,
}) => {
  await page.goto('/account/forgot-password?email=nobody%2Breset@example.com');
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status')).toContainText('If this address has a Lede account');
  await page.reload();
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('alert')).toContainText(/a moment ago\. Try again in \d+ seconds\./);
  await expect(page.getByLabel('Email')).toHaveValue('nobody+reset@example.com');
});
