// Faults on demand, met by the app as a reader should meet them: Lede's words, what was typed kept,
// a way to retry, no blank screen and nothing half-unlocked. Each test sets its own sandbox's rules
// (PUT /api/test/faults) or gives one request its own `Lede-Fault` header.
import type { APIRequestContext } from '@playwright/test';
import { expect, logInThroughForm, SUBSCRIBER, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { ANSWER_TIMEOUT_MS } from '../src/client-state/api-client.ts';
import { LOGIN_PATH } from '../src/config/paths.ts';

const REST = '/api/articles/*/rest';
const UNREACHABLE = 'Could not reach the service to load the rest of the article.';

async function setFaults(request: APIRequestContext, rules: object[]): Promise<void> {
  const response = await request.put('/api/test/faults', { data: rules });
  expect(response.status(), `PUT /api/test/faults ${JSON.stringify(rules)}`).toBe(200);
}

test.describe('a subscriber reading', () => {
  test.use({ persona: 'subscriber' });

  // The browser reports a failed load in the console; a status fault is an answer, and says nothing.
  test.use({ problemsAllowed: [/Failed to load resource/] });

  for (const [kind, rule, words] of [
    ['status 500', { path: REST, status: 500 }, UNREACHABLE],
    // Chromium retries a GET once, unseen, when a reused connection drops: the rule stays until the
    // page has failed, so the retry meets it too.
    ['reset', { path: REST, kind: 'reset' }, UNREACHABLE],
    ['malformed', { path: REST, kind: 'malformed' }, 'The rest of this article could not be loaded.'],
  ] as const) {
    test(`${kind}: the page says so in its own words, shows no text, and "Try again" reads it`, async ({
      page,
      request,
    }) => {
      await setFaults(request, [rule]);
      await page.goto(articleUrl);
      await expect(page.getByRole('alert')).toHaveText(words);
      await expect(page.getByText(firstGated)).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect((await request.delete('/api/test/faults')).status()).toBe(200);
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByText(firstGated)).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }

  test('delay: the page says the text is coming while it waits, then shows it', async ({ page, request }) => {
    await setFaults(request, [{ path: REST, delayMs: 1500 }]);
    await page.goto(articleUrl);
    await expect(page.getByRole('status').filter({ hasText: 'Loading the full story…' })).toBeVisible();
    await expect(page.getByText(firstGated)).toBeVisible();
  });

  test(`timeout: the page gives up after ${ANSWER_TIMEOUT_MS / 1000} s and offers to try again`, async ({
    page,
    request,
  }) => {
    await page.clock.install();
    await setFaults(request, [{ path: REST, kind: 'timeout', times: 1 }]);
    await page.goto(articleUrl);
    await expect(page.getByRole('status').filter({ hasText: 'Loading the full story…' })).toBeVisible();
    await page.clock.fastForward(ANSWER_TIMEOUT_MS + 1000);
    await expect(page.getByRole('alert')).toHaveText(UNREACHABLE);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText(firstGated)).toBeVisible();
  });
});

test('a failed login keeps what was typed, says so, and the retry logs in', async ({ page, request }) => {
  await setFaults(request, [{ method: 'POST', path: '/api/session', status: 503, times: 1 }]);
  await page.goto(`${LOGIN_PATH}?next=${encodeURIComponent(articleUrl)}`);
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
  await expect(page.getByLabel('Email')).toHaveValue(SUBSCRIBER);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
});

test.describe(() => {
  test.use({ problemsAllowed: [/Failed to load resource/] });
  test('one request’s own fault: the Lede-Fault header, added with page.route', async ({ page }) => {
    await page.route('**/api/session', (route) =>
      route.request().method() === 'POST'
        ? route.continue({ headers: { ...route.request().headers(), 'lede-fault': 'kind=reset' } })
        : route.continue(),
    );
    await page.goto(LOGIN_PATH);
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page.getByRole('alert')).toContainText('Could not reach the service');
    await expect(page.getByLabel('Email')).toHaveValue(SUBSCRIBER);
  });
});

test('GET /api/test/faults counts each rule’s firings, and the request log names the fault', async ({ request }) => {
  await setFaults(request, [{ path: '/api/paywall', status: 503, times: 2 }]);
  for (const expected of [503, 503, 200]) expect((await request.get('/api/paywall')).status()).toBe(expected);
  const { faults } = (await (await request.get('/api/test/faults')).json()) as {
    faults: { id: string; fired: number }[];
  };
  expect(faults).toEqual([expect.objectContaining({ path: '/api/paywall', status: 503, times: 2, fired: 2 })]);
  const { requests } = (await (await request.get('/api/test/requests')).json()) as {
    requests: { path: string; status: number; fault?: string }[];
  };
  expect(requests.filter((entry) => entry.path === '/api/paywall').map((entry) => [entry.status, entry.fault])).toEqual(
    [
      [200, undefined],
      [503, faults[0]?.id],
      [503, faults[0]?.id],
    ],
  );
});
