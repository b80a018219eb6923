// Sandboxes keep tests apart: two readers side by side, each in a sandbox of their own, do not see
// each other's throttles, subscriptions, resets or clocks; a request naming a sandbox that does
// not exist is refused, and says why.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import {
  expect,
  joinSandbox,
  logInThroughApi,
  READER,
  SUBSCRIBER,
  test as sandboxed,
  watchForProblems,
  returningTo,
  logInThroughForm,
  requireBaseURL,
} from './fixtures.ts';
import { article, articleUrl, firstGated, findGatedText, gatedTextUrl } from './seed.ts';
import { API_PATHS, LOGIN_PATH, SUBSCRIBE_PATH, sandboxPath } from '../src/config/paths.ts';

const test = sandboxed.extend<{ neighbour: Page }>({
  /** A page in another sandbox than the test's own, made for the test and deleted after it. */
  neighbour: async ({ browser, baseURL }, use) => {
    const context = await browser.newContext();
    const created = await context.request.post(API_PATHS.sandboxes);
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await joinSandbox(context, id, baseURL);
    const problems = await watchForProblems(context);
    await use(await context.newPage());
    expect(problems, 'CSP violations, uncaught errors or console errors').toEqual([]);
    await context.request.delete(sandboxPath(id));
    await context.close();
  },
});

test.describe('two sandboxes side by side', () => {
  test('a throttle in one leaves the same email open in the other', async ({ request, neighbour }) => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await request.post(API_PATHS.session, { data: { email: READER, password: 'wrong' } });
    }
    const refused = await request.post(API_PATHS.session, { data: { email: READER, password: DEMO_PASSWORD } });
    expect(refused.status()).toBe(429);

    await neighbour.goto(LOGIN_PATH);
    await logInThroughForm(neighbour, READER);
    await expect(neighbour.getByText(`Logged in as ${READER}`)).toBeVisible();
  });

  test.describe('as the reader persona', () => {
    test.use({ persona: 'reader' });

    test('a subscription bought in one leaves the reader in the other without one', async ({ page, neighbour }) => {
      await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
      await page.getByRole('button', { name: 'Start subscription' }).click();
      await expect(page.getByText(firstGated)).toBeVisible();

      await logInThroughApi(neighbour.request, READER);
      await neighbour.goto(articleUrl);
      await expect(neighbour.getByRole('link', { name: 'Subscribe' })).toBeVisible();
      await expect(neighbour.getByRole('article')).toHaveAttribute('data-access', 'locked');
    });
  });

  test.describe('as a subscriber', () => {
    test.use({ persona: 'subscriber' });

    test('a reset in one leaves the other logged in', async ({ page, neighbour }) => {
      await logInThroughApi(neighbour.request, SUBSCRIBER);
      const reset = await page.request.post(API_PATHS.testReset);
      expect(await reset.json()).toEqual({
        cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
      });

      await page.goto(articleUrl);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
      await neighbour.goto(articleUrl);
      await expect(neighbour.getByText(firstGated)).toBeVisible();
    });

    test("31 minutes on one's clock end its session, not the other's", async ({ page, neighbour }) => {
      await logInThroughApi(neighbour.request, SUBSCRIBER);
      const moved = await page.request.post(API_PATHS.testClock, { data: { advanceBy: 31 * 60_000 } });
      expect(moved.status()).toBe(200);

      await page.goto(articleUrl);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
      expect(await (await page.request.get(API_PATHS.session)).json()).toEqual({ reader: null });
      await neighbour.goto(articleUrl);
      await expect(neighbour.getByText(firstGated)).toBeVisible();
    });
  });
});

test.describe('a sandbox that does not exist', () => {
  test('an unknown id is refused with 404 and the reason, by header or by cookie', async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: requireBaseURL(baseURL) });
    for (const [name, value] of [
      ['Lede-Sandbox', randomUUID()],
      ['Cookie', `lede_sandbox=${randomUUID()}`],
    ] as const) {
      const response = await api.get(API_PATHS.session, { headers: { [name]: value } });
      expect(response.status(), name).toBe(404);
      expect(await response.json(), name).toMatchObject({ error: expect.any(String), reason: 'unknown-sandbox' });
    }
    await api.dispose();
  });

  test('a malformed id is refused with 400 and the reason', async ({ request }) => {
    const response = await request.get(API_PATHS.session, { headers: { 'Lede-Sandbox': 'not a sandbox' } });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.any(String), reason: 'bad-sandbox' });
  });

  test('the header wins over the cookie', async ({ page }) => {
    // The page's context carries this test's sandbox cookie; the header names another sandbox.
    const response = await page.request.get(API_PATHS.session, { headers: { 'Lede-Sandbox': randomUUID() } });
    expect(response.status()).toBe(404);
    expect((await page.request.get(API_PATHS.session)).status()).toBe(200);
  });

  test('a deleted sandbox is gone, and so is everything in it', async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL: requireBaseURL(baseURL) });
    const created = await api.post(API_PATHS.sandboxes);
    const { id } = (await created.json()) as { id: string };
    const renewed = await api.get(sandboxPath(id));
    expect(await renewed.json()).toMatchObject({ id, expiresAt: expect.any(String) });

    const inside = { headers: { 'Lede-Sandbox': id } };
    expect(
      (await api.post(API_PATHS.session, { ...inside, data: { email: SUBSCRIBER, password: DEMO_PASSWORD } })).status(),
    ).toBe(200);
    expect(await (await api.delete(sandboxPath(id))).json()).toEqual({ deleted: id });

    expect((await api.get(sandboxPath(id))).status()).toBe(404);
    const afterwards = await api.get(gatedTextUrl, inside);
    expect(afterwards.status()).toBe(404);
    expect(findGatedText(await afterwards.text())).toBeUndefined();
    await api.dispose();
  });

  for (const [kind, id] of [
    ['an unknown', randomUUID()],
    ['a malformed', 'not-a-sandbox'],
  ] as const) {
    test(`a page in ${kind} sandbox shows no gated text and says the sandbox has ended`, async ({
      page,
      context,
      baseURL,
    }) => {
      await joinSandbox(context, id, baseURL);
      await page.goto(articleUrl);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.headline);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unknown');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(
        'This browser is in a test sandbox that has ended (a sandbox ends after an hour unused). Leave it to read as everyone does, or start a new sandbox.',
      );
      await expect(alert.getByRole('button', { name: 'Leave the sandbox' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(page.getByText(firstGated)).toHaveCount(0);
    });
  }

  test('"Leave the sandbox" takes the browser to the default world, on purpose, with focus on the gate', async ({
    page,
    context,
    baseURL,
  }) => {
    await context.clearCookies();
    await joinSandbox(context, randomUUID(), baseURL);
    await page.goto(articleUrl);
    await page.getByRole('button', { name: 'Leave the sandbox' }).click();
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
    await expect(page.getByRole('heading', { name: article.gate.heading })).toBeFocused();
    await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('lede_sandbox');
  });

  test('logging in from a sandbox that has ended says so, keeps what was typed, and offers the way out', async ({
    page,
    context,
    baseURL,
  }) => {
    await context.clearCookies();
    await joinSandbox(context, randomUUID(), baseURL);
    await page.goto(LOGIN_PATH);
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page.getByRole('alert')).toContainText('This browser is in a test sandbox that has ended');
    await expect(page.getByLabel('Email')).toHaveValue(SUBSCRIBER);
    await page.getByRole('button', { name: 'Leave the sandbox' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
