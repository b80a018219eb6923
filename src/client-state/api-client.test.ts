// The browser's API calls: what the reader is told when one fails, and that every answer is read
// to its end (a page left with an unread response never reaches network idle).
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ANSWER_TIMEOUT_MS,
  failureWords,
  fetchCurrentReader,
  fetchGatedText,
  requestLeaveSandbox,
  requestLogout,
} from './api-client.ts';
import { requestLogin } from './api-login.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Answers every fetch with `status` and `body`, and keeps the responses to inspect. */
function answer(status: number, body: unknown): Response[] {
  const responses: Response[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(() => {
      const response = Response.json(body, { status });
      responses.push(response);
      return Promise.resolve(response);
    }),
  );
  return responses;
}

describe("a failure in Lede's words, never the server's", () => {
  const RAW = 'SQLSTATE[42000]: syntax error near "users" (internal detail)';

  test.each<[string, number, unknown, () => Promise<unknown>, string]>([
    [
      'a login refused for an unknown reason',
      400,
      { error: RAW },
      () => requestLogin('a@example.com', 'x', false),
      'Logging in did not work. Check the email and password, and try again.',
    ],
    [
      'a login the server could not serve',
      500,
      { error: RAW },
      () => requestLogin('a@example.com', 'x', false),
      'The service is unavailable. Try again.',
    ],
    [
      'a wrong password',
      401,
      { error: RAW },
      () => requestLogin('a@example.com', 'x', false),
      'Email or password is incorrect.',
    ],
    [
      'a locked account',
      403,
      { error: RAW, reason: 'locked' },
      () => requestLogin('a@example.com', 'x', false),
      'This account is locked.',
    ],
    [
      'gated text denied for an unknown reason',
      403,
      { error: RAW, reason: 'something-new' },
      () => fetchGatedText('x', new AbortController().signal),
      'The rest of this article could not be loaded.',
    ],
  ])('%s', async (_name, status, body, call, words) => {
    answer(status, body);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = JSON.stringify(await call());
    expect(result).toContain(JSON.stringify(words));
    expect(result).not.toContain('SQLSTATE');
    // The server's text is kept for whoever debugs: in the console.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(RAW));
  });

  test.each(['sign-in', 'subscribe', 'renew', 'register', 'meter-used-up'])(
    "gated text refused with reason %s: the page shows that gate in its own words; the server's go to the console",
    async (reason) => {
      answer(reason === 'sign-in' || reason === 'register' ? 401 : 403, { error: RAW, reason });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const result = await fetchGatedText('x', new AbortController().signal);
      expect(result).toEqual({ kind: 'refused', reason, meter: undefined });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(RAW));
    },
  );

  test('a refusal under a meter carries where the reader stands', async () => {
    const meter = { used: 3, limit: 3, remaining: 0, window: 'calendar-month', counts: 'articles' };
    answer(403, { error: RAW, reason: 'meter-used-up', meter: { ...meter, resetsAt: '2026-12-01T00:00:00.000Z' } });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await fetchGatedText('x', new AbortController().signal)).toEqual({
      kind: 'refused',
      reason: 'meter-used-up',
      meter,
    });
  });

  test('nothing is logged when the server said exactly what Lede says', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const words = failureWords(
      new Response(null, { status: 401 }),
      { error: 'Email or password is incorrect.' },
      {
        401: 'Email or password is incorrect.',
        otherwise: 'x',
      },
    );
    expect(words).toBe('Email or password is incorrect.');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('every answer is read to its end', () => {
  test.each<[string, number, () => Promise<unknown>]>([
    ['logging out', 200, requestLogout],
    ['logging out, refused', 500, requestLogout],
    ['leaving a sandbox', 200, requestLeaveSandbox],
    ['asking who is reading, refused', 503, fetchCurrentReader],
    ['gated text, the server failing', 503, () => fetchGatedText('x', new AbortController().signal)],
  ])('%s', async (_name, status, call) => {
    const responses = answer(status, { error: 'x' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await call();
    expect(responses).toHaveLength(1);
    expect(responses.every((response) => response.bodyUsed)).toBe(true);
  });
});

describe('a service that never answers', () => {
  test(`the app gives up after ${ANSWER_TIMEOUT_MS / 1000} s and treats it as unreachable`, async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal(
        'fetch',
        vi.fn(
          (_url: string, init: RequestInit) =>
            new Promise((_resolve, reject) =>
              init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
            ),
        ),
      );
      const asked = fetchCurrentReader();
      await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS - 1);
      let settled = false;
      void asked.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await asked).toEqual({ kind: 'unreachable' });
    } finally {
      vi.useRealTimers();
    }
  });
});
