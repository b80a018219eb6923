import { describe, expect, test } from 'vitest';
import { mayCancel, mayResume, subscriptionAt, type Lifecycle, PERIOD_MS } from './lifecycle.ts';

const DAY = 24 * 60 * 60_000;
const SINCE = Date.parse('2026-11-30T10:00:00Z');

describe('subscriptionAt', () => {
  test.each<[string, Lifecycle, number, unknown]>([
    [
      'a trial, on its first day',
      { kind: 'trial', days: 7 },
      0,
      { status: 'active', standing: { kind: 'trial', endsOn: '2026-12-07' } },
    ],
    [
      'a trial, a moment before it ends',
      { kind: 'trial', days: 7 },
      7 * DAY - 1,
      { status: 'active', standing: { kind: 'trial', endsOn: '2026-12-07' } },
    ],
    ['a trial, once it ended: paid', { kind: 'trial', days: 7 }, 7 * DAY, { status: 'active' }],
    [
      'past due, in the grace period',
      { kind: 'past-due', graceDays: 3 },
      2 * DAY,
      { status: 'active', standing: { kind: 'past-due', graceEndsOn: '2026-12-03' } },
    ],
    [
      'past due, after the grace period: ended',
      { kind: 'past-due', graceDays: 3 },
      3 * DAY,
      { status: 'expired', endedOn: '2026-12-03' },
    ],
    [
      'cancelled, before its end',
      { kind: 'cancelled', days: 5 },
      4 * DAY,
      { status: 'active', standing: { kind: 'cancelled', endsOn: '2026-12-05' } },
    ],
    [
      'cancelled, at its end: ended',
      { kind: 'cancelled', days: 5 },
      5 * DAY,
      { status: 'expired', endedOn: '2026-12-05' },
    ],
    [
      'gifted, before its end',
      { kind: 'gifted', days: 30 },
      29 * DAY,
      { status: 'active', standing: { kind: 'gifted', endsOn: '2026-12-30' } },
    ],
    [
      'gifted, after its end: ended',
      { kind: 'gifted', days: 30 },
      31 * DAY,
      { status: 'expired', endedOn: '2026-12-30' },
    ],
  ])('%s', (_name, lifecycle, after, expected) => {
    expect(subscriptionAt({ start: { status: 'active' }, lifecycle, since: SINCE }, SINCE + after)).toEqual(expected);
  });

  test('a paid subscription cancelled runs to the end of its 30-day period, then ends', () => {
    const history = {
      start: { status: 'active' } as const,
      since: SINCE,
      cancellation: { kind: 'cancelled' as const, at: SINCE + 40 * DAY },
    };
    expect(subscriptionAt(history, SINCE + 59 * DAY)).toEqual({
      status: 'active',
      standing: { kind: 'cancelled', endsOn: '2027-01-29' },
    });
    expect(subscriptionAt(history, SINCE + 2 * PERIOD_MS)).toEqual({ status: 'expired', endedOn: '2027-01-29' });
  });

  test('a trial cancelled ends with the trial; resumed, it turns paid', () => {
    const trial: Lifecycle = { kind: 'trial', days: 7 };
    const cancelled = {
      start: { status: 'active' } as const,
      lifecycle: trial,
      since: SINCE,
      cancellation: { kind: 'cancelled' as const, at: SINCE + DAY },
    };
    expect(subscriptionAt(cancelled, SINCE + 2 * DAY)).toEqual({
      status: 'active',
      standing: { kind: 'cancelled', endsOn: '2026-12-07' },
    });
    expect(subscriptionAt(cancelled, SINCE + 7 * DAY)).toEqual({ status: 'expired', endedOn: '2026-12-07' });
    const resumed = { ...cancelled, cancellation: { kind: 'resumed' as const } };
    expect(subscriptionAt(resumed, SINCE + 8 * DAY)).toEqual({ status: 'active' });
  });

  test('the cancelled persona, resumed, is a paid subscription; a plan bought overrides any lifecycle', () => {
    const cancelledPersona = {
      start: { status: 'active' } as const,
      lifecycle: { kind: 'cancelled', days: 5 } as const,
      since: SINCE,
    };
    expect(subscriptionAt({ ...cancelledPersona, cancellation: { kind: 'resumed' } }, SINCE + 6 * DAY)).toEqual({
      status: 'active',
    });
    const pastDue = {
      start: { status: 'active' } as const,
      lifecycle: { kind: 'past-due', graceDays: 3 } as const,
      since: SINCE,
    };
    expect(subscriptionAt({ ...pastDue, boughtAt: SINCE + DAY }, SINCE + 10 * DAY)).toEqual({ status: 'active' });
  });

  test('what a reader may cancel or resume', () => {
    expect(mayCancel({ status: 'active' })).toBe(true);
    expect(mayCancel({ status: 'active', standing: { kind: 'trial', endsOn: '2026-12-07' } })).toBe(true);
    expect(mayCancel({ status: 'active', standing: { kind: 'gifted', endsOn: '2026-12-07' } })).toBe(false);
    expect(mayCancel({ status: 'none' })).toBe(false);
    expect(mayResume({ status: 'active', standing: { kind: 'cancelled', endsOn: '2026-12-07' } })).toBe(true);
    expect(mayResume({ status: 'expired', endedOn: '2026-12-07' })).toBe(false);
  });
});
