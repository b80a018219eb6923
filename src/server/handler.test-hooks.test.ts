// The test hooks: POST /api/test/reset, and GET/POST /api/test/clock.
import { describe, expect, test } from 'vitest';
import { createApiHandler } from './handler.ts';
import {
  findArticle,
  setup,
  reader,
  request,
  post,
  postLogin,
  credentials,
  logIn,
  failLogins,
  body,
  whoAmI,
} from './handler.testing.ts';

describe('POST /api/test/reset', () => {
  test('without testHooks the endpoint does not exist: 404', async () => {
    const api = createApiHandler({ findArticle });
    const response = await api(request('/api/test/reset', { method: 'POST' }));
    expect(response.status).toBe(404);
    expect(await body(response)).toEqual({ error: 'No such endpoint: POST /api/test/reset' });
  });

  test('no body: clears sessions, throttles and subscriptions', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    const response = await api(request('/api/test/reset', { method: 'POST' }));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ cleared: ['sessions', 'throttles', 'subscriptions', 'clock'] });
    expect(await whoAmI(api, cookie)).toEqual({ reader: null });
  });

  test('{ "keepSessions": true }: keeps sessions, clears throttles and subscriptions', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    await failLogins(api, 'reader@example.com', 5);
    const response = await api(post('/api/test/reset', JSON.stringify({ keepSessions: true })));
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual({ cleared: ['throttles', 'subscriptions', 'clock'] });
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
    expect((await api(postLogin(credentials('reader@example.com')))).status).toBe(200);
  });

  test.each(['{}', '{"keepSessions": false}', '{"other": 1}'])(
    'a JSON body without keepSessions: true (%s) clears sessions too',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'subscriber@example.com');
      const response = await api(post('/api/test/reset', text));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ cleared: ['sessions', 'throttles', 'subscriptions', 'clock'] });
      expect(await whoAmI(api, cookie)).toEqual({ reader: null });
    },
  );

  test.each(['{"keepSessions": "true"}', '{"keepSessions": 1}', 'null', '[]', 'true', '"keepSessions"'])(
    'a JSON body of the wrong shape (%s): 400 and nothing cleared',
    async (text) => {
      const { api } = setup();
      const cookie = await logIn(api, 'subscriber@example.com');
      const response = await api(post('/api/test/reset', text));
      expect(response.status).toBe(400);
      expect(await body(response)).toEqual({
        error: 'Expected no body, or a JSON object { "keepSessions"?: boolean }.',
      });
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
    },
  );

  test('malformed JSON with Content-Type application/json: 400 and nothing cleared', async () => {
    const { api } = setup();
    const cookie = await logIn(api, 'subscriber@example.com');
    const response = await api(post('/api/test/reset', '{"keepSessions":'));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: expect.stringMatching(/^The request body is not valid JSON: /) });
    expect(await whoAmI(api, cookie)).toMatchObject({ reader: reader('subscriber') });
  });

  test('GET: 405 with Allow: POST', async () => {
    const response = await setup().api(request('/api/test/reset'));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });
});
