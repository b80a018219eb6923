// Unlocking the locked persona: its login page message offers an unlock link, the link from the
// test inbox unlocks it in this sandbox, and it logs in; a reset of the sandbox locks it again.
import type { APIRequestContext } from '@playwright/test';
import { expect, logInThroughForm, test } from './fixtures.ts';
import { LOGIN_PATH } from '../src/config/paths.ts';

async function latestLink(request: APIRequestContext, to: string): Promise<string> {
  const response = await request.get(`/api/test/inbox?to=${encodeURIComponent(to)}`);
  const { messages } = (await response.json()) as { messages: { links: string[] }[] };
  expect(messages, `a message to ${to}`).not.toHaveLength(0);
  return messages[0]?.links[0] ?? '';
}

test('a locked account asks for an unlock link from the login page, follows it and logs in', async ({
  page,
  request,
}) => {
  const email = 'locked+unlock@example.com';
  await page.goto(LOGIN_PATH);
  await logInThroughForm(page, email);
  await expect(page.getByRole('alert')).toContainText('This account is locked.');
  await page.getByRole('link', { name: 'Email me an unlock link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unlock your account');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByRole('button', { name: 'Email me an unlock link' }).click();
  await expect(page.getByRole('status')).toBeFocused();

  await page.goto(await latestLink(request, email));
  await expect(page.getByRole('status')).toHaveText(`${email} is unlocked. Log in with its password.`);
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await logInThroughForm(page, email);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // A reset of the sandbox locks it again.
  await request.post('/api/test/reset');
  const again = await request.post('/api/session', { data: { email, password: 'read-all-about-it' } });
  expect(again.status()).toBe(403);
});

test('a used unlock link says so', async ({ page, request }) => {
  const email = 'locked+twice@example.com';
  await request.post('/api/unlock-links', { data: { email } });
  const link = await latestLink(request, email);
  await page.goto(link);
  await expect(page.getByRole('status')).toContainText('is unlocked');
  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText('This unlock link has been used already: the account is unlocked.');
});
