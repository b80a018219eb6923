// The test inbox of the test's sandbox: what Lede "sent", read without parsing prose.
import { codeIn, expect, linkIn, test } from '@lede/playwright';

test('sign in by the link from the inbox, and land on the article', async ({ page, inbox }) => {
  const article = '/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';
  await page.goto(`/account/sign-in-link?next=${encodeURIComponent(article)}`);
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
  const mail = await inbox.waitFor('subscriber@example.com');
  await page.goto(linkIn(mail));
  await expect(page).toHaveURL(article);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});

test('sign in by the code from the same message', async ({ page, inbox }) => {
  await page.goto('/account/sign-in-link');
  await page.getByLabel('Email').fill('reader@example.com');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const mail = await inbox.waitFor('reader@example.com');
  await page.getByLabel('6-digit code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner')).toContainText('reader@example.com');
});

test('reset a password by the link in the message of that subject', async ({ page, inbox }) => {
  await page.request.post('/api/password-resets', { data: { email: 'reader@example.com' } });
  const mail = await inbox.waitFor('reader@example.com', { subject: 'Reset your Lede password' });
  await page.goto(linkIn(mail, '/account/reset-password'));
  await page.getByLabel('New password', { exact: true }).fill('my new password');
  await page.getByLabel('Confirm new password').fill('my new password');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
  expect(await inbox.clear()).toBe(1);
});
