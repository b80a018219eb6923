// Two production servers sharing one Redis behave as one server: whichever instance a request
// reaches, the sessions, throttles and sandboxes are the same. Each worker starts its own Redis
// (Debian's redis-server, on a free port) and two instances of the built server, and stops them
// after; every test still runs in its own sandbox, created through instance A.
import { startBuiltServer, type BuiltServer } from '../src/host/built-site.testing.ts';
import { startRedisServer, type TestRedisServer } from '../src/server/store/redis-server.testing.ts';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, SUBSCRIBER, test as sandboxed, logInThroughForm } from './fixtures.ts';
import { article, articleUrl, firstGated, gatedTextUrl } from './seed.ts';
import { LOGIN_PATH, API_PATHS } from '../src/config/paths.ts';

interface Instances {
  redis: TestRedisServer;
  a: BuiltServer;
  b: BuiltServer;
}

const test = sandboxed.extend<object, { instances: Instances }>({
  instances: [
    // eslint-disable-next-line no-empty-pattern -- a worker fixture that needs no other fixture
    async ({}, use) => {
      // Persisted, as a production Redis is: a restart brings the sessions back.
      const redis = await startRedisServer({ persist: true });
      const env = { LEDE_REDIS_URL: redis.url, LEDE_TEST_HOOKS: '1', LEDE_LOG: 'silent' };
      const [a, b] = await Promise.all([startBuiltServer(env), startBuiltServer(env)]);
      await use({ redis, a, b });
      for (const instance of [a, b]) instance.process.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      await redis.stop();
    },
    { scope: 'worker' },
  ],
});

// The sandbox fixture makes each test's sandbox through baseURL: instance A.
test.use({ baseURL: async ({ instances }, use) => use(instances.a.origin) });

test('logged in through A, a reader reads the gated text through B; logged out through B, A refuses at once', async ({
  page,
  instances: { a, b },
}) => {
  await page.goto(`${a.origin}${LOGIN_PATH}`);
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Cookies belong to the host, not the port: the browser sends the same session to B.
  await page.goto(`${b.origin}${articleUrl}`);
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();

  await page.goto(`${a.origin}${articleUrl}`);
  await expect(page.getByRole('heading', { name: article.gate.heading })).toBeVisible();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('the session cookie made by A opens the gated text at B through the API', async ({
  playwright,
  sandbox,
  instances: { a, b },
}) => {
  const atA = await playwright.request.newContext({ extraHTTPHeaders: { 'Lede-Sandbox': sandbox } });
  expect(
    (
      await atA.post(`${a.origin}${API_PATHS.session}`, { data: { email: SUBSCRIBER, password: DEMO_PASSWORD } })
    ).status(),
  ).toBe(200);
  const rest = await atA.get(`${b.origin}${gatedTextUrl}`);
  expect(rest.status()).toBe(200);
  expect(((await rest.json()) as { paragraphs: string[] }).paragraphs[0]).toBe(firstGated);
  expect((await atA.delete(`${b.origin}${API_PATHS.session}`)).status()).toBe(200);
  expect((await atA.get(`${a.origin}${gatedTextUrl}`)).status()).toBe(401);
  await atA.dispose();
});

test('five failed logins spread over A and B refuse the email at both', async ({ request, instances: { a, b } }) => {
  const wrong = { data: { email: 'reader@example.com', password: 'not-it' } };
  for (const origin of [a.origin, b.origin, a.origin, b.origin, a.origin]) {
    expect((await request.post(`${origin}${API_PATHS.session}`, wrong)).status()).toBe(401);
  }
  for (const origin of [a.origin, b.origin]) {
    const refused = await request.post(`${origin}${API_PATHS.session}`, {
      data: { email: 'reader@example.com', password: DEMO_PASSWORD },
    });
    expect(refused.status()).toBe(429);
  }
});

test('a sandbox created on A is the same world on B: its clock and its subscriptions', async ({
  request,
  instances: { a, b },
}) => {
  const moved = await request.post(`${a.origin}${API_PATHS.testClock}`, { data: { advanceBy: 3_600_000 } });
  expect(moved.status()).toBe(200);
  const { now } = (await moved.json()) as { now: string };
  const atB = (await (await request.get(`${b.origin}${API_PATHS.testClock}`)).json()) as { now: string };
  // B reads the same moved clock, a moment later.
  expect(Date.parse(atB.now) - Date.parse(now)).toBeGreaterThanOrEqual(0);
  expect(Date.parse(atB.now) - Date.parse(now)).toBeLessThan(60_000);

  const reader = { data: { email: 'reader@example.com', password: DEMO_PASSWORD } };
  expect((await request.post(`${a.origin}${API_PATHS.session}`, reader)).status()).toBe(200);
  expect((await request.post(`${b.origin}${API_PATHS.subscription}`, { data: { plan: 'monthly' } })).status()).toBe(
    200,
  );
  expect((await request.get(`${a.origin}${gatedTextUrl}`)).status()).toBe(200);
});

test('Redis gone: the API answers 503 in JSON, /readyz says not ready, the page offers to retry; all recovers when Redis is back', async ({
  page,
  request,
  instances: { redis, a, b },
}) => {
  const login = await page.request.post(`${a.origin}${API_PATHS.session}`, {
    data: { email: SUBSCRIBER, password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  await redis.halt();
  try {
    for (const origin of [a.origin, b.origin]) {
      const answer = await request.get(`${origin}${gatedTextUrl}`);
      expect(answer.status()).toBe(503);
      expect(await answer.json()).toEqual({
        error: 'The service is unavailable. Try again.',
        reason: 'store-unavailable',
      });
      expect((await request.get(`${origin}/readyz`)).status()).toBe(503);
      expect((await request.get(`${origin}/healthz`)).status()).toBe(200);
    }
    await page.goto(`${a.origin}${articleUrl}`);
    await expect(page.getByText('Could not reach the service to check whether you are logged in.')).toBeVisible();
    await expect(page.getByText(firstGated)).toHaveCount(0);
  } finally {
    await redis.restart();
  }
  await expect.poll(async () => (await request.get(`${a.origin}/readyz`)).status(), { timeout: 10_000 }).toBe(200);
  await expect.poll(async () => (await request.get(`${b.origin}/readyz`)).status(), { timeout: 10_000 }).toBe(200);
  // Redis kept its data across the restart (its append-only file): the reader's session is served
  // again, with no new store object, instance or login.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText(firstGated)).toBeVisible();
});
