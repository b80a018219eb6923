import { describe, expect, test } from 'vitest';
import { getAccess, type Access } from './access.ts';
import { PERSONAS } from './personas.ts';
import type { Reader, Subscription } from './reader.ts';

function personaWith(status: Subscription['status']): Reader {
  const persona = PERSONAS.find(({ reader }) => reader.subscription.status === status);
  if (persona === undefined) throw new Error(`no demo persona with subscription ${status}`);
  return persona.reader;
}

const subscriber = personaWith('active');
const registered = personaWith('none');

describe('getAccess', () => {
  test.each<[string, Reader | null, number, Access]>([
    ['nobody logged in, nothing gated', null, 0, { kind: 'full' }],
    ['nobody logged in, 8 gated', null, 8, { kind: 'preview', reason: 'sign-in' }],
    ['an active subscriber, nothing gated', subscriber, 0, { kind: 'full' }],
    ['an active subscriber, 8 gated', subscriber, 8, { kind: 'full' }],
    ['a reader without a subscription, nothing gated', registered, 0, { kind: 'full' }],
    ['a reader without a subscription, 8 gated', registered, 8, { kind: 'preview', reason: 'subscribe' }],
  ])('%s → %j', (_name, reader, gatedCount, expected) => {
    expect(getAccess(reader, { gatedCount })).toEqual(expected);
  });

  test('the demo personas are the subscriber and the registered reader', () => {
    expect(subscriber.email).toBe('subscriber@example.com');
    expect(registered.email).toBe('reader@example.com');
  });
});
