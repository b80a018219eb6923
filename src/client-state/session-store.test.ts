// @vitest-environment jsdom
// The open page's checks: while the page is seen, the session store asks every CHECK_EVERY_MS
// whether the session changed elsewhere, on the route that does not count as activity.
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Reader } from '../paywall/reader.ts';
import { acceptLogin, CHECK_EVERY_MS, getSession, logOut, startSession, subscribeToSession } from './session-store.ts';

const TRIAL: Reader = {
  email: 'trial@example.com',
  name: 'Tess',
  subscription: { status: 'active', standing: { kind: 'trial', endsOn: '2026-12-07' } },
};
const PAID: Reader = { ...TRIAL, subscription: { status: 'active' } };
const HOUR = 60 * 60_000;

const fetchMock = vi.fn<typeof fetch>();
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const statusChecks = () => fetchMock.mock.calls.filter(([url]) => url === '/api/session/status').length;

let hidden = false;

beforeAll(() => {
  vi.stubGlobal('fetch', fetchMock);
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  fetchMock.mockResolvedValue(json({ reader: null }));
  startSession();
});

beforeEach(() => {
  vi.useFakeTimers();
  hidden = false;
  fetchMock.mockReset();
  acceptLogin({ reader: TRIAL, expiresAt: Date.now() + HOUR })();
});

afterEach(async () => {
  fetchMock.mockResolvedValue(json({}));
  await logOut();
  vi.useRealTimers();
});

/** Answers every check with `body`, dated now (the client reads deadlines against the Date header). */
function answerChecks(body: unknown): void {
  fetchMock.mockImplementation(() => {
    const response = json(body);
    response.headers.set('Date', new Date().toUTCString());
    return Promise.resolve(response);
  });
}

describe('an open page follows its session', () => {
  test('every few seconds it asks /api/session/status, and takes a changed subscription', async () => {
    answerChecks({ reader: PAID, expiresAt: new Date(Date.now() + HOUR).toISOString() });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - 1);
    expect(statusChecks()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(statusChecks()).toBe(1);
    expect(getSession()).toMatchObject({ status: 'signed-in', reader: PAID });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(statusChecks()).toBe(2);
  });

  test('a check that finds nothing new renders nothing', async () => {
    const listener = vi.fn();
    const stop = subscribeToSession(listener);
    answerChecks({ reader: TRIAL, expiresAt: new Date(Date.now() + HOUR).toISOString() });
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
    stop();
    expect(statusChecks()).toBe(3);
    expect(listener).not.toHaveBeenCalled();
  });

  test("a check keeps the page's own deadline: only a request that counts as activity moves it", async () => {
    const before = getSession();
    answerChecks({ reader: PAID, expiresAt: new Date(Date.now() + 10 * HOUR).toISOString() });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(getSession()).toEqual({ ...before, reader: PAID });
  });

  test('a check the network drops changes nothing, and the next one asks again', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(getSession()).toMatchObject({ status: 'signed-in', reader: TRIAL });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(statusChecks()).toBe(2);
  });

  test('a session ended on another device ends here, saying why', async () => {
    answerChecks({ reader: null, ended: 'device-limit' });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(getSession()).toEqual({ status: 'anonymous', notice: 'device-limit' });
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
    expect(statusChecks()).toBe(1);
  });

  test('a hidden page does not ask; shown again, it asks within the interval', async () => {
    answerChecks({ reader: TRIAL, expiresAt: new Date(Date.now() + HOUR).toISOString() });
    hidden = true;
    await vi.advanceTimersByTimeAsync(4 * CHECK_EVERY_MS);
    expect(statusChecks()).toBe(0);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(statusChecks()).toBe(1);
  });
});
