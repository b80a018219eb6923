// Plus-addressing: `reader+anything@example.com` logs in as the reader persona with an account of
// its own (subscription, throttle, the flaky persona's first failure), so tests can share one
// world without sharing an account. (Throttles: the guide's example, e2e/guide.spec.ts.)
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, joinSandbox, logInThroughApi, test, watchForProblems, returningTo } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { API_PATHS, SUBSCRIBE_PATH } from '../src/config/paths.ts';

const READER_A = 'reader+a@example.com';
const READER_B = 'reader+b@example.com';

test('reader+a subscribing leaves reader+b without a subscription; the header shows the address used', async ({
  page,
  browser,
  sandbox,
  baseURL,
}) => {
  await logInThroughApi(page.request, READER_A);
  await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
  await page.getByRole('button', { name: 'Start subscription' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(page.getByText(`Logged in as ${READER_A}`)).toBeVisible();

  // Another browser in the same sandbox, as reader+b.
  const other = await browser.newContext();
  await joinSandbox(other, sandbox, baseURL);
  const problems = await watchForProblems(other);
  const otherPage = await other.newPage();
  await logInThroughApi(otherPage.request, READER_B);
  await otherPage.goto(articleUrl);
  await expect(otherPage.getByText(`Logged in as ${READER_B}`)).toBeVisible();
  await expect(otherPage.getByRole('link', { name: 'Subscribe' })).toBeVisible();
  await expect(otherPage.getByText(firstGated)).toHaveCount(0);
  await other.close();
  expect(problems).toEqual([]);
});

test("the flaky persona's first failure is each address's own", async ({ request }) => {
  for (const email of ['flaky+a@example.com', 'flaky+b@example.com']) {
    const first = await request.post(API_PATHS.session, { data: { email, password: DEMO_PASSWORD } });
    expect(first.status(), email).toBe(503);
    const second = await request.post(API_PATHS.session, { data: { email, password: DEMO_PASSWORD } });
    expect(second.status(), email).toBe(200);
  }
});
