// The examples of docs/testing.md, each one a test. The first test checks that every code
// block of the guide is, word for word, code in e2e/ or in examples/playwright/ (the project that
// uses the installable fixtures) — so the guide cannot drift from what runs; the second holds the
// fixtures package's README to the same. The examples use nothing of Lede's source: with
// e2e/sandbox-fixture.ts beside them, or @lede/playwright installed, they run in any project
// pointed at a Lede server.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOTP } from 'otpauth';
import { expect, joinSandbox, test } from './fixtures.ts';

const root = path.join(import.meta.dirname, '..');
const exampleProject = path.join(root, 'examples', 'playwright');
/** What Playwright and npm write into a project: never the examples' source. */
const WRITTEN_BY_TOOLS = /(^|\/)(node_modules|test-results|playwright-report)\//;

/** The TypeScript of a folder (with its subfolders when `deep`), as one text. */
function typeScriptIn(folder: string, deep = false): string {
  return readdirSync(folder, { recursive: deep })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !WRITTEN_BY_TOOLS.test(file))
    .map((file) => readFileSync(path.join(folder, file), 'utf8'))
    .join('\n');
}

/** Every ```ts block of a Markdown file. */
function examplesIn(markdown: string): string[] {
  return [...readFileSync(markdown, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

test('every example in docs/testing.md is code in e2e/ or examples/playwright/', () => {
  const examples = examplesIn(path.join(root, 'docs', 'testing.md'));
  const code = `${typeScriptIn(import.meta.dirname)}\n${typeScriptIn(exampleProject, true)}`;
  expect(examples.length).toBeGreaterThan(5);
  for (const example of examples) expect(code, example).toContain(example.trim());
});

test('every example in the fixtures package’s README is code in examples/playwright/', () => {
  const examples = examplesIn(path.join(root, 'packages', 'playwright', 'README.md'));
  const code = typeScriptIn(exampleProject, true);
  expect(examples.length).toBeGreaterThan(5);
  for (const example of examples) expect(code, example).toContain(example.trim());
});

test.describe('start as a persona', () => {
  test.use({ persona: 'reader' });

  test('the reader persona sees the gate offer "Subscribe"', async ({ page }) => {
    await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
    await expect(page.getByRole('link', { name: 'Subscribe' })).toBeVisible();
  });
});

test('log in through the API, then read', async ({ page }) => {
  await page.request.post('/api/session', {
    data: { email: 'subscriber@example.com', password: 'read-all-about-it' },
  });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});

test('simulate a server error on login with page.route', async ({ page }) => {
  await page.route('**/api/session', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, json: { error: 'The service is unavailable. Try again.' } })
      : route.continue(),
  );
  await page.goto('/login');
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password').fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
});

test('simulate a network failure on login', async ({ page }) => {
  await page.route('**/api/session', (route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto('/login');
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password').fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach the service');
  await expect(page.getByLabel('Email')).toHaveValue('subscriber@example.com');
});

test('pretend to be logged in without a server session', async ({ page }) => {
  await page.route('**/api/session', (route) =>
    route.fulfill({
      json: {
        reader: { email: 'qa@example.com', name: 'QA', subscription: { status: 'expired', endedOn: '2026-01-15' } },
        expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      },
    }),
  );
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByText('Your subscription ended on January 15, 2026.')).toBeVisible();
});

test('reset the sandbox: sessions, throttles, mock subscriptions, the paywall and the clock', async ({ request }) => {
  const response = await request.post('/api/test/reset');
  expect(await response.json()).toEqual({
    cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
  });
});

test('a second browser in the same sandbox shares its world', async ({ page, browser, sandbox, baseURL }) => {
  const reader = { data: { email: 'reader@example.com', password: 'read-all-about-it' } };
  await page.request.post('/api/session', reader);
  await page.request.post('/api/subscription');

  const otherBrowser = await browser.newContext();
  await joinSandbox(otherBrowser, sandbox, baseURL);
  const other = await otherBrowser.newPage();
  await other.request.post('/api/session', reader);
  await other.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(other.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await otherBrowser.close();
});

test('plus-addressing: reader+a and reader+b are accounts of their own', async ({ request }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await request.post('/api/session', { data: { email: 'reader+a@example.com', password: 'wrong' } });
  }
  const readerA = await request.post('/api/session', {
    data: { email: 'reader+a@example.com', password: 'read-all-about-it' },
  });
  expect(readerA.status()).toBe(429);
  const readerB = await request.post('/api/session', {
    data: { email: 'reader+b@example.com', password: 'read-all-about-it' },
  });
  expect(await readerB.json()).toMatchObject({ reader: { email: 'reader+b@example.com' } });
});

test('move the server clock: the throttle lifts after 15 minutes', async ({ request }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await request.post('/api/session', { data: { email: 'reader@example.com', password: 'wrong' } });
  }
  const logIn = { data: { email: 'reader@example.com', password: 'read-all-about-it' } };
  expect((await request.post('/api/session', logIn)).status()).toBe(429);
  await request.post('/api/test/clock', { data: { advanceBy: 15 * 60_000 } });
  expect((await request.post('/api/session', logIn)).status()).toBe(200);
});

test('drive session expiry with page.clock', async ({ page }) => {
  await page.clock.install();
  await page.request.post('/api/session', {
    data: { email: 'subscriber@example.com', password: 'read-all-about-it' },
  });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await page.clock.fastForward('31:00');
  await expect(page.getByRole('status')).toHaveText('Your session has expired. Log in again to keep reading.');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
});

test('trip the brute-force throttle through the API', async ({ request }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await request.post('/api/session', { data: { email: 'reader@example.com', password: 'wrong' } });
  }
  const response = await request.post('/api/session', {
    data: { email: 'reader@example.com', password: 'read-all-about-it' },
  });
  expect(response.status()).toBe(429);
  expect(response.headers()['retry-after']).toBe('900');
});

test('a meter of two reads: the page says what is left, then shows the used-up gate', async ({ page, request }) => {
  await request.put('/api/test/paywall', {
    data: { model: 'metered', meter: { limit: 2, window: 'calendar-month', counts: 'views' } },
  });
  const article = '/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';
  await page.goto(article);
  await expect(page.getByRole('status').filter({ hasText: 'free reads' })).toHaveText(
    '1 of 2 free reads left this month.',
  );
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await page.reload();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
  await expect(page.getByText('You have read your 2 free reads this month.', { exact: false })).toBeVisible();
});

test('the free model: everyone reads the whole article', async ({ page, request }) => {
  await request.put('/api/test/paywall', { data: { model: 'free' } });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});

test('a subscription that changes: the pastdue persona’s grace period ends with the clock', async ({
  page,
  request,
}) => {
  await page.request.post('/api/session', {
    data: { email: 'pastdue@example.com', password: 'read-all-about-it', remember: true },
  });
  await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  await expect(page.getByRole('complementary', { name: 'Your subscription' })).toContainText(
    'Your last payment failed.',
  );
  await request.post('/api/test/clock', { data: { advanceBy: 3 * 24 * 60 * 60 * 1000 } });
  // No reload: the open page checks its session every 5 seconds while it is seen.
  await expect(page.getByRole('link', { name: 'Renew' })).toBeVisible({ timeout: 10_000 });
});

test('faults on demand: the next login fails once with a 503', async ({ page, request }) => {
  await request.put('/api/test/faults', {
    data: [{ method: 'POST', path: '/api/session', status: 503, times: 1 }],
  });
  await page.goto('/login');
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password', { exact: true }).fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
  await expect(page.getByLabel('Email')).toHaveValue('subscriber@example.com');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('banner')).toContainText('subscriber');
});

test('sign in by the emailed link, and land on the article', async ({ page }) => {
  const email = 'subscriber+guide@example.com';
  const article = '/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';
  await page.request.post('/api/sign-in-links', { data: { email, next: article } });
  const inbox = await page.request.get(`/api/test/inbox?to=${encodeURIComponent(email)}`);
  const { messages } = await inbox.json();
  await page.goto(messages[0].links[0]);
  await expect(page).toHaveURL(article);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
});

test('sign in by the code from the same email', async ({ page }) => {
  const email = 'reader+guide@example.com';
  await page.goto('/account/sign-in-link');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
  const inbox = await page.request.get(`/api/test/inbox?to=${encodeURIComponent(email)}`);
  const { messages } = await inbox.json();
  await page.getByLabel('6-digit code').fill(messages[0].code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/');
});

test('sign in with Example ID and come back to the article', async ({ page }) => {
  const article = '/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';
  await page.goto(`/login?next=${encodeURIComponent(article)}`);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled(); // the app has run
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(article);
  const session = await (await page.request.get('/api/session')).json();
  expect(session.reader.email).toBe('ada@example-id.test');
});

test('an Example ID code that expired on the way back', async ({ page }) => {
  await page.route('**/example-id/authorize', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch({ maxRedirects: 0 }); // Example ID's redirect back to Lede
    await page.request.post('/api/test/clock', { data: { advanceBy: 2 * 60_000 } });
    await route.fulfill({ response });
  });
  await page.goto('/login');
  await page.getByRole('link', { name: 'Continue with Example ID' }).click();
  await page.getByLabel('ada@example-id.test').check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in-problem\?reason=code-expired/);
  await expect(page.getByRole('heading', { name: 'You are not logged in' })).toBeVisible();
});

test('two-factor: log in with a code computed at the server time', async ({ page }) => {
  const totp = new TOTP({ secret: 'LEDETWOFACTORDEMOSECRETFORTESTQA', algorithm: 'SHA1', digits: 6, period: 30 });
  await page.goto('/login');
  await page.getByLabel('Email').fill('mfa@example.com');
  await page.getByLabel('Password').fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  const { now } = (await (await page.request.get('/api/test/clock')).json()) as { now: string };
  await page.getByLabel('Code from your authenticator app').fill(totp.generate({ timestamp: Date.parse(now) }));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Logged in as mfa@example.com')).toBeVisible();
});

test('reset a password with the link from the test inbox', async ({ page }) => {
  await page.request.post('/api/password-resets', { data: { email: 'reader+guide@example.com' } });
  const inbox = await page.request.get('/api/test/inbox?to=reader%2Bguide@example.com');
  const { messages } = (await inbox.json()) as { messages: { links: string[] }[] };
  await page.goto(messages[0]?.links[0] ?? '');
  await page.getByLabel('New password', { exact: true }).fill('my new password');
  await page.getByLabel('Confirm new password').fill('my new password');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
});
