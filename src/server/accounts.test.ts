import { describe, expect, test } from 'vitest';
import { PERSONAS, findPersona, type Persona, type PersonaId } from '../paywall/personas.ts';
import { createAccountStore, type Account, type AccountStore } from './accounts.ts';

function persona(id: PersonaId): Persona {
  const found = PERSONAS.find((each) => each.id === id);
  if (found === undefined) throw new Error(`no persona ${id}`);
  return found;
}

/** The account an address names in `store`, or fails the test. */
function account(store: AccountStore, address: string): Account {
  const found = store.find(address);
  if (found === undefined) throw new Error(`no account ${address}`);
  return found;
}

function personaAccount(store: AccountStore, id: PersonaId): Account {
  return account(store, persona(id).reader.email);
}

describe('createAccountStore', () => {
  test.each(['reader@example.com', ' READER@example.com\t', 'Reader@Example.Com'])(
    'find: %j is the reader persona, as reader@example.com',
    (email) => {
      expect(createAccountStore().find(email)).toEqual({ address: 'reader@example.com', persona: persona('reader') });
    },
  );

  test.each([
    ['reader+a@example.com', 'reader+a@example.com'],
    ['Reader+Worker-3@Example.com', 'reader+worker-3@example.com'],
    ['reader+@example.com', 'reader+@example.com'],
    ['reader+a+b@example.com', 'reader+a+b@example.com'],
  ])('find: plus-addressing: %j is the reader persona, as its own account %j', (email, address) => {
    expect(createAccountStore().find(email)).toEqual({ address, persona: persona('reader') });
  });

  test.each([
    'nobody@example.com',
    'nobody+reader@example.com',
    'reader@example.com+x',
    'readerx@example.com',
    '+reader@example.com',
  ])('find: %j is no account', (email) => {
    expect(createAccountStore().find(email)).toBeUndefined();
  });

  test.each(PERSONAS.map(({ id }) => id))('readerOf: the %s persona’s own reader before any subscription', (id) => {
    const accounts = createAccountStore();
    expect(accounts.readerOf(personaAccount(accounts, id))).toEqual(persona(id).reader);
  });

  test('readerOf: a plus address is the reader’s email, with the persona’s name and subscription', () => {
    const accounts = createAccountStore();
    expect(accounts.readerOf(account(accounts, 'expired+q@example.com'))).toEqual({
      ...persona('expired').reader,
      email: 'expired+q@example.com',
    });
  });

  test.each<PersonaId>(['reader', 'expired'])('startSubscription: the %s persona becomes active', (id) => {
    const accounts = createAccountStore();
    const active = { ...persona(id).reader, subscription: { status: 'active' } };
    expect(accounts.startSubscription(personaAccount(accounts, id))).toEqual(active);
    expect(accounts.readerOf(personaAccount(accounts, id))).toEqual(active);
  });

  test('startSubscription leaves the persona data and other personas untouched', () => {
    const accounts = createAccountStore();
    accounts.startSubscription(personaAccount(accounts, 'expired'));
    expect(persona('expired').reader.subscription).toEqual({ status: 'expired', endedOn: '2026-03-31' });
    expect(findPersona('expired@example.com')?.reader.subscription.status).toBe('expired');
    expect(accounts.readerOf(personaAccount(accounts, 'reader')).subscription).toEqual({ status: 'none' });
    const fresh = createAccountStore();
    expect(fresh.readerOf(personaAccount(fresh, 'expired')).subscription.status).toBe('expired');
  });

  test('startSubscription on a plus address leaves the persona’s own address and other tags unsubscribed', () => {
    const accounts = createAccountStore();
    accounts.startSubscription(account(accounts, 'reader+a@example.com'));
    expect(accounts.readerOf(account(accounts, 'reader+a@example.com')).subscription).toEqual({ status: 'active' });
    expect(accounts.readerOf(account(accounts, 'reader+b@example.com')).subscription).toEqual({ status: 'none' });
    expect(accounts.readerOf(account(accounts, 'reader@example.com')).subscription).toEqual({ status: 'none' });
  });

  test('takeFlakyFailure: true once for the flaky persona, then false', () => {
    const accounts = createAccountStore();
    const flaky = personaAccount(accounts, 'flaky');
    expect(accounts.takeFlakyFailure(flaky)).toBe(true);
    expect(accounts.takeFlakyFailure(flaky)).toBe(false);
    expect(accounts.takeFlakyFailure(flaky)).toBe(false);
  });

  test('takeFlakyFailure: each plus address of the flaky persona has its own first failure', () => {
    const accounts = createAccountStore();
    expect(accounts.takeFlakyFailure(account(accounts, 'flaky+1@example.com'))).toBe(true);
    expect(accounts.takeFlakyFailure(account(accounts, 'flaky+2@example.com'))).toBe(true);
    expect(accounts.takeFlakyFailure(account(accounts, 'flaky+1@example.com'))).toBe(false);
    expect(accounts.takeFlakyFailure(personaAccount(accounts, 'flaky'))).toBe(true);
  });

  test.each<PersonaId>(['subscriber', 'reader', 'expired', 'locked', 'slow'])(
    'takeFlakyFailure: always false for the %s persona',
    (id) => {
      const accounts = createAccountStore();
      expect(accounts.takeFlakyFailure(personaAccount(accounts, id))).toBe(false);
      expect(accounts.takeFlakyFailure(personaAccount(accounts, id))).toBe(false);
    },
  );

  test('each store has its own flaky first attempt', () => {
    const first = createAccountStore();
    expect(first.takeFlakyFailure(personaAccount(first, 'flaky'))).toBe(true);
    const second = createAccountStore();
    expect(second.takeFlakyFailure(personaAccount(second, 'flaky'))).toBe(true);
  });

  test('reset ends mock subscriptions and brings back the flaky first attempt', () => {
    const accounts = createAccountStore();
    accounts.startSubscription(personaAccount(accounts, 'reader'));
    accounts.takeFlakyFailure(personaAccount(accounts, 'flaky'));
    accounts.reset();
    expect(accounts.readerOf(personaAccount(accounts, 'reader'))).toEqual(persona('reader').reader);
    expect(accounts.takeFlakyFailure(personaAccount(accounts, 'flaky'))).toBe(true);
    expect(accounts.size).toBe(1);
  });

  test('the cap: past it, the account written longest ago goes back to its persona’s state', () => {
    const accounts = createAccountStore(3);
    for (const tag of ['a', 'b', 'c', 'd']) accounts.startSubscription(account(accounts, `reader+${tag}@example.com`));
    expect(accounts.size).toBe(3);
    const status = (tag: string): string =>
      accounts.readerOf(account(accounts, `reader+${tag}@example.com`)).subscription.status;
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['none', 'active', 'active', 'active']);
  });
});
