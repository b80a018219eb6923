// The default world: what a request without a sandbox gets, as a newcomer's browser does. These
// tests share it, so they run one at a time in a project of their own (see playwright.config.ts),
// each leaving it reset; the server runs with LEDE_TEST_HOOKS=1, so its reset and clock answer.
import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import {
  expect,
  SUBSCRIBER,
  testOutsideSandboxes as test,
  logInThroughForm,
  logInThroughApi,
  whoIsLoggedIn,
  serverNow,
  requireBaseURL,
} from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { API_PATHS, sandboxPath } from '../src/config/paths.ts';

test.describe.configure({ mode: 'serial' });

const MINUTE = 60_000;
const CLEARED = {
  cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
};

test.afterEach(async ({ request }) => {
  expect(await (await request.post(API_PATHS.testReset)).json()).toEqual(CLEARED);
});

test("the default world's reset ends its sessions", async ({ request }) => {
  await logInThroughApi(request, SUBSCRIBER);
  expect(await (await request.post(API_PATHS.testReset)).json()).toEqual(CLEARED);
  expect(await whoIsLoggedIn(request)).toBeNull();
});

test("a newcomer's browser, in no sandbox, reads, logs in and logs out as before", async ({ page, context }) => {
  expect(await context.cookies()).toEqual([]);
  await page.goto(articleUrl);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
  await page.getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByText(firstGated)).toBeFocused();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText(firstGated)).toHaveCount(0);
  expect((await context.cookies()).map(({ name }) => name)).not.toContain('lede_sandbox');
});

test("a sandbox's throttle, clock and reset leave the default world alone", async ({
  request,
  playwright,
  baseURL,
}) => {
  const logIn = (api: APIRequestContext, password = DEMO_PASSWORD) =>
    api.post(API_PATHS.session, { data: { email: SUBSCRIBER, password } });
  expect((await logIn(request)).status()).toBe(200);
  const { id } = (await (await request.post(API_PATHS.sandboxes)).json()) as { id: string };
  const sandbox = await playwright.request.newContext({
    baseURL: requireBaseURL(baseURL),
    extraHTTPHeaders: { 'Lede-Sandbox': id },
  });

  for (let attempt = 1; attempt <= 5; attempt += 1) await logIn(sandbox, 'wrong');
  expect((await logIn(sandbox)).status()).toBe(429);
  expect((await logIn(request)).status()).toBe(200);

  expect((await sandbox.post(API_PATHS.testClock, { data: { advanceBy: 31 * MINUTE } })).status()).toBe(200);
  expect(Math.abs((await serverNow(request)) - Date.now())).toBeLessThan(MINUTE);
  expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);

  expect(await (await sandbox.post(API_PATHS.testReset)).json()).toEqual(CLEARED);
  expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
  await sandbox.delete(sandboxPath(id));
  await sandbox.dispose();
});

test("the default world's clock ends its sessions too, and a reset puts it back", async ({ request }) => {
  await logInThroughApi(request, SUBSCRIBER);
  expect((await request.post(API_PATHS.testClock, { data: { advanceBy: 31 * MINUTE } })).status()).toBe(200);
  expect(await whoIsLoggedIn(request)).toBeNull();
  await request.post(API_PATHS.testReset);
  expect(Math.abs((await serverNow(request)) - Date.now())).toBeLessThan(MINUTE);
});
