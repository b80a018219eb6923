// The two-factor persona: a code after the password, computed from its public TOTP secret at the
// sandbox's own time (a moved clock moves the codes too).
import { expect, test } from '@lede/playwright';
import { TOTP } from 'otpauth';

test('two-factor through the form, with the code at the server’s time', async ({ page, serverClock }) => {
  const totp = new TOTP({ secret: 'LEDETWOFACTORDEMOSECRETFORTESTQA', algorithm: 'SHA1', digits: 6, period: 30 });
  await page.goto('/login');
  await page.getByLabel('Email').fill('mfa@example.com');
  await page.getByLabel('Password', { exact: true }).fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  const now = await serverClock.now();
  await page.getByLabel('Code from your authenticator app').fill(totp.generate({ timestamp: now.getTime() }));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Logged in as mfa@example.com')).toBeVisible();
});

test.describe('started as the two-factor persona', () => {
  test.use({ persona: 'mfa' });

  test('the fixture answers the second step itself', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('Logged in as mfa@example.com')).toBeVisible();
  });
});
