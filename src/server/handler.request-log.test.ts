// The request log: a world's last API requests as a tester reads them (GET /api/test/requests).
import { describe, expect, test } from 'vitest';
import { REST, body, createSandbox, logIn, request, sandboxed, setup } from './handler.testing.ts';
import type { LoggedRequest } from './request-log.ts';

const LOG = '/api/test/requests';

async function logged(api: (request: Request) => Promise<Response>): Promise<LoggedRequest[]> {
  const answer = (await body(await api(request(LOG)))) as { requests: LoggedRequest[] };
  return answer.requests;
}

describe('the request log', () => {
  test('lists the world’s requests newest first: method, path, status, duration, whose session', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    await api(request(REST, { cookie: id }));
    await api(request('/api/nowhere'));
    const requests = await logged(api);
    expect(requests.map(({ method, path, status, persona }) => ({ method, path, status, persona }))).toEqual([
      { method: 'GET', path: '/api/nowhere', status: 404, persona: undefined },
      { method: 'GET', path: REST, status: 200, persona: 'subscriber@example.com' },
      { method: 'POST', path: '/api/session', status: 200, persona: undefined },
    ]);
    for (const entry of requests) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
  });

  test('secrets in a query (a gift token, a sign-in token, a code) are never written', async () => {
    const { api } = setup();
    await api(request(`${REST}?gift=SECRETGIFT&token=SECRETTOKEN&code=123456&to=a%40example.com`));
    const [entry] = await logged(api);
    expect(entry?.path).toBe(`${REST}?gift=…&token=…&code=…&to=a%40example.com`);
    expect(JSON.stringify(await logged(api))).not.toMatch(/SECRET|123456/);
  });

  test('each sandbox has its own log; its own reads are not logged; DELETE empties it; it keeps 200', async () => {
    const { api } = setup();
    const sandbox = sandboxed(api, await createSandbox(api));
    await sandbox(request('/api/session'));
    await api(request('/api/paywall'));
    expect((await logged(sandbox)).map((entry) => entry.path)).toEqual(['/api/session']);
    expect(await body(await sandbox(request(LOG, { method: 'DELETE' })))).toEqual({ deleted: 1 });
    expect(await logged(sandbox)).toEqual([]);
    for (let i = 0; i < 205; i += 1) await sandbox(request(`/api/session?n=${i}`));
    const kept = await logged(sandbox);
    expect(kept).toHaveLength(200);
    expect(kept[0]?.path).toBe('/api/session?n=204');
  });

  test('a test hook: 404 in the default world without hooks', async () => {
    const { api } = setup({ testHooks: false });
    expect((await api(request(LOG))).status).toBe(404);
  });
});
