import { describe, expect, test } from 'vitest';
import { PERSONAS, findPersona, type Persona, type PersonaId } from '../paywall/personas.ts';
import { createAccountStore } from './accounts.ts';

function persona(id: PersonaId): Persona {
  const found = PERSONAS.find((each) => each.id === id);
  if (found === undefined) throw new Error(`no persona ${id}`);
  return found;
}

describe('createAccountStore', () => {
  test.each(['reader@example.com', ' READER@example.com\t', 'Reader@Example.Com'])(
    'find: %j is the reader persona',
    (email) => {
      expect(createAccountStore().find(email)).toBe(persona('reader'));
    },
  );

  test('find: an unknown email is undefined', () => {
    expect(createAccountStore().find('nobody@example.com')).toBeUndefined();
  });

  test.each(PERSONAS.map(({ id }) => id))('readerOf: the %s persona’s own reader before any subscription', (id) => {
    expect(createAccountStore().readerOf(persona(id))).toEqual(persona(id).reader);
  });

  test.each<PersonaId>(['reader', 'expired'])('startSubscription: the %s persona becomes active', (id) => {
    const accounts = createAccountStore();
    const active = { ...persona(id).reader, subscription: { status: 'active' } };
    expect(accounts.startSubscription(persona(id))).toEqual(active);
    expect(accounts.readerOf(persona(id))).toEqual(active);
  });

  test('startSubscription leaves the persona data and other personas untouched', () => {
    const accounts = createAccountStore();
    accounts.startSubscription(persona('expired'));
    expect(persona('expired').reader.subscription).toEqual({ status: 'expired', endedOn: '2026-03-31' });
    expect(findPersona('expired@example.com')?.reader.subscription.status).toBe('expired');
    expect(accounts.readerOf(persona('reader')).subscription).toEqual({ status: 'none' });
    expect(createAccountStore().readerOf(persona('expired')).subscription.status).toBe('expired');
  });

  test('takeFlakyFailure: true once for the flaky persona, then false', () => {
    const accounts = createAccountStore();
    expect(accounts.takeFlakyFailure(persona('flaky'))).toBe(true);
    expect(accounts.takeFlakyFailure(persona('flaky'))).toBe(false);
    expect(accounts.takeFlakyFailure(persona('flaky'))).toBe(false);
  });

  test.each<PersonaId>(['subscriber', 'reader', 'expired', 'locked', 'slow'])(
    'takeFlakyFailure: always false for the %s persona',
    (id) => {
      const accounts = createAccountStore();
      expect(accounts.takeFlakyFailure(persona(id))).toBe(false);
      expect(accounts.takeFlakyFailure(persona(id))).toBe(false);
    },
  );

  test('each store has its own flaky first attempt', () => {
    const first = createAccountStore();
    expect(first.takeFlakyFailure(persona('flaky'))).toBe(true);
    expect(createAccountStore().takeFlakyFailure(persona('flaky'))).toBe(true);
  });

  test('reset ends mock subscriptions and brings back the flaky first attempt', () => {
    const accounts = createAccountStore();
    accounts.startSubscription(persona('reader'));
    accounts.takeFlakyFailure(persona('flaky'));
    accounts.reset();
    expect(accounts.readerOf(persona('reader'))).toEqual(persona('reader').reader);
    expect(accounts.takeFlakyFailure(persona('flaky'))).toBe(true);
  });
});
