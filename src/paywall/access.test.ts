import { describe, expect, test } from 'vitest';
import {
  getAccess,
  mayReadGated,
  type Access,
  type FullReason,
  type PreviewReason,
  type SiteAccess,
} from './access.ts';
import type { AccessLevel } from './paywall-model.ts';
import { DEMO_PASSWORD, PERSONAS, SLOW_RESPONSE_MS, findPersona, normaliseEmail, type PersonaId } from './personas.ts';
import type { Reader } from './reader.ts';
import { reader } from './personas.testing.ts';

const subscriber = reader('subscriber');
const registered = reader('reader');
const expired = reader('expired');

describe('getAccess under the hard paywall (the default)', () => {
  test.each<[string, Reader | null, number, Access]>([
    ['nobody logged in, nothing gated', null, 0, { kind: 'full', by: 'nothing-gated' }],
    ['nobody logged in, 8 gated', null, 8, { kind: 'preview', reason: 'sign-in' }],
    ['an active subscriber, nothing gated', subscriber, 0, { kind: 'full', by: 'nothing-gated' }],
    ['an active subscriber, 8 gated', subscriber, 8, { kind: 'full', by: 'subscription' }],
    ['a reader without a subscription, nothing gated', registered, 0, { kind: 'full', by: 'nothing-gated' }],
    ['a reader without a subscription, 8 gated', registered, 8, { kind: 'preview', reason: 'subscribe' }],
    ['an expired subscription, nothing gated', expired, 0, { kind: 'full', by: 'nothing-gated' }],
    ['an expired subscription, 8 gated', expired, 8, { kind: 'preview', reason: 'renew' }],
    ['an expired subscription, 1 gated', expired, 1, { kind: 'preview', reason: 'renew' }],
  ])('%s → %j', (_name, reader, gatedCount, expected) => {
    expect(getAccess(reader, { gatedCount })).toEqual(expected);
    expect(getAccess(reader, { gatedCount, access: 'subscriber' }, { model: 'hard' })).toEqual(expected);
  });

  test.each<[PersonaId, Access]>([
    ['subscriber', { kind: 'full', by: 'subscription' }],
    ['reader', { kind: 'preview', reason: 'subscribe' }],
    ['expired', { kind: 'preview', reason: 'renew' }],
    ['locked', { kind: 'full', by: 'subscription' }],
    ['slow', { kind: 'full', by: 'subscription' }],
    ['flaky', { kind: 'full', by: 'subscription' }],
  ])('the %s persona, once logged in, gets %j on a gated article', (id, expected) => {
    expect(getAccess(reader(id), { gatedCount: 8 })).toEqual(expected);
  });

  test('mayReadGated: only an active subscription', () => {
    expect([subscriber, registered, expired].map(mayReadGated)).toEqual([true, false, false]);
  });
});

type Who = 'anonymous' | 'no subscription' | 'expired' | 'subscriber';
const READERS: Record<Who, Reader | null> = {
  anonymous: null,
  'no subscription': registered,
  expired,
  subscriber,
};

const FULL = (by: FullReason): Access => ({ kind: 'full', by });
const PREVIEW = (reason: PreviewReason): Access => ({ kind: 'preview', reason });

/** The meter with room left, and used up, for a metered site. */
const ROOM: SiteAccess = { model: 'metered', meter: { used: 1, limit: 3, counted: false } };
const USED_UP: SiteAccess = { model: 'metered', meter: { used: 3, limit: 3, counted: false } };
const USED_UP_BUT_COUNTED: SiteAccess = { model: 'metered', meter: { used: 3, limit: 3, counted: true } };

describe('getAccess: every model × access level × reader', () => {
  // [model, level, anonymous, no subscription, expired, subscriber]
  test.each<[string, SiteAccess, AccessLevel, Access, Access, Access, Access]>([
    ['free', { model: 'free' }, 'free', FULL('free-model'), FULL('free-model'), FULL('free-model'), FULL('free-model')],
    [
      'free',
      { model: 'free' },
      'registered',
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
    ],
    [
      'free',
      { model: 'free' },
      'metered',
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
    ],
    [
      'free',
      { model: 'free' },
      'subscriber',
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
      FULL('free-model'),
    ],
    [
      'hard',
      { model: 'hard' },
      'free',
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
    ],
    ['hard', { model: 'hard' }, 'registered', PREVIEW('sign-in'), FULL('account'), FULL('account'), FULL('account')],
    [
      'hard',
      { model: 'hard' },
      'metered',
      PREVIEW('sign-in'),
      PREVIEW('subscribe'),
      PREVIEW('renew'),
      FULL('subscription'),
    ],
    [
      'hard',
      { model: 'hard' },
      'subscriber',
      PREVIEW('sign-in'),
      PREVIEW('subscribe'),
      PREVIEW('renew'),
      FULL('subscription'),
    ],
    [
      'registration',
      { model: 'registration' },
      'free',
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
    ],
    [
      'registration',
      { model: 'registration' },
      'registered',
      PREVIEW('register'),
      FULL('account'),
      FULL('account'),
      FULL('account'),
    ],
    [
      'registration',
      { model: 'registration' },
      'metered',
      PREVIEW('register'),
      FULL('account'),
      FULL('account'),
      FULL('account'),
    ],
    [
      'registration',
      { model: 'registration' },
      'subscriber',
      PREVIEW('sign-in'),
      PREVIEW('subscribe'),
      PREVIEW('renew'),
      FULL('subscription'),
    ],
    [
      'metered, room left',
      ROOM,
      'free',
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
    ],
    ['metered, room left', ROOM, 'registered', PREVIEW('register'), FULL('account'), FULL('account'), FULL('account')],
    ['metered, room left', ROOM, 'metered', FULL('meter'), FULL('meter'), FULL('meter'), FULL('subscription')],
    ['metered, room left', ROOM, 'subscriber', FULL('meter'), FULL('meter'), FULL('meter'), FULL('subscription')],
    [
      'metered, used up',
      USED_UP,
      'free',
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
      FULL('free-article'),
    ],
    ['metered, used up', USED_UP, 'registered', PREVIEW('register'), FULL('account'), FULL('account'), FULL('account')],
    [
      'metered, used up',
      USED_UP,
      'metered',
      PREVIEW('meter-used-up'),
      PREVIEW('meter-used-up'),
      PREVIEW('meter-used-up'),
      FULL('subscription'),
    ],
    [
      'metered, used up',
      USED_UP,
      'subscriber',
      PREVIEW('meter-used-up'),
      PREVIEW('meter-used-up'),
      PREVIEW('meter-used-up'),
      FULL('subscription'),
    ],
    [
      'metered, used up, article read before',
      USED_UP_BUT_COUNTED,
      'metered',
      FULL('meter'),
      FULL('meter'),
      FULL('meter'),
      FULL('subscription'),
    ],
  ])('%s model, a %s article: %j, %j, %j, %j', (_name, site, access, ...expected) => {
    const got = (Object.keys(READERS) as Who[]).map((who) => getAccess(READERS[who], { gatedCount: 8, access }, site));
    expect(got).toEqual(expected);
  });

  test.each<SiteAccess>([{ model: 'hard' }, { model: 'registration' }, { model: 'free' }, USED_UP])(
    'nothing gated is open to everyone under %j',
    (site) => {
      for (const reader of Object.values(READERS)) {
        expect(getAccess(reader, { gatedCount: 0, access: 'subscriber' }, site)).toEqual(FULL('nothing-gated'));
      }
    },
  );

  test('an article without a level is a subscriber article', () => {
    for (const site of [{ model: 'hard' }, { model: 'registration' }, ROOM, USED_UP] as const) {
      for (const reader of Object.values(READERS)) {
        expect(getAccess(reader, { gatedCount: 8 }, site)).toEqual(
          getAccess(reader, { gatedCount: 8, access: 'subscriber' }, site),
        );
      }
    }
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
    ['scanned', 'scanned@example.com', { status: 'active' }, 'scanned'],
  ])('%s: %s, subscription %j, fault %s', (id, email, subscription, fault) => {
    const found = findPersona(email);
    expect(found?.id).toBe(id);
    expect(found?.reader.subscription).toEqual(subscription);
    expect(found?.fault).toBe(fault);
  });

  test('there are exactly these twelve, with unique ids and emails', () => {
    expect(PERSONAS.map(({ id }) => id)).toEqual([
      'subscriber',
      'reader',
      'expired',
      'locked',
      'slow',
      'flaky',
      'trial',
      'pastdue',
      'cancelled',
      'gifted',
      'devices',
      'scanned',
      'mfa',
    ]);
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
