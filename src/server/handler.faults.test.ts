// Faults on demand: rules per world (PUT /api/test/faults) and a request's own `Lede-Fault`
// header, decided at the edge before any route, only ever failing or holding a request.
import { describe, expect, test } from 'vitest';
import { isDroppedConnection } from './dropped-connection.ts';
import { FAULT_EXPECTED, FAULTS_EXPECTED, MAX_FAULT_DELAY_MS, MAX_FAULT_RULES, TOO_MANY_FAULTS } from './faults.ts';
import {
  REST,
  body,
  createSandbox,
  credentials,
  expectNoGatedText,
  logIn,
  post,
  postLogin,
  request,
  sandboxed,
  setup,
} from './handler.testing.ts';
import type { ApiHandler } from './handler.ts';

const FAULTS = '/api/test/faults';

function setFaults(api: ApiHandler, rules: unknown): Promise<Response> {
  return api(
    new Request(`http://localhost${FAULTS}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(rules),
    }),
  );
}

describe('fault rules', () => {
  test('a status rule fails its requests as often as `times` says, then is spent; GET counts the firings', async () => {
    const { api } = setup();
    const set = await setFaults(api, [{ method: 'post', path: '/api/session', status: 503, times: 1 }]);
    expect(set.status).toBe(200);
    const failed = await api(postLogin(credentials('subscriber@example.com')));
    expect(failed.status).toBe(503);
    expect(await body(failed)).toEqual({ error: 'A simulated fault: 503.', reason: 'simulated-fault' });
    expect((await api(postLogin(credentials('subscriber@example.com')))).status).toBe(200);
    expect(await body(await api(request(FAULTS)))).toEqual({
      faults: [
        expect.objectContaining({
          method: 'POST',
          path: '/api/session',
          kind: 'status',
          status: 503,
          times: 1,
          fired: 1,
        }),
      ],
    });
  });

  test('POST adds a rule and DELETE ?id= removes one; the other rules keep their counts', async () => {
    const { api } = setup();
    await setFaults(api, [{ path: '/api/paywall', status: 500 }]);
    expect((await api(request('/api/paywall'))).status).toBe(500);
    const added = await api(post(FAULTS, JSON.stringify({ path: '/api/meter', kind: 'malformed' })));
    expect(added.status).toBe(201);
    const { faults } = (await body(added)) as { faults: { id: string; path: string; fired: number }[] };
    expect(faults.map(({ path, fired }) => [path, fired])).toEqual([
      ['/api/paywall', 1],
      ['/api/meter', 0],
    ]);
    const [paywallRule, meterRule] = faults;
    const removed = await api(request(`${FAULTS}?id=${meterRule?.id ?? ''}`, { method: 'DELETE' }));
    expect(removed.status).toBe(200);
    expect(await body(removed)).toEqual({ faults: [expect.objectContaining({ id: paywallRule?.id, fired: 1 })] });
    expect((await api(request('/api/meter'))).status).toBe(200);
    const unknown = await api(request(`${FAULTS}?id=${meterRule?.id ?? ''}`, { method: 'DELETE' }));
    expect(unknown.status).toBe(404);
    expect(await body(unknown)).toEqual({ error: 'No fault rule has that id.', reason: 'unknown-rule' });
  });

  test('POST refuses what is not one rule, and a rule past the most a world holds', async () => {
    const { api } = setup();
    const refused = await api(post(FAULTS, JSON.stringify([{ path: '/api/meter', status: 500 }])));
    expect(refused.status).toBe(400);
    expect(await body(refused)).toEqual({ error: FAULT_EXPECTED });
    await setFaults(
      api,
      Array.from({ length: MAX_FAULT_RULES }, () => ({ path: '/api/nothing', status: 500 })),
    );
    const full = await api(post(FAULTS, JSON.stringify({ path: '/api/meter', status: 500 })));
    expect(full.status).toBe(409);
    expect(await body(full)).toEqual({ error: TOO_MANY_FAULTS });
  });

  test('a delay waits, then the request is answered as ever; the method and path must match', async () => {
    const { api, sleeps } = setup();
    await setFaults(api, [{ path: '/api/articles/*/rest', delayMs: 2000 }]);
    expect((await api(request('/api/session'))).status).toBe(200);
    expect(sleeps).toEqual([]);
    const rest = await api(request(REST));
    expect(rest.status).toBe(401);
    expect(sleeps).toEqual([2000]);
  });

  test('malformed: a 200 whose body is not JSON; reset: the connection is dropped unanswered', async () => {
    const { api } = setup();
    await setFaults(api, [
      { path: '/api/paywall', kind: 'malformed' },
      { path: '/api/meter', kind: 'reset' },
    ]);
    const malformed = await api(request('/api/paywall'));
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse('<!doctype html>')).toThrow();
    expect(await malformed.text()).toMatch(/^<!doctype html>/);
    expect(isDroppedConnection(await api(request('/api/meter')))).toBe(true);
  });

  test('timeout: no answer until the client gives up (or the longest wait), then 504', async () => {
    const { api, sleeps } = setup();
    await setFaults(api, [{ path: '/api/session', kind: 'timeout' }]);
    const answer = await api(request('/api/session'));
    expect(answer.status).toBe(504);
    expect(sleeps).toEqual([MAX_FAULT_DELAY_MS]);
  });

  test('a fault never opens gated text: an entitled read fails, a refused one stays refused', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    await setFaults(api, [{ path: REST, status: 500, probability: 1 }]);
    const faulted = await api(request(REST, { cookie: id }));
    expect(faulted.status).toBe(500);
    expectNoGatedText(await faulted.text());
    await setFaults(api, [{ path: REST, delayMs: 10 }]);
    const anonymous = await api(request(REST));
    expect(anonymous.status).toBe(401);
    expectNoGatedText(await anonymous.text());
  });

  test('the test hooks are never faulted, so a tester can always look and undo', async () => {
    const { api } = setup();
    await setFaults(api, [{ path: '/api/**', status: 500 }]);
    expect((await api(request('/api/paywall'))).status).toBe(500);
    expect((await api(request(FAULTS))).status).toBe(200);
    expect(await body(await api(request(FAULTS, { method: 'DELETE' })))).toEqual({ faults: [] });
    expect((await api(request('/api/paywall'))).status).toBe(200);
  });

  test('probability 0 never fires; each sandbox has its own rules', async () => {
    const { api } = setup();
    const sandbox = sandboxed(api, await createSandbox(api));
    await setFaults(sandbox, [{ path: '/api/paywall', status: 503 }]);
    await setFaults(api, [{ path: '/api/meter', status: 503, probability: 0 }]);
    expect((await sandbox(request('/api/paywall'))).status).toBe(503);
    expect((await api(request('/api/paywall'))).status).toBe(200);
    expect((await api(request('/api/meter'))).status).toBe(200);
  });

  test.each([
    [{ path: '/api/session' }],
    [{ path: 'api/session', status: 503 }],
    [{ path: '/api/session', kind: 'status' }],
    [{ path: '/api/session', status: 200 }],
    [{ path: '/api/session', delayMs: MAX_FAULT_DELAY_MS + 1 }],
    [{ path: '/api/session', status: 503, extra: true }],
    [Array.from({ length: 21 }, () => ({ path: '/api/session', status: 503 }))],
    [{ rules: [] }],
  ])('a rule list that cannot be a fault gets 400 in our words: %j', async (rules) => {
    const { api } = setup();
    const answer = await setFaults(api, Array.isArray(rules) ? rules : [rules].flat().length === 1 ? [rules] : rules);
    expect(answer.status).toBe(400);
    expect(await body(answer)).toEqual({ error: FAULTS_EXPECTED });
  });

  test('a test hook: 404 in the default world without hooks', async () => {
    const { api } = setup({ testHooks: false });
    expect((await api(request(FAULTS))).status).toBe(404);
  });
});

describe('the Lede-Fault header', () => {
  test('status and delay for this request alone', async () => {
    const { api, sleeps } = setup();
    const answer = await api(request('/api/session', { headers: { 'Lede-Fault': 'status=503; delay=2000' } }));
    expect(answer.status).toBe(503);
    expect(sleeps).toEqual([2000]);
    expect((await api(request('/api/session'))).status).toBe(200);
  });

  test.each(['status=abc', 'kind=explode', 'status=503; status=500', 'colour=red', 'status'])(
    'a header that names no fault (%j) gets 400',
    async (value) => {
      const { api } = setup();
      const answer = await api(request('/api/session', { headers: { 'Lede-Fault': value } }));
      expect(answer.status).toBe(400);
    },
  );

  test('the request log says which fault each request met', async () => {
    const { api } = setup();
    await api(request('/api/session', { headers: { 'Lede-Fault': 'kind=malformed' } }));
    const log = (await body(await api(request('/api/test/requests')))) as { requests: { fault?: string }[] };
    expect(log.requests[0]?.fault).toBe('header');
  });
});
