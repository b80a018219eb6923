import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getGatedText, holdGatedText, prefetchGatedText, readerViewer, retryGatedText } from './gated-text.ts';
import { requestLogin } from './api-login.ts';
import { acceptLogin, getSession, logOut, refreshSession } from './session-store.ts';
import type { Reader, Subscription } from '../paywall/reader.ts';

const SLUG = 'a-story';
const EMAIL = 'subscriber@example.com';
const READER: Reader = { email: EMAIL, name: 'Sam', subscription: { status: 'active' } };
const OTHER: Reader = { email: 'other@example.com', name: 'Alex', subscription: { status: 'active' } };
const ME = readerViewer(READER);
const THEM = readerViewer(OTHER);
const PARAGRAPHS = ['First gated.', 'Second gated.'];
const LOADED = { status: 'loaded', paragraphs: PARAGRAPHS };

const fetchMock = vi.fn<typeof fetch>();

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A fetch that answers when told to, even once cancelled: the answer may be on its way already
 * (reading the body, say) when the request is aborted.
 */
function deferredFetch(): { answer: (body: unknown) => void; signal: () => AbortSignal | undefined } {
  let answer: (body: unknown) => void = () => undefined;
  let signal: AbortSignal | undefined;
  fetchMock.mockImplementationOnce((_url, init) => {
    signal = init?.signal ?? undefined;
    return new Promise((resolve) => (answer = (body) => resolve(json(body))));
  });
  return { answer: (body) => answer(body), signal: () => signal };
}

/** Logs in as the server answers, and returns how to enter the session (not entered yet). */
async function accept(email: string): Promise<() => void> {
  const result = await requestLogin(email, 'read-all-about-it', false);
  if (result.kind !== 'ok') throw new Error(`login failed: ${result.kind}`);
  return acceptLogin(result.session);
}

async function logIn(email: string): Promise<void> {
  (await accept(email))();
}

/** Lets a released view's text go (it goes a microtask later) and settles pending answers. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const gatedTextCalls = () => fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/rest')).length;

beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockImplementation(() => Promise.resolve(json({ paragraphs: PARAGRAPHS })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(async () => {
  answerAsTheServer();
  await logOut(); // drops every entry
  vi.unstubAllGlobals();
});

describe('the gated-text store', () => {
  it('asks the server once per article and reader, however many ask', async () => {
    const first = prefetchGatedText(SLUG, ME);
    const second = prefetchGatedText(SLUG, ME);
    expect(second).toBe(first);
    const release = holdGatedText(SLUG, ME);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`/api/articles/${SLUG}/rest`);
    await first;
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    release();
  });

  it('shows the text only to the reader it was fetched for, and only for its article', async () => {
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
    await prefetchGatedText(SLUG, ME);
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    expect(getGatedText(SLUG, THEM)).not.toEqual(LOADED);
    expect(getGatedText('another-story', ME)).not.toEqual(LOADED);
  });

  it('one fetch is shared by two views; the text goes when the last lets go, and a later visit fetches afresh', async () => {
    const releaseOne = holdGatedText(SLUG, ME);
    const releaseTwo = holdGatedText(SLUG, ME);
    await settle();
    expect(gatedTextCalls()).toBe(1);
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);

    releaseOne();
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    releaseTwo();
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });

    const release = holdGatedText(SLUG, ME);
    expect(gatedTextCalls()).toBe(2);
    release();
  });

  it('a prefetch is handed to the view that comes next, once', async () => {
    await prefetchGatedText(SLUG, ME);
    const release = holdGatedText(SLUG, ME);
    expect(gatedTextCalls()).toBe(1);
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    release();
    await settle();
    holdGatedText(SLUG, ME)();
    expect(gatedTextCalls()).toBe(2);
  });

  it('a view that mounts again at once (as StrictMode does) keeps the text', async () => {
    holdGatedText(SLUG, ME)();
    const release = holdGatedText(SLUG, ME);
    await settle();
    expect(gatedTextCalls()).toBe(1);
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    release();
  });

  it('a failure is shown, and a retry asks again', async () => {
    fetchMock.mockImplementationOnce(() => Promise.resolve(json({ error: 'down' }, 503)));
    const release = holdGatedText(SLUG, ME);
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual({
      status: 'failed',
      message: 'Could not reach the service to load the rest of the article.',
    });
    retryGatedText(SLUG, ME);
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    // The retry is held by the same view: its release lets the text go.
    release();
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
  });

  it('an answer to a request that was replaced or cancelled leaves no stale text', async () => {
    const first = deferredFetch();
    const second = deferredFetch();
    const release = holdGatedText(SLUG, ME);
    retryGatedText(SLUG, ME);
    expect(first.signal()?.aborted).toBe(true);
    second.answer({ paragraphs: ['Newer.'] });
    first.answer({ paragraphs: ['Older.'] });
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loaded', paragraphs: ['Newer.'] });
    release();
    await settle();

    // Cancelled by a logout, then answered anyway (the server had already sent it): not kept.
    const late = deferredFetch();
    void prefetchGatedText(SLUG, ME);
    answerAsTheServer();
    await logOut();
    expect(late.signal()?.aborted).toBe(true);
    late.answer({ paragraphs: PARAGRAPHS });
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
  });

  it("a view's answer tells the session: a denial makes it ask the server who is reading", async () => {
    fetchMock.mockImplementation((url) =>
      Promise.resolve(
        String(url).endsWith('/rest')
          ? json({ error: 'This account has no subscription.', reason: 'subscribe' }, 403)
          : json({ reader: null }),
      ),
    );
    // Fetched ahead, nobody has seen it yet: the session is not asked.
    await prefetchGatedText(SLUG, ME);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const release = holdGatedText(SLUG, ME);
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'refused', reason: 'subscribe', meter: undefined });
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual([`/api/articles/${SLUG}/rest`, '/api/session']);
    release();
  });
});

/** The subscription of whoever the mock backend has logged in. */
let subscription: Subscription = { status: 'active' };

/** The mock backend's answers: logging in as whoever asks, who is reading, and the gated text. */
function answerAsTheServer(): void {
  let current: string | null = null;
  subscription = { status: 'active' };
  const session = () => ({
    reader: current === null ? null : { email: current, name: 'Sam', subscription },
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  fetchMock.mockImplementation((url, init) => {
    if (String(url) === '/api/session' && init?.method === 'POST') {
      current = (JSON.parse(String(init.body)) as { email: string }).email;
      return Promise.resolve(json(session()));
    }
    if (String(url) === '/api/session' && init?.method === 'DELETE') {
      current = null;
      return Promise.resolve(json({}));
    }
    if (String(url) === '/api/session') return Promise.resolve(json(session()));
    return Promise.resolve(json({ paragraphs: PARAGRAPHS }));
  });
}

describe('gated text and the session', () => {
  it("a login fetches ahead for its reader; entering the session keeps that text and drops anyone else's", async () => {
    answerAsTheServer();
    await logOut();
    const enter = await accept(EMAIL);
    // Not applied until entered: the page can render the session and the next screen together.
    expect(getSession().status).toBe('anonymous');
    await prefetchGatedText(SLUG, ME);
    await prefetchGatedText('another-story', THEM);
    enter();
    expect(getSession().status).toBe('signed-in');
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);
    expect(getGatedText('another-story', THEM)).toEqual({ status: 'loading' });
  });

  it('logging out drops the text, even while a view shows it', async () => {
    answerAsTheServer();
    await logIn(EMAIL);
    const release = holdGatedText(SLUG, ME);
    await settle();
    expect(getGatedText(SLUG, ME)).toEqual(LOADED);

    await logOut();
    expect(getSession().status).toBe('anonymous');
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
    release();
  });

  it('another reader logging in drops the previous reader’s text', async () => {
    answerAsTheServer();
    await logIn(EMAIL);
    await prefetchGatedText(SLUG, ME);
    await logIn(OTHER.email);
    expect(getSession()).toMatchObject({ status: 'signed-in', reader: { email: OTHER.email } });
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
  });

  it('a reader who may no longer read it (the subscription ended) loses it', async () => {
    answerAsTheServer();
    await logIn(EMAIL);
    await prefetchGatedText(SLUG, ME);
    // The same reader, asked again: the server says the subscription has ended.
    subscription = { status: 'expired', endedOn: '2026-01-01' };
    await refreshSession();
    expect(getSession()).toMatchObject({ status: 'signed-in', reader: { subscription: { status: 'expired' } } });
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
  });

  it("a visitor's text (under a meter or an open model) goes when a reader logs in, and a reader's when they log out", async () => {
    answerAsTheServer();
    await logOut();
    const visitor = { kind: 'visitor' } as const;
    const release = holdGatedText(SLUG, visitor);
    await settle();
    expect(getGatedText(SLUG, visitor)).toEqual(LOADED);

    await logIn(EMAIL);
    expect(getGatedText(SLUG, visitor)).toEqual({ status: 'loading' });
    release();

    await prefetchGatedText(SLUG, ME);
    await logOut();
    expect(getGatedText(SLUG, ME)).toEqual({ status: 'loading' });
  });

  it('a used-up meter is a refusal with where the reader stands, and does not make the page ask who is reading', async () => {
    answerAsTheServer();
    await logOut();
    const meter = { used: 2, limit: 2, remaining: 0, window: 'calendar-month', counts: 'views' };
    fetchMock.mockClear();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json({ error: 'Used up.', reason: 'meter-used-up', meter }, 403)),
    );
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const visitor = { kind: 'visitor' } as const;
    const release = holdGatedText(SLUG, visitor);
    await settle();
    expect(getGatedText(SLUG, visitor)).toEqual({ status: 'refused', reason: 'meter-used-up', meter });
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual([`/api/articles/${SLUG}/rest`]);
    release();
  });
});
