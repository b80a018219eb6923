// Email verification: an account created on the site logs in at once, unverified, with a notice
// asking to verify and a Resend button (once a minute); the link from the test inbox verifies it,
// and the notice goes.
import type { APIRequestContext } from '@playwright/test';
import { expect, logInThroughForm, test } from './fixtures.ts';
import { JOIN_PATH, LOGIN_PATH } from '../src/config/paths.ts';

const PASSWORD = 'correct horse battery';

async function messagesTo(request: APIRequestContext, to: string) {
  const response = await request.get(`/api/test/inbox?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: { subject: string; links: string[] }[] }).messages;
}

test('a new account is asked to verify, resends once a minute, and the link verifies it', async ({ page, request }) => {
  const email = 'new+verify@example.org';
  await page.goto(JOIN_PATH);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has an account now' })).toBeFocused();
  await page.goto(LOGIN_PATH);
  await logInThroughForm(page, email, PASSWORD);

  const notice = page.getByRole('complementary', { name: 'Your email address' });
  await expect(notice).toContainText(`Verify your email address: open the link we sent to ${email}`);
  await notice.getByRole('button', { name: 'Resend' }).click();
  await expect(notice.getByRole('status')).toHaveText(`A new link is on its way to ${email}. It works for 7 days.`);
  await notice.getByRole('button', { name: 'Resend' }).click();
  await expect(notice.getByRole('status')).toHaveText(/A link was sent a moment ago\. Try again in \d+ seconds\./);

  const messages = await messagesTo(request, email);
  expect(messages.map(({ subject }) => subject)).toEqual([
    'Verify your email address for Lede',
    'Verify your email address for Lede',
  ]);
  await page.goto(messages[0]?.links[0] ?? '');
  await expect(page.getByRole('region', { name: 'Verify your email address' }).getByRole('status')).toHaveText(
    `${email} is verified. Thank you.`,
  );
  await expect(notice).toHaveCount(0);
  const { reader } = (await (await page.request.get('/api/session')).json()) as { reader: Record<string, unknown> };
  expect(reader).not.toHaveProperty('verified');
});

test('the verification link arrives through the /inbox page too', async ({ page, request }) => {
  const email = 'new+inbox@example.org';
  expect((await request.post('/api/accounts', { data: { email, password: PASSWORD } })).status()).toBe(202);
  await page.goto('/inbox');
  await page.getByRole('article').getByRole('link').click();
  await expect(page.getByRole('status')).toHaveText(`${email} is verified. Thank you.`);
});
