import { describe, expect, test } from 'vitest';
import { PERSONAS, findPersona, type PersonaId } from '../paywall/personas.ts';
import { persona } from '../paywall/personas.testing.ts';
import { memoryScope } from './store/memory-scope.testing.ts';
import type { Scope } from './store/store.ts';
import { createAccountStore, type Account, type AccountStore } from './accounts.ts';

/** The account an address names in `store`, or fails the test. */
async function account(store: AccountStore, address: string): Promise<Account> {
  const found = await store.find(address);
  if (found === undefined) throw new Error(`no account ${address}`);
  return found;
}

function personaAccount(store: AccountStore, id: PersonaId): Promise<Account> {
  return account(store, persona(id).reader.email);
}

describe('createAccountStore', () => {
  test.each(['reader@example.com', ' READER@example.com\t', 'Reader@Example.Com'])(
    'find: %j is the reader persona, as reader@example.com',
    async (email) => {
      expect(await createAccountStore(memoryScope()).find(email)).toEqual({
        address: 'reader@example.com',
        persona: persona('reader'),
        password: { kind: 'demo' },
        verified: true,
      });
    },
  );

  test.each([
    ['reader+a@example.com', 'reader+a@example.com'],
    ['Reader+Worker-3@Example.com', 'reader+worker-3@example.com'],
    ['reader+@example.com', 'reader+@example.com'],
    ['reader+a+b@example.com', 'reader+a+b@example.com'],
  ])('find: plus-addressing: %j is the reader persona, as its own account %j', async (email, address) => {
    expect(await createAccountStore(memoryScope()).find(email)).toEqual({
      address,
      persona: persona('reader'),
      password: { kind: 'demo' },
      verified: true,
    });
  });

  test.each([
    'nobody@example.com',
    'nobody+reader@example.com',
    'reader@example.com+x',
    'readerx@example.com',
    '+reader@example.com',
  ])('find: %j is no account', async (email) => {
    expect(await createAccountStore(memoryScope()).find(email)).toBeUndefined();
  });

  test.each(PERSONAS.filter((each) => !('lifecycle' in each)).map(({ id }) => id))(
    'readerOf: the %s persona’s own reader before any subscription',
    async (id) => {
      const accounts = createAccountStore(memoryScope());
      expect(await accounts.readerOf(await personaAccount(accounts, id))).toEqual(persona(id).reader);
    },
  );

  test('readerOf: a lifecycle persona moves on by the world’s clock, counted from its first sight', async () => {
    const DAY = 24 * 60 * 60_000;
    let now = Date.parse('2026-11-30T10:00:00Z');
    const accounts = createAccountStore(memoryScope(), 100, () => now);
    const pastdue = await personaAccount(accounts, 'pastdue');
    expect((await accounts.readerOf(pastdue)).subscription).toEqual({
      status: 'active',
      standing: { kind: 'past-due', graceEndsOn: '2026-12-03' },
    });
    now += 3 * DAY;
    expect((await accounts.readerOf(pastdue)).subscription).toEqual({ status: 'expired', endedOn: '2026-12-03' });
    // Another address of the persona starts its own lifecycle when first seen.
    expect((await accounts.readerOf(await account(accounts, 'pastdue+b@example.com'))).subscription).toMatchObject({
      status: 'active',
    });
    // A plan bought fixes it; a reset starts the lifecycle again.
    await accounts.startSubscription(pastdue);
    expect((await accounts.readerOf(pastdue)).subscription).toEqual({ status: 'active' });
    await accounts.reset();
    expect((await accounts.readerOf(pastdue)).subscription).toMatchObject({ standing: { kind: 'past-due' } });
  });

  test('readerOf: a plus address is the reader’s email, with the persona’s name and subscription', async () => {
    const accounts = createAccountStore(memoryScope());
    expect(await accounts.readerOf(await account(accounts, 'expired+q@example.com'))).toEqual({
      ...persona('expired').reader,
      email: 'expired+q@example.com',
    });
  });

  test.each<PersonaId>(['reader', 'expired'])('startSubscription: the %s persona becomes active', async (id) => {
    const accounts = createAccountStore(memoryScope());
    const active = { ...persona(id).reader, subscription: { status: 'active' } };
    expect(await accounts.startSubscription(await personaAccount(accounts, id))).toEqual(active);
    expect(await accounts.readerOf(await personaAccount(accounts, id))).toEqual(active);
  });

  test('startSubscription leaves the persona data and other personas untouched', async () => {
    const accounts = createAccountStore(memoryScope());
    await accounts.startSubscription(await personaAccount(accounts, 'expired'));
    expect(persona('expired').reader.subscription).toEqual({ status: 'expired', endedOn: '2026-03-31' });
    expect(findPersona('expired@example.com')?.reader.subscription.status).toBe('expired');
    expect((await accounts.readerOf(await personaAccount(accounts, 'reader'))).subscription).toEqual({
      status: 'none',
    });
    const fresh = createAccountStore(memoryScope());
    expect((await fresh.readerOf(await personaAccount(fresh, 'expired'))).subscription.status).toBe('expired');
  });

  test('startSubscription on a plus address leaves the persona’s own address and other tags unsubscribed', async () => {
    const accounts = createAccountStore(memoryScope());
    await accounts.startSubscription(await account(accounts, 'reader+a@example.com'));
    expect((await accounts.readerOf(await account(accounts, 'reader+a@example.com'))).subscription).toEqual({
      status: 'active',
    });
    expect((await accounts.readerOf(await account(accounts, 'reader+b@example.com'))).subscription).toEqual({
      status: 'none',
    });
    expect((await accounts.readerOf(await account(accounts, 'reader@example.com'))).subscription).toEqual({
      status: 'none',
    });
  });

  test('takeFlakyFailure: true once for the flaky persona, then false', async () => {
    const accounts = createAccountStore(memoryScope());
    const flaky = await personaAccount(accounts, 'flaky');
    expect(await accounts.takeFlakyFailure(flaky)).toBe(true);
    expect(await accounts.takeFlakyFailure(flaky)).toBe(false);
    expect(await accounts.takeFlakyFailure(flaky)).toBe(false);
  });

  test('takeFlakyFailure: each plus address of the flaky persona has its own first failure', async () => {
    const accounts = createAccountStore(memoryScope());
    expect(await accounts.takeFlakyFailure(await account(accounts, 'flaky+1@example.com'))).toBe(true);
    expect(await accounts.takeFlakyFailure(await account(accounts, 'flaky+2@example.com'))).toBe(true);
    expect(await accounts.takeFlakyFailure(await account(accounts, 'flaky+1@example.com'))).toBe(false);
    expect(await accounts.takeFlakyFailure(await personaAccount(accounts, 'flaky'))).toBe(true);
  });

  test.each<PersonaId>(['subscriber', 'reader', 'expired', 'locked', 'slow'])(
    'takeFlakyFailure: always false for the %s persona',
    async (id) => {
      const accounts = createAccountStore(memoryScope());
      expect(await accounts.takeFlakyFailure(await personaAccount(accounts, id))).toBe(false);
      expect(await accounts.takeFlakyFailure(await personaAccount(accounts, id))).toBe(false);
    },
  );

  test('each store has its own flaky first attempt', async () => {
    const first = createAccountStore(memoryScope());
    expect(await first.takeFlakyFailure(await personaAccount(first, 'flaky'))).toBe(true);
    const second = createAccountStore(memoryScope());
    expect(await second.takeFlakyFailure(await personaAccount(second, 'flaky'))).toBe(true);
  });

  test('reset ends mock subscriptions and brings back the flaky first attempt', async () => {
    const accounts = createAccountStore(memoryScope());
    await accounts.startSubscription(await personaAccount(accounts, 'reader'));
    await accounts.takeFlakyFailure(await personaAccount(accounts, 'flaky'));
    await accounts.reset();
    expect(await accounts.readerOf(await personaAccount(accounts, 'reader'))).toEqual(persona('reader').reader);
    expect(await accounts.takeFlakyFailure(await personaAccount(accounts, 'flaky'))).toBe(true);
    expect(await accounts.size()).toBe(1);
  });

  test('the cap: past it, the account written longest ago goes back to its persona’s state', async () => {
    const accounts = createAccountStore(memoryScope(), 3);
    for (const tag of ['a', 'b', 'c', 'd'])
      await accounts.startSubscription(await account(accounts, `reader+${tag}@example.com`));
    expect(await accounts.size()).toBe(3);
    const status = async (tag: string): Promise<string> =>
      (await accounts.readerOf(await account(accounts, `reader+${tag}@example.com`))).subscription.status;
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(status))).toEqual(['none', 'active', 'active', 'active']);
  });

  test("setPassword: a persona's new password replaces the demo one in this world, until a reset", async () => {
    const accounts = createAccountStore(memoryScope());
    await accounts.setPassword(await personaAccount(accounts, 'reader'), 'a brand new secret');
    const reader = await personaAccount(accounts, 'reader');
    expect(await accounts.passwordMatches(reader, 'a brand new secret')).toBe(true);
    expect(await accounts.passwordMatches(reader, 'read-all-about-it')).toBe(false);
    // Its plus addresses are accounts of their own: untouched.
    const tagged = await account(accounts, 'reader+a@example.com');
    expect(await accounts.passwordMatches(tagged, 'read-all-about-it')).toBe(true);
    await accounts.reset();
    expect(await accounts.passwordMatches(await personaAccount(accounts, 'reader'), 'read-all-about-it')).toBe(true);
  });

  test("setPassword: a created account's new password replaces its own", async () => {
    const accounts = createAccountStore(memoryScope());
    await accounts.create('new@example.org', 'the first password');
    await accounts.setPassword(await account(accounts, 'new@example.org'), 'the second password');
    const created = await account(accounts, 'new@example.org');
    expect(await accounts.passwordMatches(created, 'the second password')).toBe(true);
    expect(await accounts.passwordMatches(created, 'the first password')).toBe(false);
    expect(created.persona.id).toBe('created');
  });

  test('passwordMatches: no account is never a match, whatever the password', async () => {
    const accounts = createAccountStore(memoryScope());
    expect(await accounts.passwordMatches(undefined, 'read-all-about-it')).toBe(false);
    expect(await accounts.passwordMatches(undefined, '')).toBe(false);
    expect(await accounts.passwordMatches(await personaAccount(accounts, 'reader'), 'read-all-about-it')).toBe(true);
    expect(await accounts.passwordMatches(await personaAccount(accounts, 'reader'), 'read-all-about-it ')).toBe(false);
  });
});

/** A scope whose writes land late, so that two writers' reads and writes interleave. */
function slowWrites(scope: Scope, ms: number): Scope {
  return {
    collection(spec) {
      const collection = scope.collection(spec);
      return {
        ...collection,
        put: async (...args) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return collection.put(...args);
        },
      };
    },
  };
}

describe('a created account changed twice at the same instant', () => {
  test('a new password and the address verified: both land', async () => {
    const accounts = createAccountStore(slowWrites(memoryScope(), 50));
    await accounts.create('new@example.org', 'the first password');
    const before = await account(accounts, 'new@example.org');
    expect(before.verified).toBe(false);
    await Promise.all([accounts.setPassword(before, 'the second password'), accounts.markVerified(before)]);
    const after = await account(accounts, 'new@example.org');
    expect(after.verified).toBe(true);
    expect(await accounts.passwordMatches(after, 'the second password')).toBe(true);
    expect(await accounts.passwordMatches(after, 'the first password')).toBe(false);
  });
});
