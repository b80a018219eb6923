// The lab's clock form: an amount and a unit, or a date and time in the browser's time zone, read
// into a move the server takes; anything else refused in words.
import { describe, expect, test } from 'vitest';
import { toClockMove } from '../../server/request-schemas.ts';
import { CLOCK_ERRORS, parseAdvance, parseDateTime, toDateTimeValue } from './clock-form.ts';

const MINUTE = 60_000;

describe('advance by', () => {
  test.each<[string, 'minutes' | 'hours' | 'days', number]>([
    ['31', 'minutes', 31 * MINUTE],
    [' 2 ', 'hours', 2 * 60 * MINUTE],
    ['30', 'days', 30 * 24 * 60 * MINUTE],
    ['1000000', 'days', 1_000_000 * 24 * 60 * MINUTE],
  ])('%j %s', (amount, unit, advanceBy) => {
    const parsed = parseAdvance(amount, unit);
    expect(parsed).toEqual({ kind: 'ok', move: { advanceBy } });
    if (parsed.kind === 'ok') expect(toClockMove({ kind: 'json', value: parsed.move }).kind).toBe('ok');
  });

  test.each(['', '0', '-5', '1.5', 'ten', '1e3', '1000001'])('%j: refused', (amount) => {
    expect(parseAdvance(amount, 'minutes')).toEqual({ kind: 'invalid', error: CLOCK_ERRORS.amount });
  });
});

describe('set to a date and time', () => {
  test.each(['2030-01-31T09:00', '2030-01-31T09:00:30', '9999-12-31T23:59'])(
    '%s: the instant it names in this time zone, as ISO 8601 the server takes',
    (local) => {
      const parsed = parseDateTime(local);
      expect(parsed).toEqual({ kind: 'ok', move: { now: new Date(local).toISOString() } });
      if (parsed.kind === 'ok') expect(toClockMove({ kind: 'json', value: parsed.move }).kind).toBe('ok');
    },
  );

  test.each(['', '2030-01-31', '09:00', '2030-02-31T09:00', '2030-13-01T09:00', 'tomorrow', '2030-01-31T09:00Z'])(
    '%j: refused',
    (local) => {
      expect(parseDateTime(local)).toEqual({ kind: 'invalid', error: CLOCK_ERRORS.dateTime });
    },
  );

  test('an instant shown in the field reads back as itself, to the minute', () => {
    const time = Date.parse('2031-06-15T13:45:00Z');
    const parsed = parseDateTime(toDateTimeValue(time));
    expect(parsed).toEqual({ kind: 'ok', move: { now: new Date(time).toISOString() } });
  });
});
