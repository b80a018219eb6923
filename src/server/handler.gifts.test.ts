// Gift links: a subscriber shares one article; anyone with the link reads it a few times, until it expires.
import { describe, expect, test } from 'vitest';
import { GIFT_READS, GIFTS_PER_MONTH } from './gifts.ts';
import {
  DAY,
  REST,
  article,
  body,
  createSandbox,
  gated,
  logIn,
  placeholderArticle,
  post,
  request,
  restPath,
  sandboxed,
  setup,
} from './handler.testing.ts';

const give = (cookie: string, slug = article.slug) => post('/api/gifts', JSON.stringify({ slug }), { cookie });

async function giftUrl(api: ReturnType<typeof setup>['api'], cookie: string, slug = article.slug): Promise<string> {
  const response = await api(give(cookie, slug));
  expect(response.status).toBe(201);
  return ((await body(response)) as { url: string }).url;
}

const restWith = (url: string, cookie?: string) =>
  request(
    `${REST}?gift=${new URL(url, 'http://x').searchParams.get('gift') ?? ''}`,
    cookie === undefined ? {} : { cookie },
  );

describe('POST /api/gifts and gift links', () => {
  test('a subscriber’s link opens the article for anyone, GIFT_READS times, and says how many reads are left', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    const response = await api(give(cookie));
    expect(response.status).toBe(201);
    const given = (await body(response)) as { url: string; expiresAt: string; readsLeft: number; giftsLeft: number };
    expect(given.url).toMatch(new RegExp(`^/articles/${article.slug}\\?gift=[A-Za-z0-9_-]{32}$`));
    expect(given).toMatchObject({ readsLeft: GIFT_READS, giftsLeft: GIFTS_PER_MONTH - 1 });

    for (let read = 1; read <= GIFT_READS; read += 1) {
      const opened = await api(restWith(given.url));
      expect(opened.status).toBe(200);
      expect(await body(opened)).toEqual({ paragraphs: gated, gift: { readsLeft: GIFT_READS - read } });
    }
    const spent = await api(restWith(given.url));
    expect(spent.status).toBe(401);
    expect(await body(spent)).toMatchObject({ reason: 'sign-in', gift: 'used-up' });
    expect(JSON.stringify(await body(await api(restWith(given.url))))).not.toContain(gated[0]);
  });

  test('a link expires after 14 days of the world’s clock', async () => {
    const { api } = setup();
    const url = await giftUrl(api, await logIn(api, 'subscriber@example.com'));
    await api(post('/api/test/clock', JSON.stringify({ advanceBy: 14 * DAY })));
    expect(await body(await api(restWith(url)))).toMatchObject({ reason: 'sign-in', gift: 'expired' });
  });

  test('a link never opens another article, and a forged token opens nothing', async () => {
    const other = placeholderArticle(1);
    const { api } = setup({ articles: [other] });
    const url = await giftUrl(api, await logIn(api, 'subscriber@example.com'));
    const token = new URL(url, 'http://x').searchParams.get('gift') ?? '';
    const elsewhere = await api(request(`${restPath(other.slug)}?gift=${token}`));
    expect(await body(elsewhere)).toMatchObject({ gift: 'other-article' });
    for (const forged of ['x', token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), '']) {
      expect(await body(await api(request(`${REST}?gift=${forged}`)))).toMatchObject({ gift: 'invalid' });
    }
  });

  test('an entitled reader does not spend the gift', async () => {
    const { api } = setup();
    const url = await giftUrl(api, await logIn(api, 'subscriber@example.com'));
    const subscriber = await logIn(api, 'subscriber+b@example.com');
    for (let i = 0; i < GIFT_READS + 2; i += 1) expect((await api(restWith(url, subscriber))).status).toBe(200);
    expect((await body(await api(restWith(url)))) as object).toMatchObject({ gift: { readsLeft: GIFT_READS - 1 } });
  });

  test(`at most ${GIFTS_PER_MONTH} gifts a calendar month; the next month gives again`, async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com', true);
    for (let i = 0; i < GIFTS_PER_MONTH; i += 1) expect((await api(give(cookie))).status).toBe(201);
    const refused = await api(give(cookie));
    expect(refused.status).toBe(429);
    expect(await body(refused)).toEqual({
      error: 'You have given all your gift articles this month.',
      reason: 'gift-limit',
      giftsLeft: 0,
    });
    await api(post('/api/test/clock', JSON.stringify({ now: '2026-12-01T00:00:00Z' })));
    expect((await api(give(cookie))).status).toBe(201);
  });

  test('only subscribers give: 401 logged out, 403 without a subscription; 404 for no article; 400 for no slug', async () => {
    const { api } = setup();
    expect((await api(post('/api/gifts', JSON.stringify({ slug: article.slug })))).status).toBe(401);
    const reader = await logIn(api, 'reader@example.com');
    expect(await body(await api(give(reader)))).toMatchObject({ reason: 'subscribe' });
    const subscriber = await logIn(api, 'subscriber@example.com');
    expect((await api(give(subscriber, 'no-such-article'))).status).toBe(404);
    expect((await api(post('/api/gifts', '{}', { cookie: subscriber }))).status).toBe(400);
  });

  test('a gift belongs to its sandbox', async () => {
    const { api } = setup();
    const inSandbox = sandboxed(api, await createSandbox(api));
    const url = await giftUrl(inSandbox, await logIn(inSandbox, 'subscriber@example.com'));
    expect((await inSandbox(restWith(url))).status).toBe(200);
    expect(await body(await api(restWith(url)))).toMatchObject({ gift: 'invalid' });
  });
});
