// Sessions by account: the list a reader sees, "Log out other devices", and the devices persona's limit.
import { describe, expect, test } from 'vitest';
import { body, logIn, request, setup, whoAmI } from './handler.testing.ts';

const sessionsOf = async (api: ReturnType<typeof setup>['api'], cookie: string) =>
  (await body(await api(request('/api/sessions', { cookie })))) as {
    sessions: { handle: string; current: boolean; persistent: boolean; createdAt: string; lastSeenAt: string }[];
  };

describe('sessions by account', () => {
  test('GET /api/sessions lists the reader’s live sessions by handle, never by id, the current one marked', async () => {
    const { api } = setup();
    const first = await logIn(api, 'subscriber+s@example.com');
    const second = await logIn(api, 'subscriber+s@example.com', true);
    await logIn(api, 'reader@example.com'); // someone else's: not listed
    const { sessions } = await sessionsOf(api, second);
    expect(sessions.map(({ current, persistent }) => ({ current, persistent }))).toEqual([
      { current: false, persistent: false },
      { current: true, persistent: true },
    ]);
    const text = JSON.stringify(sessions);
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
    expect((await api(request('/api/sessions'))).status).toBe(401);
  });

  test('DELETE /api/sessions/others ends the others, and each is told why the next time it asks', async () => {
    const { api } = setup();
    const phone = await logIn(api, 'subscriber+d@example.com');
    const laptop = await logIn(api, 'subscriber+d@example.com');
    const response = await api(request('/api/sessions/others', { method: 'DELETE', cookie: laptop }));
    expect(await body(response)).toEqual({ ended: 1 });
    expect(await whoAmI(api, phone)).toEqual({ reader: null, ended: 'ended-elsewhere' });
    expect(await whoAmI(api, laptop)).toMatchObject({ reader: { email: 'subscriber+d@example.com' } });
  });

  test('the devices persona: a third login ends the oldest session, which hears "device-limit" and loses its cookie', async () => {
    const { api } = setup();
    const first = await logIn(api, 'devices@example.com');
    const second = await logIn(api, 'devices@example.com');
    const third = await logIn(api, 'devices@example.com');
    const told = await api(request('/api/session', { cookie: first }));
    expect(await body(told)).toEqual({ reader: null, ended: 'device-limit' });
    expect(told.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect(await whoAmI(api, second)).toMatchObject({ reader: { email: 'devices@example.com' } });
    expect((await sessionsOf(api, third)).sessions).toHaveLength(2);
  });

  test('a persona without a limit keeps every session', async () => {
    const { api } = setup();
    const cookies = [];
    for (let i = 0; i < 4; i += 1) cookies.push(await logIn(api, 'subscriber+many@example.com'));
    for (const cookie of cookies)
      expect(await whoAmI(api, cookie)).toMatchObject({ reader: { email: 'subscriber+many@example.com' } });
  });
});
