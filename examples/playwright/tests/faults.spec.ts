// Faults on demand in the test's sandbox: the API fails or waits, server-side, as the test says.
import { expect, faultHeader, test } from '@lede/playwright';

test('a fault makes the login fail once; the page says so, and the retry logs in', async ({ page, faults }) => {
  await faults.set([{ method: 'POST', path: '/api/session', status: 503, times: 1 }]);
  await page.goto('/login');
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password', { exact: true }).fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
  await expect(page.getByLabel('Email')).toHaveValue('subscriber@example.com');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('banner')).toContainText('subscriber@example.com');
  expect(await faults.list()).toEqual([expect.objectContaining({ path: '/api/session', status: 503, fired: 1 })]);
});

test('one request’s own fault: the Lede-Fault header', async ({ request }) => {
  const faulted = await request.get('/api/paywall', { headers: faultHeader({ status: 503 }) });
  expect(faulted.status()).toBe(503);
  expect((await request.get('/api/paywall')).status()).toBe(200);
});

test('the Lede-Fault header on the page’s login, added with page.route', async ({ page }) => {
  await page.route('**/api/session', (route) =>
    route.request().method() === 'POST'
      ? route.continue({ headers: { ...route.request().headers(), ...faultHeader({ kind: 'reset' }) } })
      : route.continue(),
  );
  await page.goto('/login');
  await page.getByLabel('Email').fill('subscriber@example.com');
  await page.getByLabel('Password', { exact: true }).fill('read-all-about-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach the service');
  await expect(page.getByLabel('Email')).toHaveValue('subscriber@example.com');
});

test('a rule added and one removed: the others keep their counts', async ({ request, faults }) => {
  await faults.set([{ path: '/api/paywall', status: 500 }]);
  expect((await request.get('/api/paywall')).status()).toBe(500);
  const [paywallRule, meterRule] = await faults.add({ path: '/api/meter', kind: 'malformed' });
  expect(paywallRule).toMatchObject({ path: '/api/paywall', fired: 1 });
  expect(await faults.remove(meterRule?.id ?? '')).toEqual([
    expect.objectContaining({ path: '/api/paywall', fired: 1 }),
  ]);
  expect((await request.get('/api/meter')).status()).toBe(200);
});
