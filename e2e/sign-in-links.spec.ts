// Signing in by email, as a reader does it: ask for a link on the page, read it from the sandbox's
// test inbox, open it and read the article; or type the code. The scanned persona's link closes
// 10 minutes after sending (the sandbox clock moved), a link expires after 24 hours, and 5 wrong
// codes spend the code.
import type { APIRequestContext, Page } from '@playwright/test';
import { ACCOUNT_API, ACCOUNT_PAGES } from '../src/config/account-paths.ts';
import { API_PATHS } from '../src/config/paths.ts';
import { expect, returningTo, test, whoIsLoggedIn } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';

const MINUTE = 60_000;

interface Mail {
  subject: string;
  text: string;
  links: string[];
  code?: string;
}

/** The newest message to `to` in this test's sandbox, once it has come. */
async function latestMail(request: APIRequestContext, to: string): Promise<Mail> {
  let mail: Mail | undefined;
  await expect(async () => {
    const answer = await request.get(`${ACCOUNT_API.testInbox}?to=${encodeURIComponent(to)}`);
    ({
      messages: [mail],
    } = (await answer.json()) as { messages: Mail[] });
    expect(mail, `a message to ${to}`).toBeDefined();
  }).toPass();
  if (mail === undefined) throw new Error(`no message to ${to}`);
  return mail;
}

async function askForLink(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeFocused();
}

async function moveClock(request: APIRequestContext, advanceBy: number): Promise<void> {
  expect((await request.post(API_PATHS.testClock, { data: { advanceBy } })).status()).toBe(200);
}

test('from the article, through the login page, a link by email opens the article in full', async ({ page }) => {
  const email = 'subscriber+links@example.com';
  await page.goto(returningTo('/login', articleUrl));
  await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(returningTo(ACCOUNT_PAGES.signInLink, articleUrl));
  await askForLink(page, email);
  await expect(page.getByRole('link', { name: 'test inbox' })).toHaveAttribute('href', '/inbox');

  const mail = await latestMail(page.request, email);
  expect(mail.subject).toBe('Your Lede sign-in link');
  expect(mail.text).toContain('24 hours');
  const [link = ''] = mail.links;
  expect(new URL(link).searchParams.get('next')).toBe(articleUrl);
  await page.goto(link);
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await expect(page.getByText(firstGated)).toBeVisible();
  expect(await whoIsLoggedIn(page.request)).toBe(email);
});

test('the code from the same email signs in, and the address typed is kept', async ({ page }) => {
  const email = 'subscriber+code@example.com';
  await page.goto(returningTo(ACCOUNT_PAGES.signInLink, articleUrl));
  await askForLink(page, email);
  await expect(page.getByText(email)).toBeVisible();
  const { code = '' } = await latestMail(page.request, email);
  const field = page.getByLabel('6-digit code');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`); // as people paste it
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('5 wrong codes spend the code: the page says so and offers a new one', async ({ page }) => {
  const email = 'reader+wrong@example.com';
  await page.goto(ACCOUNT_PAGES.signInLink);
  await askForLink(page, email);
  const { code = '' } = await latestMail(page.request, email);
  const wrong = code === '000000' ? '111111' : '000000';
  const field = page.getByLabel('6-digit code');
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    await expect(page.getByText('That code is not right.')).toBeVisible();
  }
  await field.fill(wrong);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That code was tried too many times, so it no longer works. Ask for a new one.',
  );
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await page.getByRole('button', { name: 'Ask for a new link and code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in with a link or code' })).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveValue(email);
});

test.describe('the scanned persona', () => {
  test('its link works for 10 minutes after sending, then says it was used, with the address kept', async ({
    page,
  }) => {
    const email = 'scanned@example.com';
    await page.goto(ACCOUNT_PAGES.signInLink);
    await askForLink(page, email);
    const [link = ''] = (await latestMail(page.request, email)).links;
    await moveClock(page.request, 11 * MINUTE);
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'This sign-in link has been used' })).toBeFocused();
    await expect(page.getByText('a link works for 10 minutes after it is first opened')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(email);
    expect(await whoIsLoggedIn(page.request)).toBeNull();
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeFocused();
  });
});

test('a link older than 24 hours has expired', async ({ page }) => {
  const email = 'subscriber+expired@example.com';
  expect((await page.request.post(ACCOUNT_API.signInLinks, { data: { email } })).status()).toBe(202);
  const [link = ''] = (await latestMail(page.request, email)).links;
  await moveClock(page.request, 24 * 60 * MINUTE);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'This sign-in link has expired' })).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveValue(email);
});

test('a forged link is not valid, and offers the form', async ({ page }) => {
  await page.goto(`${ACCOUNT_PAGES.signInLink}?token=forged`);
  await expect(page.getByRole('heading', { level: 1, name: 'This sign-in link is not valid' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
});

test('an unknown address is answered as a known one', async ({ page }) => {
  await page.goto(ACCOUNT_PAGES.signInLink);
  await askForLink(page, 'nobody@example.com');
  const { messages } = (await (await page.request.get(`${ACCOUNT_API.testInbox}?to=nobody@example.com`)).json()) as {
    messages: Mail[];
  };
  expect(messages).toEqual([]);
});

test('no network: the page says so, keeps the address, and the retry sends it', async ({ page }) => {
  await page.goto(ACCOUNT_PAGES.signInLink);
  await page.route(`**${ACCOUNT_API.signInLinks}`, (route) => route.abort('internetdisconnected'));
  await page.getByLabel('Email').fill('reader+offline@example.com');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('alert')).toHaveText('Could not reach the service. Check your connection and try again.');
  await expect(page.getByLabel('Email')).toHaveValue('reader+offline@example.com');
  await page.unroute(`**${ACCOUNT_API.signInLinks}`);
  await askForLink(page, 'reader+offline@example.com');
});

test('asking too often for one address is refused in our words', async ({ page }) => {
  const email = 'reader+often@example.com';
  for (let i = 0; i < 5; i += 1) {
    expect((await page.request.post(ACCOUNT_API.signInLinks, { data: { email } })).status()).toBe(202);
  }
  await page.goto(ACCOUNT_PAGES.signInLink);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many sign-in emails asked for this address. Try again at');
});
