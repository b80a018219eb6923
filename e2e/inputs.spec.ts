// What the login form does with unusual input: exactly what was typed is sent, nothing typed is
// ever run as markup, odd emails get the same generic answer as wrong ones, and the layout holds.
import type { Page, Request } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, SUBSCRIBER, test, logInThroughForm, isLoginRequest } from './fixtures.ts';
import { LOGIN_PATH } from '../src/config/paths.ts';

const GENERIC_ERROR = 'Email or password is incorrect.';

/** Logs in through the form; the login request the page sent. */
async function submitLogin(page: Page, email: string, password: string): Promise<Request> {
  const [sent] = await Promise.all([page.waitForRequest(isLoginRequest), logInThroughForm(page, email, password)]);
  return sent;
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.beforeEach(async ({ page }) => {
  await page.goto(LOGIN_PATH);
  // The prerendered form's buttons are disabled until the page is live.
  await expect(page.getByRole('button', { name: 'Show password' })).toBeEnabled();
});

test('a long password with spaces, emoji and non-ASCII is sent exactly as typed', async ({ page }) => {
  const password = `  ${'correct horse 🐴 battery stäple ✓ '.repeat(60)}  `;
  await expect(page.getByLabel('Password', { exact: true })).not.toHaveAttribute('maxlength');
  const sent = await submitLogin(page, SUBSCRIBER, password);
  expect(sent.postDataJSON()).toMatchObject({ email: SUBSCRIBER, password });
  await expect(page.getByRole('alert')).toHaveText(GENERIC_ERROR);
});

test('a password is not trimmed: the right one with a space around it is wrong', async ({ page }) => {
  const sent = await submitLogin(page, SUBSCRIBER, ` ${DEMO_PASSWORD} `);
  expect(sent.postDataJSON()).toMatchObject({ password: ` ${DEMO_PASSWORD} ` });
  await expect(page.getByRole('alert')).toHaveText(GENERIC_ERROR);
});

for (const [kind, email] of [
  ['a 10,000-character', `${'a'.repeat(9_988)}@example.com`],
  ['a right-to-left', 'מנוי@דוגמה.קום'],
  ['a zero-width', `subscriber\u200B@example.com`],
  ['a bidi-override', `\u202Emoc.elpmaxe@rebircsbus`],
] as const) {
  test(`${kind} email gets the generic error, stays typed and does not break the layout`, async ({ page }) => {
    await submitLogin(page, email, DEMO_PASSWORD);
    await expect(page.getByRole('alert')).toHaveText(GENERIC_ERROR);
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await expectNoHorizontalScroll(page);
  });
}

test('markup typed into the fields is kept and shown as text, never run', async ({ page }) => {
  const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
  await submitLogin(page, markup, markup);
  await expect(page.getByRole('alert')).toHaveText(GENERIC_ERROR);
  await expect(page.getByLabel('Email')).toHaveValue(markup);
  await expect(page.locator('form img, form script')).toHaveCount(0);
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
});

test('the fields say what they hold, for password managers, and allow pasting', async ({ page }) => {
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
  for (const label of ['Email', 'Password']) {
    const pasteBlocked = await page.getByLabel(label, { exact: true }).evaluate((input) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', 'pasted');
      const paste = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
      return !input.dispatchEvent(paste);
    });
    expect(pasteBlocked, `${label} lets a paste through`).toBe(false);
  }
});

test('"Show password" is a real toggle button that shows and hides the password, and never submits', async ({
  page,
}) => {
  let submitted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST') submitted = true;
  });
  const password = page.getByLabel('Password', { exact: true });
  const toggle = page.getByRole('button', { name: 'Show password' });
  await password.fill('typed with care');
  await expect(toggle).toHaveAttribute('type', 'button');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(password).toHaveAttribute('type', 'password');

  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(password).toHaveAttribute('type', 'text');
  await expect(password).toHaveValue('typed with care');
  await expect(toggle).toBeFocused();

  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(password).toHaveAttribute('type', 'password');
  expect(submitted).toBe(false);
});
