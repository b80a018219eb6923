// The request log of the test's sandbox: what the app asked the API, as a proxy would show it.
import { expect, test } from '@lede/playwright';

test.describe('a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('the request log shows the page fetching the rest of the article, as the subscriber', async ({
    page,
    requestLog,
  }) => {
    await page.goto('/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
    expect(await requestLog.list()).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: '/api/articles/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran/rest',
        status: 200,
        persona: 'subscriber@example.com',
      }),
    );
  });
});

test('a request that met a fault is logged with it', async ({ request, faults, requestLog }) => {
  await faults.set([{ path: '/api/paywall', status: 500, times: 1 }]);
  expect((await request.get('/api/paywall')).status()).toBe(500);
  const [rule] = await faults.list();
  expect(await requestLog.list()).toContainEqual(
    expect.objectContaining({ path: '/api/paywall', status: 500, fault: rule?.id }),
  );
});
