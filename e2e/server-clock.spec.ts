// Time on the server, through the sandbox's own clock (POST /api/test/clock): the throttle lifts
// after 15 minutes, sessions end after their idle and absolute lifetimes, the clock only moves
// forward, and a reset puts it back.
import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, READER, SUBSCRIBER, test, whoIsLoggedIn, serverNow } from './fixtures.ts';
import { articleUrl } from './seed.ts';
import { API_PATHS } from '../src/config/paths.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function advanceClock(request: APIRequestContext, advanceBy: number): Promise<void> {
  const response = await request.post(API_PATHS.testClock, { data: { advanceBy } });
  expect(response.status(), `advancing the clock by ${advanceBy} ms`).toBe(200);
}

function logIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD, remember = false) {
  return request.post(API_PATHS.session, { data: { email, password, remember } });
}

test('the throttle lifts after 15 minutes', async ({ request }) => {
  for (let attempt = 1; attempt <= 5; attempt += 1) await logIn(request, READER, 'wrong');
  expect((await logIn(request, READER)).status()).toBe(429);
  await advanceClock(request, 14 * MINUTE);
  expect((await logIn(request, READER)).status()).toBe(429);
  await advanceClock(request, 1 * MINUTE);
  expect((await logIn(request, READER)).status()).toBe(200);
});

test.describe('a standard session', () => {
  test('ends after 30 idle minutes, and its expiresAt says so in server time', async ({ request }) => {
    const { expiresAt } = (await (await logIn(request, SUBSCRIBER)).json()) as { expiresAt: string };
    expect(Date.parse(expiresAt) - (await serverNow(request))).toBeLessThanOrEqual(30 * MINUTE);
    expect(Date.parse(expiresAt) - (await serverNow(request))).toBeGreaterThan(29 * MINUTE);
    await advanceClock(request, 29 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 29 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 31 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBeNull();
  });

  test('ends after 12 hours however active it is', async ({ request }) => {
    await logIn(request, SUBSCRIBER);
    // Touch it every 20 minutes up to 11:40, then at 11:59; at 12:01 it is over.
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      await advanceClock(request, 20 * MINUTE);
      expect(await whoIsLoggedIn(request), `after ${elapsed} minutes`).toBe(SUBSCRIBER);
    }
    await advanceClock(request, 19 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 2 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBeNull();
  });

  test.describe('in the page', () => {
    test.use({ persona: 'subscriber' });

    test('after 31 minutes on the server clock, the article is gated again', async ({ page }) => {
      await page.goto(articleUrl);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
      await advanceClock(page.request, 31 * MINUTE);
      await page.reload();
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
      await expect(page.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
    });
  });
});

test.describe('a "Keep me logged in" session', () => {
  test('survives 31 idle minutes and ends after 7 idle days', async ({ request }) => {
    expect((await logIn(request, SUBSCRIBER, DEMO_PASSWORD, true)).status()).toBe(200);
    await advanceClock(request, 31 * MINUTE);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 7 * DAY - MINUTE);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 7 * DAY + MINUTE);
    expect(await whoIsLoggedIn(request)).toBeNull();
  });

  test('ends after 30 days however active it is', async ({ request }) => {
    await logIn(request, SUBSCRIBER, DEMO_PASSWORD, true);
    // Touch it every 6 days up to day 24, then at 29 days 23 hours; a day later it is over.
    for (let day = 6; day <= 24; day += 6) {
      await advanceClock(request, 6 * DAY);
      expect(await whoIsLoggedIn(request), `after ${day} days`).toBe(SUBSCRIBER);
    }
    await advanceClock(request, 5 * DAY + 23 * HOUR);
    expect(await whoIsLoggedIn(request)).toBe(SUBSCRIBER);
    await advanceClock(request, 2 * HOUR);
    expect(await whoIsLoggedIn(request)).toBeNull();
  });
});

test.describe('the clock', () => {
  test('moves forward by advanceBy or to a later now, and refuses to go back', async ({ request }) => {
    const start = await serverNow(request);
    await advanceClock(request, HOUR);
    expect(await serverNow(request)).toBeGreaterThanOrEqual(start + HOUR);

    const later = new Date(start + DAY).toISOString();
    const set = await request.post(API_PATHS.testClock, { data: { now: later } });
    expect(await set.json()).toEqual({ now: later });

    const back = await request.post(API_PATHS.testClock, { data: { now: new Date(start).toISOString() } });
    expect(back.status()).toBe(400);
    expect((await request.post(API_PATHS.testClock, { data: { advanceBy: -MINUTE } })).status()).toBe(400);
    expect(await serverNow(request)).toBeGreaterThanOrEqual(start + DAY);
  });

  test('a reset puts it back to the real time', async ({ request }) => {
    await advanceClock(request, 3 * DAY);
    expect(await serverNow(request)).toBeGreaterThan(Date.now() + 2 * DAY);
    const reset = await request.post(API_PATHS.testReset);
    expect(await reset.json()).toEqual({
      cleared: ['sessions', 'throttles', 'subscriptions', 'accounts', 'gifts', 'paywall', 'inbox', 'tokens', 'clock'],
    });
    expect(Math.abs((await serverNow(request)) - Date.now())).toBeLessThan(MINUTE);
  });
});
