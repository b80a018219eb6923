import { describe, expect, test } from 'vitest';
import { getAccess, type Access } from './access.ts';
import { DEMO_PASSWORD, PERSONAS, SLOW_RESPONSE_MS, findPersona, normaliseEmail, type PersonaId } from './personas.ts';
import type { Reader } from './reader.ts';
import { reader } from './personas.testing.ts';

const subscriber = reader('subscriber');
const registered = reader('reader');
const expired = reader('expired');

describe('getAccess', () => {
  test.each<[string, Reader | null, number, Access]>([
    ['nobody logged in, nothing gated', null, 0, { kind: 'full' }],
    ['nobody logged in, 8 gated', null, 8, { kind: 'preview', reason: 'sign-in' }],
    ['an active subscriber, nothing gated', subscriber, 0, { kind: 'full' }],
    ['an active subscriber, 8 gated', subscriber, 8, { kind: 'full' }],
    ['a reader without a subscription, nothing gated', registered, 0, { kind: 'full' }],
    ['a reader without a subscription, 8 gated', registered, 8, { kind: 'preview', reason: 'subscribe' }],
    ['an expired subscription, nothing gated', expired, 0, { kind: 'full' }],
    ['an expired subscription, 8 gated', expired, 8, { kind: 'preview', reason: 'renew' }],
    ['an expired subscription, 1 gated', expired, 1, { kind: 'preview', reason: 'renew' }],
  ])('%s → %j', (_name, reader, gatedCount, expected) => {
    expect(getAccess(reader, { gatedCount })).toEqual(expected);
  });

  test.each<[PersonaId, Access]>([
    ['subscriber', { kind: 'full' }],
    ['reader', { kind: 'preview', reason: 'subscribe' }],
    ['expired', { kind: 'preview', reason: 'renew' }],
    ['locked', { kind: 'full' }],
    ['slow', { kind: 'full' }],
    ['flaky', { kind: 'full' }],
  ])('the %s persona, once logged in, gets %j on a gated article', (id, expected) => {
    expect(getAccess(reader(id), { gatedCount: 8 })).toEqual(expected);
  });
});

describe('the demo personas', () => {
  test.each<[PersonaId, string, Reader['subscription'], string | undefined]>([
    ['subscriber', 'subscriber@example.com', { status: 'active' }, undefined],
    ['reader', 'reader@example.com', { status: 'none' }, undefined],
    ['expired', 'expired@example.com', { status: 'expired', endedOn: '2026-03-31' }, undefined],
    ['locked', 'locked@example.com', { status: 'active' }, 'locked'],
    ['slow', 'slow@example.com', { status: 'active' }, 'slow'],
    ['flaky', 'flaky@example.com', { status: 'active' }, 'flaky'],
  ])('%s: %s, subscription %j, fault %s', (id, email, subscription, fault) => {
    const found = findPersona(email);
    expect(found?.id).toBe(id);
    expect(found?.reader.subscription).toEqual(subscription);
    expect(found?.fault).toBe(fault);
  });

  test('there are exactly these six, with unique ids and emails', () => {
    expect(PERSONAS.map(({ id }) => id)).toEqual(['subscriber', 'reader', 'expired', 'locked', 'slow', 'flaky']);
    expect(new Set(PERSONAS.map(({ reader }) => reader.email)).size).toBe(PERSONAS.length);
  });

  test('one shared demo password; the slow persona waits 3 seconds', () => {
    expect(DEMO_PASSWORD).toBe('read-all-about-it');
    expect(SLOW_RESPONSE_MS).toBe(3000);
  });

  test.each([
    [' Reader@Example.COM ', 'reader@example.com'],
    ['\tEXPIRED@example.com\n', 'expired@example.com'],
  ])('emails are trimmed and lower-cased: %j → %j', (email, normalised) => {
    expect(normaliseEmail(email)).toBe(normalised);
    expect(findPersona(email)?.reader.email).toBe(normalised);
  });

  test('an unknown email is no persona', () => {
    expect(findPersona('nobody@example.com')).toBeUndefined();
  });
});
