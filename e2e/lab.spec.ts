// The test lab (/lab) as a tester uses it by hand: the browser joins a sandbox made there and every
// page is then in it; a fault set in the form meets the app and shows in the live request log; the
// clock moves; the paywall model changes what an article shows; the world resets; the inbox is a
// click away. Where the test hooks are off (a production server's own world) it says so plainly.
// A test that makes a sandbox from the lab deletes it afterwards.
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { expect, logInThroughForm, SUBSCRIBER, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { API_PATHS, HOME_PATH, INBOX_PATH, LAB_PATH, LOGIN_PATH, sandboxPath } from '../src/config/paths.ts';
import { SANDBOX_API, TESTER_API } from '../src/config/tester-paths.ts';
import { LOG_POLL_MS } from '../src/screens/lab/use-request-log.ts';

const MINUTE = 60_000;

const panel = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The sandbox the browser's cookie names now. */
async function cookieSandbox(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === 'lede_sandbox')?.value;
}

/** Opens the lab and waits until it has read its world (the paywall panel shows the model). */
async function openLab(page: Page): Promise<void> {
  await page.goto(LAB_PATH);
  await expect(panel(page, 'Paywall model').getByText('Now: Hard paywall')).toBeVisible();
}

async function deleteSandbox(request: APIRequestContext, id: string | undefined): Promise<void> {
  if (id !== undefined) await request.delete(sandboxPath(id));
}

test('the footer leads to the lab, which says which sandbox this browser is in', async ({ page, sandbox }) => {
  await page.goto(HOME_PATH);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Test lab' }).click();
  await expect(page).toHaveURL(LAB_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test lab');
  await expect(panel(page, 'Sandbox')).toContainText(`This browser is in sandbox ${sandbox}.`);
});

test('a sandbox created in the lab is joined: the pages read from it, and leaving returns to the site’s world', async ({
  page,
  context,
  request,
  sandbox,
}) => {
  let created: string | undefined;
  try {
    await openLab(page);
    await panel(page, 'Sandbox').getByRole('button', { name: 'Create a new sandbox' }).click();
    await expect(panel(page, 'Sandbox').getByRole('status')).toContainText('this browser is in it now');
    created = await cookieSandbox(context);
    expect(created).toBeDefined();
    expect(created).not.toBe(sandbox);
    await expect(panel(page, 'Sandbox').getByText(`This browser is in sandbox ${created}.`)).toBeFocused();

    // Only the new sandbox is free to read: the article page reads from it.
    const free = await request.put(API_PATHS.testPaywall, {
      data: { model: 'free' },
      headers: { 'Lede-Sandbox': created ?? '' },
    });
    expect(free.status()).toBe(200);
    await page.goto(articleUrl);
    await expect(page.getByText(firstGated)).toBeVisible();

    await page.goto(LAB_PATH);
    await panel(page, 'Sandbox').getByRole('button', { name: 'Leave the sandbox' }).click();
    await expect(panel(page, 'Sandbox').getByText('This browser is in the site’s own world')).toBeFocused();
    expect(await cookieSandbox(context)).toBeUndefined();
  } finally {
    await deleteSandbox(request, created);
  }
});

test('joining another’s sandbox by its id, with the keyboard; a wrong id is refused in words and kept', async ({
  page,
  context,
  playwright,
  baseURL,
  request,
}) => {
  const api = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  const { id } = (await (await api.post(API_PATHS.sandboxes)).json()) as { id: string };
  try {
    await openLab(page);
    const field = page.getByLabel('Sandbox id');
    await field.focus();
    await page.keyboard.type('not-a-sandbox');
    await page.keyboard.press('Enter');
    await expect(page.getByText('That is not a sandbox id.')).toBeVisible();
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('not-a-sandbox');

    await field.fill(id);
    await page.keyboard.press('Enter');
    await expect(panel(page, 'Sandbox').getByText(`This browser is in sandbox ${id}.`)).toBeFocused();
    expect(await cookieSandbox(context)).toBe(id);
    // The server set it, HttpOnly: no script of the page can read the id off.
    expect((await context.cookies()).find((cookie) => cookie.name === 'lede_sandbox')?.httpOnly).toBe(true);
    expect(await (await api.get(SANDBOX_API.current, { headers: { 'Lede-Sandbox': id } })).json()).toMatchObject({
      sandbox: { id },
    });
  } finally {
    await deleteSandbox(request, id);
    await api.dispose();
  }
});

test('a fault set in the form fails the next login in the app, and the live request log shows it with its rule', async ({
  page,
  context,
  request,
}) => {
  await openLab(page);
  const faults = panel(page, 'Faults');
  await faults.getByLabel('Method').selectOption('POST');
  await faults.getByLabel('Path').fill(API_PATHS.session);
  await faults.getByLabel('Status').fill('503');
  await faults.getByLabel('Times').fill('1');
  await faults.getByRole('button', { name: 'Add the fault' }).click();
  await expect(faults.getByRole('status')).toHaveText('Added: POST /api/session: answers 503, once.');
  const [rule] = ((await (await request.get(TESTER_API.testFaults)).json()) as { faults: { id: string }[] }).faults;
  expect(rule).toBeDefined();

  // The app, in another tab of this browser, meets the fault.
  const app = await context.newPage();
  await app.goto(LOGIN_PATH);
  await logInThroughForm(app, SUBSCRIBER);
  await expect(app.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
  await app.close();

  // The lab, left open, shows it without a reload.
  await page.bringToFront();
  const log = page.getByRole('region', { name: 'Requests in this world' });
  const failed = log.getByRole('row').filter({ hasText: 'POST' }).filter({ hasText: API_PATHS.session });
  await expect(failed).toContainText('503');
  await expect(failed.getByRole('cell').last()).toHaveText(rule?.id ?? '');
  await expect(faults.getByText('POST /api/session: answers 503, once. Fired once.')).toBeVisible();

  // Another rule added, then removed: the first keeps its count.
  await faults.getByLabel('Method').selectOption('GET');
  await faults.getByLabel('Path').fill(API_PATHS.meter);
  await faults.getByLabel('Times').fill('');
  await faults.getByRole('button', { name: 'Add the fault' }).click();
  await expect(faults.getByRole('status')).toHaveText(`Added: GET ${API_PATHS.meter}: answers 503.`);
  await expect(faults.getByText('POST /api/session: answers 503, once. Fired once.')).toBeVisible();
  await faults.getByRole('button', { name: `Remove: GET ${API_PATHS.meter}: answers 503` }).click();
  await expect(faults.getByRole('heading', { name: 'Rules in this world' })).toBeFocused();
  await expect(faults.getByText('POST /api/session: answers 503, once. Fired once.')).toBeVisible();

  await faults.getByRole('button', { name: 'Remove: POST /api/session: answers 503, once' }).click();
  await expect(faults.getByRole('heading', { name: 'Rules in this world' })).toBeFocused();
  await expect(faults.getByText('No fault rules')).toBeVisible();
});

test('bad fault input: each field says what is wrong, focus on the first, what was typed kept', async ({ page }) => {
  await openLab(page);
  const faults = panel(page, 'Faults');
  await faults.getByLabel('Kind').selectOption('delay');
  await faults.getByLabel('Times').fill('0');
  await faults.getByRole('button', { name: 'Add the fault' }).click();
  await expect(faults.getByLabel('Path')).toBeFocused();
  await expect(faults.getByLabel('Path')).toHaveAttribute('aria-invalid', 'true');
  await expect(faults.getByText('A delay fault needs a delay')).toBeVisible();
  await expect(faults.getByText('Enter how many times it fires, from 1 to 1000')).toBeVisible();
  await expect(faults.getByLabel('Times')).toHaveValue('0');
});

test.describe('moving the clock', () => {
  test.use({ persona: 'subscriber', timezoneId: 'UTC' });

  test('31 minutes on, the idle session has ended; set to a date, the server says that date; never backwards', async ({
    page,
    request,
  }) => {
    await openLab(page);
    await expect(page.getByText(`Logged in as ${SUBSCRIBER}`)).toBeVisible();
    const clock = panel(page, 'Server clock');
    const before = Date.parse(((await (await request.get(API_PATHS.testClock)).json()) as { now: string }).now);
    await clock.getByLabel('Advance by').fill('31');
    await clock.getByRole('button', { name: 'Move forward' }).click();
    await expect(clock.getByRole('status')).toContainText('Moved.');
    const after = Date.parse(((await (await request.get(API_PATHS.testClock)).json()) as { now: string }).now);
    expect(after - before).toBeGreaterThanOrEqual(31 * MINUTE);
    // The session went idle by the server's clock: the masthead says so.
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();

    await clock.getByLabel('Set to').fill('2099-01-31T09:00');
    await clock.getByRole('button', { name: 'Set the clock' }).click();
    await expect(clock.getByRole('status')).toContainText('Moved.');
    // Set, it runs on from there.
    const set = Date.parse(((await (await request.get(API_PATHS.testClock)).json()) as { now: string }).now);
    expect(set - Date.parse('2099-01-31T09:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(set - Date.parse('2099-01-31T09:00:00Z')).toBeLessThan(MINUTE);

    await clock.getByLabel('Set to').fill('2099-01-01T09:00');
    await clock.getByRole('button', { name: 'Set the clock' }).click();
    await expect(clock.getByText('The server clock only moves forward')).toBeVisible();
    await expect(clock.getByLabel('Set to')).toBeFocused();
    await expect(clock.getByLabel('Set to')).toHaveValue('2099-01-01T09:00');
  });
});

test('switching the paywall model changes what the article shows', async ({ page }) => {
  await openLab(page);
  const paywall = panel(page, 'Paywall model');
  await paywall.getByLabel('Free: everyone reads everything').check();
  await paywall.getByRole('button', { name: 'Set the model' }).click();
  await expect(paywall.getByRole('status')).toHaveText('Set. Free: everyone reads everything.');
  await page.goto(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();

  await page.goto(LAB_PATH);
  await paywall.getByLabel('Metered: a few articles free, then the gate').check();
  await paywall.getByLabel('Free articles or reads').fill('0');
  await paywall.getByRole('button', { name: 'Set the model' }).click();
  await expect(paywall.getByLabel('Free articles or reads')).toBeFocused();
  await expect(paywall.getByText('Enter how many, a whole number from 1 to 100.')).toBeVisible();
  await paywall.getByLabel('Hard paywall: only a subscription opens gated text').check();
  await paywall.getByRole('button', { name: 'Set the model' }).click();
  await expect(paywall.getByRole('status')).toHaveText('Set. Hard paywall: only a subscription opens gated text.');
  await page.goto(articleUrl);
  await expect(page.getByRole('region', { name: article.gate.heading })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('a network failure on the lab’s own call says so in Lede’s words, keeps the choice, and Try again sets it', async ({
  page,
  request,
}) => {
  await openLab(page);
  await page.route(`**${API_PATHS.testPaywall}`, (route) =>
    route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback(),
  );
  const paywall = panel(page, 'Paywall model');
  await paywall.getByLabel('Free: everyone reads everything').check();
  await paywall.getByRole('button', { name: 'Set the model' }).click();
  await expect(paywall.getByRole('alert')).toContainText(
    'Could not reach the service. Check your connection and try again.',
  );
  await expect(paywall.getByLabel('Free: everyone reads everything')).toBeChecked();
  await page.unroute(`**${API_PATHS.testPaywall}`);
  await paywall.getByRole('button', { name: 'Try again' }).click();
  await expect(paywall.getByRole('status')).toHaveText('Set. Free: everyone reads everything.');
  expect(await (await request.get(API_PATHS.testPaywall)).json()).toEqual({ model: 'free' });
});

test.describe('reset', () => {
  test.use({ persona: 'subscriber' });

  test('puts the world back: the session ends, the model is hard again; the request log and faults stay', async ({
    page,
    request,
  }) => {
    await request.put(API_PATHS.testPaywall, { data: { model: 'free' } });
    await request.put(TESTER_API.testFaults, { data: [{ path: '/api/nothing', status: 500 }] });
    await page.goto(LAB_PATH);
    await expect(panel(page, 'Paywall model').getByText('Now: Free')).toBeVisible();
    const reset = panel(page, 'Reset');
    await reset.getByRole('button', { name: 'Reset this world' }).click();
    await expect(reset.getByRole('status')).toContainText('Reset. Put back: sessions,');
    await expect(reset.getByRole('button', { name: 'Reset this world' })).toBeFocused();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    await expect(panel(page, 'Paywall model').getByText('Now: Hard paywall')).toBeVisible();
    expect(await (await request.get(API_PATHS.testPaywall)).json()).toEqual({ model: 'hard' });
    await expect(panel(page, 'Faults').getByText('Any method /api/nothing: answers 500')).toBeVisible();
  });

  test('keeping sessions keeps the reader logged in', async ({ page }) => {
    await openLab(page);
    const reset = panel(page, 'Reset');
    await reset.getByLabel('Keep sessions (and the clock they live by)').check();
    await reset.getByRole('button', { name: 'Reset this world' }).click();
    await expect(reset.getByRole('status')).toContainText('Reset.');
    await expect(reset.getByRole('status')).not.toContainText('sessions');
    await page.reload();
    await expect(page.getByText(`Logged in as ${SUBSCRIBER}`)).toBeVisible();
  });
});

test('the inbox is a click away', async ({ page }) => {
  await openLab(page);
  await panel(page, 'Test inbox').getByRole('link', { name: 'test inbox' }).click();
  await expect(page).toHaveURL(INBOX_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test inbox');
});

test('the request log pauses and resumes; paused, it reads only when asked', async ({ page, request }) => {
  // The page's timers under the test's hand: "nothing while paused" is checked without waiting.
  await page.clock.install();
  await openLab(page);
  const logPanel = panel(page, 'Request log');
  const rows = (path: string) =>
    page.getByRole('region', { name: 'Requests in this world' }).getByRole('row', { name: new RegExp(path) });
  await logPanel.getByRole('button', { name: 'Pause updates' }).click();
  await request.get(API_PATHS.meter);
  await page.clock.runFor(10 * LOG_POLL_MS);
  await expect(rows(API_PATHS.meter)).toHaveCount(0);
  await logPanel.getByRole('button', { name: 'Read now' }).click();
  await expect(rows(API_PATHS.meter)).toHaveCount(1);

  await logPanel.getByRole('button', { name: 'Resume updates' }).click();
  await request.get(API_PATHS.paywall);
  await expect(async () => {
    await page.clock.runFor(LOG_POLL_MS);
    await expect(rows(API_PATHS.paywall)).toHaveCount(1, { timeout: 500 });
  }).toPass();
});

test('where the test hooks are off, the lab says so plainly and offers a sandbox, which has them', async ({
  page,
  context,
  request,
}) => {
  // What a plain production server answers in its own world (the suite's server has the hooks on,
  // and this browser is in a sandbox): no sandbox named, no hooks.
  await page.route(`**${SANDBOX_API.current}`, (route) =>
    route.fulfill({ status: 200, json: { sandbox: null, testHooks: false } }),
  );
  let created: string | undefined;
  try {
    await page.goto(LAB_PATH);
    await expect(page.getByText('this server keeps its test hooks off there')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Faults' })).toHaveCount(0);
    await expect(page.getByText(/No such endpoint|\/api\/test/)).toHaveCount(0);
    await page.unroute(`**${SANDBOX_API.current}`);
    await page.getByRole('button', { name: 'Create a sandbox' }).click();
    await expect(panel(page, 'Sandbox').getByRole('status')).toContainText('this browser is in it now');
    created = await cookieSandbox(context);
    await expect(page.getByRole('heading', { name: 'Faults' })).toBeVisible();
    await expect(page.getByText('this server keeps its test hooks off there')).toHaveCount(0);
  } finally {
    await deleteSandbox(request, created);
  }
});
