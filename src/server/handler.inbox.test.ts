// The test inbox's routes: a test hook (served in every sandbox, and in the default world only with
// the hooks on), scoped to the caller's world.
import { describe, expect, test } from 'vitest';
import { body, createSandbox, request, sandboxed, setup } from './handler.testing.ts';

const INBOX = '/api/test/inbox';

describe('the test inbox', () => {
  test('an empty world answers no messages; DELETE says how many it deleted', async () => {
    const { api } = setup();
    const answer = await api(request(`${INBOX}?to=reader@example.com`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    expect(await body(answer)).toEqual({ messages: [] });
    expect(await body(await api(request(INBOX, { method: 'DELETE' })))).toEqual({ deleted: 0 });
  });

  test('without the test hooks the default world has no inbox (404), but a sandbox has', async () => {
    const { api } = setup({ testHooks: false });
    expect((await api(request(INBOX))).status).toBe(404);
    const sandbox = sandboxed(api, await createSandbox(api));
    expect((await sandbox(request(INBOX))).status).toBe(200);
  });

  test('other methods get 405 with Allow; an absurdly long `to` finds nothing', async () => {
    const { api } = setup();
    const refused = await api(request(INBOX, { method: 'PUT' }));
    expect(refused.status).toBe(405);
    expect(refused.headers.get('Allow')).toBe('GET, DELETE');
    expect(await body(await api(request(`${INBOX}?to=${'a'.repeat(400)}`)))).toEqual({ messages: [] });
  });
});
