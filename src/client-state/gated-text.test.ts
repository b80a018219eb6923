import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetGatedText, peekGatedText, prefetchGatedText, takeGatedText } from './gated-text.ts';
import { requestLogin } from './api-login.ts';
import { acceptLogin, getSession, logOut } from './session-store.ts';

const SLUG = 'a-story';
const EMAIL = 'subscriber@example.com';
const PARAGRAPHS = ['First gated.', 'Second gated.'];

const fetchMock = vi.fn<typeof fetch>();

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockImplementation(() => Promise.resolve(json({ paragraphs: PARAGRAPHS })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  forgetGatedText();
  vi.unstubAllGlobals();
});

describe('prefetching the gated paragraphs', () => {
  it('asks the server once per article and reader', async () => {
    const first = prefetchGatedText(SLUG, EMAIL);
    const second = prefetchGatedText(SLUG, EMAIL);
    expect(second).toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`/api/articles/${SLUG}/rest`);
    await expect(first).resolves.toMatchObject({ kind: 'ok', paragraphs: PARAGRAPHS });
  });

  it('can be read in a render only once it has arrived, and only by the reader it was for', async () => {
    const request = prefetchGatedText(SLUG, EMAIL);
    expect(peekGatedText(SLUG, EMAIL)).toBeUndefined();
    await request;
    expect(peekGatedText(SLUG, EMAIL)).toMatchObject({ kind: 'ok', paragraphs: PARAGRAPHS });
    expect(peekGatedText(SLUG, 'reader@example.com')).toBeUndefined();
    expect(peekGatedText('another-story', EMAIL)).toBeUndefined();
  });

  it('is handed over once: a later visit fetches afresh', () => {
    const request = prefetchGatedText(SLUG, EMAIL);
    expect(takeGatedText(SLUG, 'reader@example.com')).toBeUndefined();
    expect(takeGatedText(SLUG, EMAIL)).toBe(request);
    expect(takeGatedText(SLUG, EMAIL)).toBeUndefined();
    expect(peekGatedText(SLUG, EMAIL)).toBeUndefined();
  });

  it('a prefetch for another reader replaces the old one', () => {
    prefetchGatedText(SLUG, 'reader@example.com');
    const request = prefetchGatedText(SLUG, EMAIL);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(takeGatedText(SLUG, 'reader@example.com')).toBeUndefined();
    expect(takeGatedText(SLUG, EMAIL)).toBe(request);
  });

  it('forgetting cancels requests under way and drops what arrived', async () => {
    fetchMock.mockImplementationOnce((_url, init) => {
      const signal = init?.signal;
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    });
    const pending = prefetchGatedText(SLUG, EMAIL);
    await prefetchGatedText('another-story', EMAIL);
    forgetGatedText();
    await expect(pending).resolves.toEqual({ kind: 'unreachable' });
    expect(peekGatedText('another-story', EMAIL)).toBeUndefined();
    expect(takeGatedText(SLUG, EMAIL)).toBeUndefined();
  });
});

/** Logs in as the server answers, and returns how to enter the session (not entered yet). */
async function accept(email: string): Promise<() => void> {
  const result = await requestLogin(email, 'read-all-about-it', false);
  if (result.kind !== 'ok') throw new Error(`login failed: ${result.kind}`);
  return acceptLogin(result.session);
}

/** The mock backend's answers for logging in and out, and the gated text. */
function answerAsTheServer(): void {
  fetchMock.mockImplementation((url, init) => {
    if (String(url) === '/api/session' && init?.method === 'POST') {
      return Promise.resolve(
        json({
          reader: { email: EMAIL, name: 'Sam', subscription: { status: 'active' } },
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        }),
      );
    }
    if (String(url) === '/api/session') return Promise.resolve(json({ reader: null }));
    return Promise.resolve(json({ paragraphs: PARAGRAPHS }));
  });
}

describe('prefetched text and the session', () => {
  it('a login fetches ahead for its reader, and entering the session keeps that text', async () => {
    answerAsTheServer();
    await logOut();
    const enter = await accept(EMAIL);
    // Not applied until entered: the page can render the session and the next screen together.
    expect(getSession().status).toBe('anonymous');
    await prefetchGatedText(SLUG, EMAIL);
    prefetchGatedText('another-story', 'reader@example.com');
    enter();
    expect(getSession().status).toBe('signed-in');
    expect(peekGatedText(SLUG, EMAIL)).toMatchObject({ kind: 'ok', paragraphs: PARAGRAPHS });
    expect(takeGatedText('another-story', 'reader@example.com')).toBeUndefined();
  });

  it('is forgotten when who is reading changes, e.g. on logging out', async () => {
    answerAsTheServer();
    (await accept(EMAIL))();
    expect(getSession().status).toBe('signed-in');
    await prefetchGatedText(SLUG, EMAIL);
    expect(peekGatedText(SLUG, EMAIL)).toBeDefined();

    await logOut();
    expect(getSession().status).toBe('anonymous');
    expect(peekGatedText(SLUG, EMAIL)).toBeUndefined();
    expect(takeGatedText(SLUG, EMAIL)).toBeUndefined();
  });
});
