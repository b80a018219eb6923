import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reader } from '../paywall/reader.ts';
import { fetchGatedText, requestLogout, type GatedTextResult } from './api-client.ts';
import { requestLogin, type LoginResult } from './api-login.ts';
import { prefetchArticle } from './catalog.ts';
import { getGatedText, readerViewer } from './gated-text.ts';
import { TWO_FACTOR_PAGE } from '../config/login-links.ts';
import { logInAndReturn, prepareReturn, WAIT_FOR_GATED_TEXT_MS } from './log-in.ts';
import { FOCUS_GATED } from './return-path.ts';
import { getSession, logOut } from './session-store.ts';

vi.mock('./api-login.ts', () => ({ requestLogin: vi.fn() }));
vi.mock('./api-client.ts', () => ({ fetchGatedText: vi.fn(), requestLogout: vi.fn(), fetchCurrentReader: vi.fn() }));
vi.mock('./catalog.ts', () => ({ prefetchArticle: vi.fn() }));

const SLUG = 'a-story';
const ARTICLE = `/articles/${SLUG}`;
const PARAGRAPHS = ['First gated.', 'Second gated.'];
const SUBSCRIBER: Reader = { email: 'subscriber@example.com', name: 'Sam', subscription: { status: 'active' } };
const NO_SUBSCRIPTION: Reader = { email: 'reader@example.com', name: 'Ria', subscription: { status: 'none' } };
const CREDENTIALS = { email: SUBSCRIBER.email, password: 'read-all-about-it', remember: false };

/** The server accepts the login as `reader`. */
function acceptAs(reader: Reader): void {
  const result: LoginResult = { kind: 'ok', session: { reader, expiresAt: Date.now() + 60_000 } };
  vi.mocked(requestLogin).mockResolvedValue(result);
}

/** The gated text arrives `ms` after it is asked for. */
function gatedTextAfter(ms: number): void {
  const result: GatedTextResult = { kind: 'ok', paragraphs: PARAGRAPHS, expiresAt: undefined, meter: undefined };
  vi.mocked(fetchGatedText).mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(result), ms)));
}

/** A navigate that records what the page held when it was called: the session and the gated text. */
function recordingNavigate() {
  const seen: { status: string; gatedText: unknown }[] = [];
  const navigate = vi.fn(() => {
    seen.push({ status: getSession().status, gatedText: getGatedText(SLUG, readerViewer(SUBSCRIBER)) });
  });
  return { navigate, seen };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.mocked(requestLogout).mockResolvedValue({ kind: 'ok' });
});

afterEach(async () => {
  vi.useRealTimers();
  await logOut();
  vi.clearAllMocks();
});

describe('logging in and returning', () => {
  it('returns to the article once, logged in and already unlocked, when the gated text comes within 200 ms', async () => {
    acceptAs(SUBSCRIBER);
    gatedTextAfter(WAIT_FOR_GATED_TEXT_MS - 50);
    const { navigate, seen } = recordingNavigate();
    const outcome = logInAndReturn(CREDENTIALS, ARTICLE, navigate);
    await vi.advanceTimersByTimeAsync(WAIT_FOR_GATED_TEXT_MS - 50);
    await expect(outcome).resolves.toEqual({ kind: 'returned' });

    expect(requestLogin).toHaveBeenCalledWith(CREDENTIALS.email, CREDENTIALS.password, false);
    expect(fetchGatedText).toHaveBeenCalledTimes(1);
    expect(vi.mocked(fetchGatedText).mock.calls[0]?.[0]).toBe(SLUG);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(ARTICLE, { replace: true, state: FOCUS_GATED });
    // Entered in the same step as the navigation: no render sees one without the other.
    expect(seen).toEqual([{ status: 'signed-in', gatedText: { status: 'loaded', paragraphs: PARAGRAPHS } }]);
  });

  it('waits no longer than 200 ms: the article then shows the text loading, and the text when it comes', async () => {
    acceptAs(SUBSCRIBER);
    gatedTextAfter(1_000);
    const { navigate, seen } = recordingNavigate();
    const outcome = logInAndReturn(CREDENTIALS, ARTICLE, navigate);
    await vi.advanceTimersByTimeAsync(WAIT_FOR_GATED_TEXT_MS - 1);
    expect(navigate).not.toHaveBeenCalled();
    expect(getSession().status).not.toBe('signed-in');

    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ kind: 'returned' });
    expect(seen).toEqual([{ status: 'signed-in', gatedText: { status: 'loading' } }]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(getGatedText(SLUG, readerViewer(SUBSCRIBER))).toEqual({ status: 'loaded', paragraphs: PARAGRAPHS });
    expect(fetchGatedText).toHaveBeenCalledTimes(1);
  });

  it.each<[string, Reader, string]>([
    ['a reader who may not read gated text', NO_SUBSCRIPTION, ARTICLE],
    ['a return to a page that is not an article', SUBSCRIBER, '/'],
  ])('fetches no gated text, and does not wait, for %s', async (_case, reader, returnPath) => {
    acceptAs(reader);
    const navigate = vi.fn();
    await expect(logInAndReturn(CREDENTIALS, returnPath, navigate)).resolves.toEqual({ kind: 'returned' });
    expect(fetchGatedText).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(returnPath, { replace: true, state: FOCUS_GATED });
    expect(getSession()).toMatchObject({ status: 'signed-in', reader });
  });

  it.each<LoginResult>([
    { kind: 'rejected', message: 'Wrong email or password.', locked: false },
    { kind: 'throttled', retryAt: 1_000 },
    { kind: 'unavailable', message: 'The service is unavailable. Try again.' },
    { kind: 'unreachable' },
    { kind: 'sandbox-gone' },
  ])('a login that does not succeed ($kind) is handed back to the form, and nothing moves', async (result) => {
    vi.mocked(requestLogin).mockResolvedValue(result);
    const navigate = vi.fn();
    const before = getSession();
    await expect(logInAndReturn(CREDENTIALS, ARTICLE, navigate)).resolves.toEqual(result);
    expect(navigate).not.toHaveBeenCalled();
    expect(fetchGatedText).not.toHaveBeenCalled();
    expect(getSession()).toBe(before);
  });
});

describe('an account with a second factor', () => {
  it('goes on to the two-factor page with the challenge and the return address in navigation state, not signed in', async () => {
    vi.mocked(requestLogin).mockResolvedValue({ kind: 'two-factor', challenge: 'the-challenge' });
    const navigate = vi.fn();
    const before = getSession();
    await expect(logInAndReturn(CREDENTIALS, ARTICLE, navigate)).resolves.toEqual({ kind: 'returned' });
    expect(navigate).toHaveBeenCalledWith(TWO_FACTOR_PAGE, {
      replace: true,
      state: { challenge: 'the-challenge', next: ARTICLE },
    });
    expect(getSession()).toBe(before);
  });
});

describe('preparing the return', () => {
  it('fetches the public part of the article the reader returns to, and nothing for other pages', () => {
    prepareReturn(`${ARTICLE}?ref=gate#top`);
    prepareReturn('/');
    prepareReturn('/subscribe');
    expect(prefetchArticle).toHaveBeenCalledTimes(1);
    expect(prefetchArticle).toHaveBeenCalledWith(SLUG);
  });
});
