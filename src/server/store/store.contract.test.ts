// Both stores against the one contract (store.contract.ts). The Redis one runs against a private
// redis-server started for this file; each test gets a store with its own key prefix.
import { afterAll, beforeAll } from 'vitest';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import { startRedisServer, type TestRedisServer } from './redis-server.testing.ts';
import { describeStoreContract } from './store.contract.ts';

describeStoreContract('memory', async ({ now, scopeIdleMs }) => ({
  store: createMemoryStore({ now, scopeIdleMs, maxScopes: 10_000 }),
  cleanup: () => Promise.resolve(),
}));

let server: TestRedisServer | undefined;
let prefixes = 0;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

describeStoreContract('redis', async ({ now, scopeIdleMs }) => {
  if (server === undefined) throw new Error('The test Redis did not start.');
  const store = createRedisStore({ url: server.url, scopeIdleMs, now, keyPrefix: `contract-${++prefixes}:` });
  return { store, cleanup: () => store.close() };
});
