// POST /api/accounts: creating a free account, answered alike whether the address had one or not.
import { describe, expect, test } from 'vitest';
import { ACCOUNT_REQUESTED, WRONG_CREDENTIALS } from './handler.ts';
import {
  REST,
  body,
  createSandbox,
  credentials,
  gated,
  post,
  postLogin,
  request,
  sandboxed,
  sessionIdFrom,
  setup,
  whoAmI,
} from './handler.testing.ts';

const PASSWORD = 'correct horse battery';

function create(email: string, password = PASSWORD): Request {
  return post('/api/accounts', JSON.stringify({ email, password }));
}

describe('POST /api/accounts', () => {
  test('a new address: 202, and the account logs in with its own password, with no subscription', async () => {
    const { api } = setup();
    const created = await api(create('new.reader@example.org'));
    expect(created.status).toBe(202);
    expect(await body(created)).toEqual({ email: 'new.reader@example.org', message: ACCOUNT_REQUESTED });

    const login = await api(postLogin(credentials('New.Reader@example.org', PASSWORD)));
    expect(login.status).toBe(200);
    const cookie = sessionIdFrom(login);
    expect(await whoAmI(api, cookie)).toMatchObject({
      reader: { email: 'new.reader@example.org', name: 'new.reader', subscription: { status: 'none' } },
    });
    // The hard paywall asks it to subscribe; the plans page then opens the text.
    expect((await api(request(REST, { cookie }))).status).toBe(403);
    expect((await api(request('/api/subscription', { method: 'POST', cookie }))).status).toBe(200);
    expect(await body(await api(request(REST, { cookie })))).toMatchObject({ paragraphs: gated });
  });

  test('the demo password does not open a created account, and a wrong one gets the usual answer', async () => {
    const { api } = setup();
    await api(create('someone@example.org'));
    for (const password of ['read-all-about-it', 'correct horse battery!', '']) {
      const response = await api(postLogin(credentials('someone@example.org', password)));
      expect(response.status).toBe(401);
      expect(await body(response)).toEqual({ error: WRONG_CREDENTIALS });
    }
  });

  test.each(['reader@example.com', 'READER+qa@example.com', 'subscriber@example.com'])(
    'an address that has an account (%s) gets the same answer, and its password does not change',
    async (email) => {
      const { api } = setup();
      const response = await api(create(email));
      expect(response.status).toBe(202);
      expect(await body(response)).toEqual({ email, message: ACCOUNT_REQUESTED });
      expect((await api(postLogin(credentials(email, PASSWORD)))).status).toBe(401);
      expect((await api(postLogin(credentials(email)))).status).toBe(200);
    },
  );

  test('creating an address twice keeps the first password', async () => {
    const { api } = setup();
    await api(create('twice@example.org', 'the first password'));
    const second = await api(create('twice@example.org', 'the second password'));
    expect(second.status).toBe(202);
    expect((await api(postLogin(credentials('twice@example.org', 'the first password')))).status).toBe(200);
    expect((await api(postLogin(credentials('twice@example.org', 'the second password')))).status).toBe(401);
  });

  test.each<[string, object, object]>([
    ['a short password', { email: 'a@example.org', password: 'short' }, { password: 'Use at least 8 characters.' }],
    ['an address without @', { email: 'not-an-address', password: PASSWORD }, { email: 'Enter an email address.' }],
    [
      'both wrong',
      { email: 'a@b', password: '' },
      { email: 'Enter an email address.', password: 'Use at least 8 characters.' },
    ],
  ])('%s: 400 with each field’s error in our words, and nothing created', async (_name, sent, fields) => {
    const { api } = setup();
    const response = await api(post('/api/accounts', JSON.stringify(sent)));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: 'Check the highlighted fields.', fields });
  });

  test('a body of the wrong shape: 400 saying what to send', async () => {
    const { api } = setup();
    const response = await api(post('/api/accounts', '{"email": 1}'));
    expect(response.status).toBe(400);
    expect(await body(response)).toEqual({ error: 'Expected a JSON object { "email": string, "password": string }.' });
  });

  test('an account belongs to its sandbox, and a reset forgets it', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const inSandbox = sandboxed(api, id);
    await inSandbox(create('sandboxed@example.org'));
    expect((await inSandbox(postLogin(credentials('sandboxed@example.org', PASSWORD)))).status).toBe(200);
    expect((await api(postLogin(credentials('sandboxed@example.org', PASSWORD)))).status).toBe(401);

    await inSandbox(request('/api/test/reset', { method: 'POST' }));
    expect((await inSandbox(postLogin(credentials('sandboxed@example.org', PASSWORD)))).status).toBe(401);
  });

  test('GET: 405, allowing POST', async () => {
    const { api } = setup();
    const response = await api(request('/api/accounts'));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST');
  });
});
