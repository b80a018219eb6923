import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FAULT_RULES, createFaults, matchesPath, parseFaultHeader, type FaultRule } from './faults.ts';
import { memoryScope } from './store/memory-scope.testing.ts';
import { createRedisStore } from './store/redis-store.ts';
import { startRedisServer, type TestRedisServer } from './store/redis-server.testing.ts';

describe('matchesPath', () => {
  test.each([
    ['/api/session', '/api/session', true],
    ['/api/session', '/api/session/status', false],
    ['/api/articles/*/rest', '/api/articles/a-story/rest', true],
    ['/api/articles/*/rest', '/api/articles/a/b/rest', false],
    ['/api/**', '/api/articles/a/b/rest', true],
    ['/api/session.json', '/api/sessionXjson', false],
    ['/api/(x)', '/api/(x)', true],
  ])('%s names %s: %s', (pattern, pathname, expected) => {
    expect(matchesPath(pattern, pathname)).toBe(expected);
  });
});

describe('parseFaultHeader', () => {
  test('none, a status with a delay, a kind', () => {
    expect(parseFaultHeader(null)).toBeUndefined();
    expect(parseFaultHeader('  ')).toBeUndefined();
    expect(parseFaultHeader('status=503; delay=2000')).toEqual({
      source: 'header',
      kind: 'status',
      status: 503,
      delayMs: 2000,
    });
    expect(parseFaultHeader('Kind=timeout')).toEqual({ source: 'header', kind: 'timeout' });
    expect(parseFaultHeader('delay=50')).toEqual({ source: 'header', kind: 'delay', delayMs: 50 });
  });
});

const rule = (id: string): FaultRule => ({ id, path: '/api/session', kind: 'status', status: 503 });

describe('rules changed at the same instant', () => {
  test('adds and removes all land, the other rules keeping their counts', async () => {
    const faults = createFaults(memoryScope());
    await faults.add(rule('kept'));
    expect(await faults.take('GET', '/api/session')).toMatchObject({ source: 'kept' });
    const ids = Array.from({ length: MAX_FAULT_RULES - 1 }, (_, index) => `rule-${index}`);
    expect(await Promise.all(ids.map((id) => faults.add(rule(id))))).toEqual(ids.map(() => 'added'));
    expect((await faults.list()).map((each) => each.id).sort()).toEqual(['kept', ...ids].sort());
    expect(await Promise.all(ids.map((id) => faults.remove(id)))).toEqual(ids.map(() => true));
    expect(await faults.list()).toEqual([{ ...rule('kept'), fired: 1 }]);
  });

  test('past the limit, adds at the same instant are refused, not let over it', async () => {
    const faults = createFaults(memoryScope());
    const ids = Array.from({ length: MAX_FAULT_RULES + 5 }, (_, index) => `rule-${index}`);
    const answers = await Promise.all(ids.map((id) => faults.add(rule(id))));
    expect(answers.filter((answer) => answer === 'added')).toHaveLength(MAX_FAULT_RULES);
    expect(answers.filter((answer) => answer === 'full')).toHaveLength(5);
    expect(await faults.list()).toHaveLength(MAX_FAULT_RULES);
  });
});

describe('rules changed at the same instant on two instances sharing one Redis', () => {
  let server: TestRedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('every add lands once, and the limit holds across both', async () => {
    const stores = [0, 1].map(() =>
      createRedisStore({ url: server.url, scopeIdleMs: 60_000, keyPrefix: 'faults-race:' }),
    );
    try {
      const [one, two] = stores.map((store) => createFaults(store.scope('world')));
      if (one === undefined || two === undefined) throw new Error('two instances expected');
      const ids = Array.from({ length: MAX_FAULT_RULES + 4 }, (_, index) => `rule-${index}`);
      const answers = await Promise.all(ids.map((id, index) => (index % 2 === 0 ? one : two).add(rule(id))));
      expect(answers.filter((answer) => answer === 'added')).toHaveLength(MAX_FAULT_RULES);
      const listed = (await two.list()).map((each) => each.id);
      expect(new Set(listed).size).toBe(MAX_FAULT_RULES);
      expect(listed.every((id) => ids.includes(id))).toBe(true);
      const removing = listed.slice(0, 6);
      expect(await Promise.all(removing.map((id, index) => (index % 2 === 0 ? two : one).remove(id)))).toEqual(
        removing.map(() => true),
      );
      expect((await one.list()).map((each) => each.id)).toEqual(listed.slice(6));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
