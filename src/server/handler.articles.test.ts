// GET /api/articles/<slug>/rest: the gated text, only for an entitled session.
import { describe, expect, test } from 'vitest';
import { type PersonaId } from '../paywall/personas.ts';
import {
  gated,
  REST,
  MINUTE,
  T0,
  setup,
  iso,
  reader,
  request,
  logIn,
  body,
  expectNoGatedText,
} from './handler.testing.ts';

describe('GET /api/articles/<slug>/rest', () => {
  test('a subscriber gets the 8 gated paragraphs and the session expiry', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request(REST, { cookie: id }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ paragraphs: gated, expiresAt: iso(T0 + 30 * MINUTE) });
    expect(gated).toHaveLength(8);
  });

  test('anonymous: 401 with reason sign-in and no gated text', async () => {
    const response = await setup().api(request(REST));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Log in to read the rest of this article.', reason: 'sign-in' });
    expectNoGatedText(text);
  });

  test.each<[PersonaId, string, string]>([
    ['reader', 'subscribe', 'This account has no subscription.'],
    ['expired', 'renew', 'This account’s subscription has ended.'],
  ])('the %s persona: 403 with reason %s and no gated text', async (id, reason, error) => {
    const { api } = setup();
    const cookie = await logIn(api, reader(id).email);
    const response = await api(request(REST, { cookie }));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error, reason });
    expectNoGatedText(text);
  });

  test('an unknown slug: 404', async () => {
    const { api } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/articles/no-such-article/rest', { cookie: id }));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'No article "no-such-article".' });
  });
});
