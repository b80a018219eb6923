// How long sessions live: idle and absolute limits, by the injected clock.
import { describe, expect, test } from 'vitest';
import {
  gated,
  REST,
  MINUTE,
  HOUR,
  DAY,
  T0,
  setup,
  iso,
  reader,
  request,
  logIn,
  body,
  whoAmI,
  expectNoGatedText,
} from './handler.testing.ts';

describe('session lifetime', () => {
  test('after 29 idle minutes a standard session still works and its expiresAt moves on', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(29 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 59 * MINUTE) });
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);
  });

  test('after 31 idle minutes a standard session is gone: { reader: null } and the rest is 401', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(31 * MINUTE);
    const rest = await api(request(REST, { cookie: id }));
    expect(rest.status).toBe(401);
    expectNoGatedText(await rest.text());
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('reading the rest counts as activity and refreshes the idle timeout', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    advance(20 * MINUTE);
    expect(await body(await api(request(REST, { cookie: id })))).toEqual({
      paragraphs: gated,
      expiresAt: iso(T0 + 50 * MINUTE),
    });
    advance(20 * MINUTE);
    expect(await whoAmI(api, id)).toMatchObject({ reader: reader('subscriber') });
  });

  test("an open page's checks (GET /api/session/status) answer like /api/session but never keep a session alive", async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    const status = async () => body(await api(request('/api/session/status', { cookie: id })));
    for (let minutes = 5; minutes < 30; minutes += 5) {
      advance(5 * MINUTE);
      expect(await status()).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 30 * MINUTE) });
    }
    advance(5 * MINUTE);
    expect(await status()).toEqual({ reader: null });
    expect((await api(request(REST, { cookie: id }))).status).toBe(401);
  });

  test('a standard session touched every 20 minutes ends at 12 hours', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      advance(20 * MINUTE);
      expect(await whoAmI(api, id)).toEqual({
        reader: reader('subscriber'),
        expiresAt: iso(Math.min(T0 + 12 * HOUR, T0 + (minutes + 30) * MINUTE)),
      });
    }
    advance(20 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
    expect((await api(request(REST, { cookie: id }))).status).toBe(401);
  });

  test('a persistent session survives 31 idle minutes', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    advance(31 * MINUTE);
    expect(await whoAmI(api, id)).toEqual({ reader: reader('subscriber'), expiresAt: iso(T0 + 31 * MINUTE + 7 * DAY) });
    expect((await api(request(REST, { cookie: id }))).status).toBe(200);
  });

  test('a persistent session ends after 7 idle days', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    advance(7 * DAY - MINUTE);
    expect(await whoAmI(api, id)).toMatchObject({ reader: reader('subscriber') });
    advance(7 * DAY);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
  });

  test('a persistent session used every 6 days ends at 30 days', async () => {
    const { api, advance } = setup();
    const id = await logIn(api, 'subscriber@example.com', true);
    for (let days = 6; days < 30; days += 6) {
      advance(6 * DAY);
      expect(await whoAmI(api, id)).toEqual({
        reader: reader('subscriber'),
        expiresAt: iso(Math.min(T0 + 30 * DAY, T0 + (days + 7) * DAY)),
      });
    }
    advance(6 * DAY);
    expect(await whoAmI(api, id)).toEqual({ reader: null });
    expect((await api(request(REST, { cookie: id }))).status).toBe(401);
  });
});
