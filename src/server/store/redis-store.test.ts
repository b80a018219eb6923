// What only the Redis store does: Redis holds the TTLs, the store fails fast while Redis is away
// and recovers by itself, several instances share one state, and a hung Redis fails a request
// within the command timeout. The behaviour it shares with the memory store is in store.contract.ts.
import net from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from './redis-store.ts';
import { startRedisServer, type TestRedisServer } from './redis-server.testing.ts';
import { StoreUnavailableError, type CollectionSpec, type Store } from './store.ts';

const SPEC: CollectionSpec = { name: 'things', ttlMs: 60_000, cap: 1000, whenFull: 'evict-oldest' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let server: TestRedisServer;
let prefixes = 0;
const freshPrefix = () => `redis-test-${++prefixes}:`;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.stop();
});

/** Resolves once `store.isReady()` does, or fails after `ms`. */
async function waitUntilReady(store: Store, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await store.isReady())) {
    if (Date.now() > deadline) throw new Error(`The store was not ready again within ${ms} ms.`);
    await sleep(50);
  }
}

/** How an operation failed, and how long it took to. */
async function failure(operation: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await operation();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('The operation succeeded.');
}

describe('the Redis store', () => {
  it('gives every entry and index a TTL, so Redis expires them itself', async () => {
    const keyPrefix = freshPrefix();
    const store = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix });
    const raw = createClient({ url: server.url });
    raw.on('error', () => {});
    await raw.connect();
    try {
      const things = store.scope('world').collection({ ...SPEC, ttlMs: 5000 });
      await things.put('value', 'x');
      await things.append('list', 'x', 3);
      await things.raise('number', 3);
      const base = `${keyPrefix}world:things:`;
      for (const key of [`${base}v:value`, `${base}v:list`, `${base}v:number`, `${base}index`]) {
        const ttl = await raw.pTTL(key);
        expect(ttl, key).toBeGreaterThan(4000);
        expect(ttl, key).toBeLessThanOrEqual(5000);
      }
      expect(await raw.zRange(`${base}index`, 0, -1)).toEqual(['value', 'list', 'number']);
      await things.delete('value');
      expect(await raw.exists(`${base}v:value`)).toBe(0);
      expect(await raw.zRange(`${base}index`, 0, -1)).toEqual(['list', 'number']);
    } finally {
      await raw.close();
      await store.close();
    }
  });

  it('clears a collection larger than one batch, leaving no key behind', async () => {
    const keyPrefix = freshPrefix();
    const store = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix });
    const raw = createClient({ url: server.url });
    raw.on('error', () => {});
    await raw.connect();
    try {
      const things = store.scope('world').collection({ ...SPEC, cap: 2000 });
      const other = store.scope('world').collection({ ...SPEC, name: 'other' });
      await Promise.all(Array.from({ length: 1234 }, (_, i) => things.put(`key-${i}`, 'x')));
      await other.put('kept', 'x');
      expect(await things.size()).toBe(1234);
      await things.clear();
      expect(await things.size()).toBe(0);
      expect((await raw.keys(`${keyPrefix}*`)).sort()).toEqual(
        [`${keyPrefix}world:other:index`, `${keyPrefix}world:other:v:kept`].sort(),
      );
    } finally {
      await raw.close();
      await store.close();
    }
  });

  it('keeps the write order of entries written within one millisecond', async () => {
    // A stopped clock: every write has the same expiry, so only the index's tie-break orders them.
    const at = Date.now();
    const store = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix: freshPrefix(), now: () => at });
    try {
      const things = store.scope('world').collection({ ...SPEC, cap: 4 });
      // Each rewrite makes its key the newest, even the key that already was.
      await things.raise('n1', 0);
      await things.append('l0', 'x', 2);
      await things.append('l0', 'y', 2);
      await things.append('l1', 'x', 2);
      await things.raise('n0', 0);
      await things.put('v0', 'x');
      expect(await things.get('n1')).toBeUndefined();
      expect(await things.append('l0', 'z', 2)).toEqual(['y', 'z']);
      for (const key of ['k0', 'k1', 'k2']) await things.put(key, 'x');
      expect(await things.get('v0')).toBeUndefined();
      expect(await things.append('l0', 'w', 2)).toEqual(['z', 'w']);
      expect(await things.size()).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('fails fast while Redis is down, and recovers by itself when it is back', async () => {
    const own = await startRedisServer();
    const lines: string[] = [];
    const store = createRedisStore({ url: own.url, scopeIdleMs: 1000, log: (line) => lines.push(line) });
    try {
      const things = store.scope('world').collection(SPEC);
      await things.put('a', 'one');
      expect(await store.isReady()).toBe(true);

      await own.stop();
      const operations: Array<() => Promise<unknown>> = [
        () => things.get('a'),
        () => things.put('a', 'two'),
        () => things.put('b', 'two', 'if-absent'),
        () => things.delete('a'),
        () => things.append('list', 'x', 3),
        () => things.raise('n', 1),
        () => things.size(),
        () => things.clear(),
      ];
      for (const operation of operations) {
        const { error, ms } = await failure(operation);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).cause).toBeDefined();
        expect(ms).toBeLessThan(1000);
      }
      expect(await store.isReady()).toBe(false);
      // Reconnection attempts keep failing meanwhile; still one line for the whole outage.
      await sleep(500);
      expect(lines.filter((line) => line.includes('unavailable'))).toHaveLength(1);

      await own.restart();
      await waitUntilReady(store, 5000);
      // The restarted Redis is empty (nothing is persisted), and serves the same store object.
      expect(await things.get('a')).toBeUndefined();
      expect(await things.put('a', 'three')).toEqual({ kind: 'stored' });
      expect(await things.get('a')).toBe('three');
      expect(lines.at(-1)).toMatch(/reconnected/);
    } finally {
      await store.close();
      await own.stop();
    }
  }, 15_000);

  it('fails a command Redis does not answer within the command timeout', async () => {
    const proxy = await startFreezableProxy(server.port);
    const store = createRedisStore({
      url: `redis://127.0.0.1:${proxy.port}`,
      scopeIdleMs: 1000,
      keyPrefix: freshPrefix(),
      commandTimeoutMs: 300,
    });
    try {
      const things = store.scope('world').collection(SPEC);
      await things.put('a', 'one');
      proxy.freeze();
      const { error, ms } = await failure(() => things.get('a'));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(1000);
      expect(await store.isReady()).toBe(false);
      proxy.thaw();
      await waitUntilReady(store, 2000);
      expect(await things.get('a')).toBe('one');
    } finally {
      await store.close();
      await proxy.close();
    }
  });

  it('lets two instances share one state, losing none of their concurrent writes', async () => {
    const keyPrefix = freshPrefix();
    const one = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix });
    const two = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix });
    try {
      const fromOne = one.scope('world').collection(SPEC);
      const fromTwo = two.scope('world').collection(SPEC);
      await fromOne.put('a', 'one');
      expect(await fromTwo.get('a')).toBe('one');
      expect(await fromTwo.put('a', 'two', 'if-absent')).toEqual({ kind: 'not-stored' });
      expect(await fromTwo.delete('a')).toBe(true);
      expect(await fromOne.get('a')).toBeUndefined();

      const items = Array.from({ length: 50 }, (_, i) => `item-${i}`);
      await Promise.all(items.map((item, i) => (i % 2 === 0 ? fromOne : fromTwo).append('list', item, 100)));
      const list = await fromOne.append('list', 'last', 100);
      expect(new Set(list)).toEqual(new Set([...items, 'last']));

      const values = items.map((_, i) => (i * 7919) % 1000);
      await Promise.all(values.map((value, i) => (i % 2 === 0 ? fromOne : fromTwo).raise('max', value)));
      expect(await fromTwo.raise('max', 0)).toBe(Math.max(...values));
      expect(await fromOne.size()).toBe(2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('closes once, however often asked; afterwards it is unavailable', async () => {
    const store = createRedisStore({ url: server.url, scopeIdleMs: 1000, keyPrefix: freshPrefix() });
    const things = store.scope('world').collection(SPEC);
    await things.put('a', 'one');
    await Promise.all([store.close(), store.close()]);
    await store.close();
    expect(await store.isReady()).toBe(false);
    await expect(things.get('a')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('can be closed before it ever connected', async () => {
    const store = createRedisStore({ url: server.url, scopeIdleMs: 1000 });
    await store.close();
    await store.close();
  });
});

/**
 * A TCP proxy to Redis that can stop passing Redis's answers on: a Redis that still accepts
 * commands but has hung.
 */
async function startFreezableProxy(
  targetPort: number,
): Promise<{ port: number; freeze(): void; thaw(): void; close(): Promise<void> }> {
  let frozen = false;
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    client.on('data', (data) => upstream.write(data));
    upstream.on('data', (data) => {
      if (frozen) held.push(() => client.write(data));
      else client.write(data);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (address === null || typeof address !== 'object') throw new Error('The proxy has no port.');
  return {
    port: address.port,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const release of held.splice(0)) release();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}
