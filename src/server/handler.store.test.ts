// The API when its store stops answering (Redis gone): every route that needs it answers 503 with
// the usual JSON error, serves nothing it could not check, and recovers once the store is back.
import { describe, expect, test } from 'vitest';
import { SERVICE_UNAVAILABLE } from './handler.ts';
import {
  REST,
  body,
  createSandbox,
  expectNoGatedText,
  logIn,
  post,
  postLogin,
  credentials,
  request,
  sandboxed,
  setup,
  whoAmI,
} from './handler.testing.ts';
import { StoreUnavailableError, type Collection, type Store } from './store/store.ts';

/** A store that can be switched off: while off, every operation fails as an unreachable Redis's does. */
function switchable(): { wrap(store: Store): Store; off(): void; on(): void } {
  let up = true;
  const guard =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      up ? operation(...args) : Promise.reject(new StoreUnavailableError('The store is not answering.'));
  function wrapCollection(collection: Collection): Collection {
    return {
      get: guard(collection.get),
      put: guard(collection.put),
      delete: guard(collection.delete),
      append: guard(collection.append),
      list: guard(collection.list),
      raise: guard(collection.raise),
      size: guard(collection.size),
      clear: guard(collection.clear),
    };
  }
  return {
    wrap: (store) => ({
      ...store,
      isReady: () => Promise.resolve(up),
      scope: (name) => {
        const scope = store.scope(name);
        return { collection: (spec) => wrapCollection(scope.collection(spec)) };
      },
    }),
    off: () => {
      up = false;
    },
    on: () => {
      up = true;
    },
  };
}

const UNAVAILABLE = { error: SERVICE_UNAVAILABLE, reason: 'store-unavailable' };

describe('the store stops answering', () => {
  test('every route that needs it: 503, the usual JSON error, Retry-After, no-store', async () => {
    const power = switchable();
    const { api } = setup({ store: power.wrap });
    const sandbox = await createSandbox(api);
    const cookie = await logIn(api, 'subscriber@example.com');
    power.off();
    const requests = [
      request('/api/session', { cookie }),
      request(REST, { cookie }),
      request('/api/session', { method: 'DELETE', cookie }),
      postLogin(credentials('subscriber@example.com')),
      post('/api/subscription', '{}', { cookie }),
      post('/api/test/reset', '{}'),
      request('/api/test/clock'),
      request('/api/sandboxes', { method: 'POST' }),
      request(`/api/sandboxes/${sandbox}`),
      request(`/api/sandboxes/${sandbox}`, { method: 'DELETE' }),
      request('/api/session', { headers: { 'Lede-Sandbox': sandbox } }),
    ];
    for (const each of requests) {
      const response = await api(each);
      expect(response.status, `${each.method} ${each.url}`).toBe(503);
      expect(await body(response)).toEqual(UNAVAILABLE);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
  });

  test('fails closed: a subscriber asking for the rest gets no byte of it', async () => {
    const power = switchable();
    const { api } = setup({ store: power.wrap });
    const cookie = await logIn(api, 'subscriber@example.com');
    power.off();
    const response = await api(request(REST, { cookie }));
    expect(response.status).toBe(503);
    expectNoGatedText(await response.text());
  });

  test('recovers by itself: once the store answers, sessions and sandboxes made before are served again', async () => {
    const power = switchable();
    const { api } = setup({ store: power.wrap });
    const sandbox = await createSandbox(api);
    const cookie = await logIn(api, 'subscriber@example.com');
    const sandboxCookie = await logIn(sandboxed(api, sandbox), 'reader@example.com');
    power.off();
    expect((await api(request(REST, { cookie }))).status).toBe(503);
    power.on();
    expect((await api(request(REST, { cookie }))).status).toBe(200);
    expect(await whoAmI(sandboxed(api, sandbox), sandboxCookie)).toMatchObject({
      reader: { email: 'reader@example.com' },
    });
  });

  test('requests that need no store are still answered: an unknown endpoint, a bad sandbox id', async () => {
    const power = switchable();
    const { api } = setup({ store: power.wrap });
    power.off();
    expect((await api(request('/api/sandboxes/leave', { method: 'POST' }))).status).toBe(200);
    expect((await api(request('/api/session', { headers: { 'Lede-Sandbox': 'not-a-uuid' } }))).status).toBe(400);
  });
});
