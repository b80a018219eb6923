// Creating a free account: from the login page or a gate, with errors tied to their fields, the
// same answer for an address that has an account, and what was typed kept through every failure.
import type { Page } from '@playwright/test';
import { expect, logInThroughForm, READER, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { JOIN_PATH, LOGIN_PATH } from '../src/config/paths.ts';

const PASSWORD = 'correct horse battery';

async function fillJoinForm(page: Page, email: string, password = PASSWORD, confirm = password): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(confirm);
}

test('a new reader creates an account from the login page, logs in, subscribes and reads', async ({ page }) => {
  await page.goto(articleUrl);
  await page.getByRole('link', { name: 'Click to log in!' }).click();
  await page.getByRole('link', { name: 'Create a free account' }).click();
  await expect(page).toHaveURL(`${JOIN_PATH}?next=${encodeURIComponent(articleUrl)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a free account');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription('At least 8 characters.');

  await fillJoinForm(page, 'new.reader@example.org');
  await page.getByRole('button', { name: 'Create account' }).click();
  const answer = page.getByRole('status').filter({ hasText: 'has an account now' });
  await expect(answer).toBeFocused();
  await expect(answer).toContainText('new.reader@example.org');

  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await logInThroughForm(page, 'new.reader@example.org', PASSWORD);
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText('Your account has no subscription')).toBeVisible();
  await page.getByRole('link', { name: 'Subscribe' }).click();
  await page.getByRole('button', { name: 'Start subscription' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('each mistake is said at its field, focus goes to the first, and nothing typed is lost', async ({ page }) => {
  await page.goto(JOIN_PATH);
  const create = page.getByRole('button', { name: 'Create account' });

  await fillJoinForm(page, 'not-an-address', 'short', 'short');
  await create.click();
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter an email address, like name@example.com.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
    'At least 8 characters. Use at least 8 characters.',
  );
  await expect(page.getByLabel('Email')).toHaveValue('not-an-address');

  await fillJoinForm(page, 'someone@example.org', PASSWORD, 'correct horse');
  await create.click();
  await expect(page.getByLabel('Confirm password')).toBeFocused();
  await expect(page.getByLabel('Confirm password')).toHaveAccessibleDescription(
    'The two passwords differ. Type the same password twice.',
  );
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(PASSWORD);
});

test('an address that has an account gets the same answer, and its own password still logs in', async ({ page }) => {
  await page.goto(JOIN_PATH);
  await fillJoinForm(page, READER);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has an account now' })).toContainText(READER);

  await page.goto(LOGIN_PATH);
  await logInThroughForm(page, READER, PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await logInThroughForm(page, READER);
  await expect(page).toHaveURL('/');
});

test('a network failure says so, keeps what was typed, and the retry works', async ({ page }) => {
  await page.goto(JOIN_PATH);
  let failNext = true;
  await page.route('**/api/accounts', async (route) => {
    if (failNext) {
      failNext = false;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await fillJoinForm(page, 'offline@example.org');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText('Could not reach the service. Check your connection and try again.');
  await expect(page.getByLabel('Email')).toHaveValue('offline@example.org');
  await expect(page.getByLabel('Confirm password')).toHaveValue(PASSWORD);

  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has an account now' })).toBeVisible();
});

test('a gate that asks for an account offers to create one, and returns to the article after', async ({
  page,
  request,
}) => {
  // The seed is a subscriber article; the answer a registered article gets from a registration
  // wall is played with page.route, as a tester would.
  expect((await request.put('/api/test/paywall', { data: { model: 'metered' } })).status()).toBe(200);
  await page.route('**/api/articles/*/rest', (route) =>
    route.fulfill({ status: 401, json: { error: 'Create a free account.', reason: 'register' } }),
  );
  await page.goto(articleUrl);
  const create = page.getByRole('link', { name: 'Create a free account' });
  await expect(create).toBeVisible();
  await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  await create.click();
  await expect(page).toHaveURL(`${JOIN_PATH}?next=${encodeURIComponent(articleUrl)}`);
});

test('from the gate’s "Subscribe": the plans page offers a free account, which logs in, subscribes and reads', async ({
  page,
}) => {
  await page.goto(articleUrl);
  await page.getByRole('region', { name: 'To Read The Full Story' }).getByRole('link', { name: 'Subscribe' }).click();
  await page.getByRole('link', { name: 'create a free account' }).click();
  await fillJoinForm(page, 'from.the.gate@example.org');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await logInThroughForm(page, 'from.the.gate@example.org', PASSWORD);
  await page.getByRole('button', { name: 'Start subscription' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
});
