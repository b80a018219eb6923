// The lab's clock form: "advance by 31 minutes" or "set to this date and time" read into a move
// POST /api/test/clock takes, or the words for what is wrong. Pure: no React, no I/O (the time zone
// a date-time field means is the browser's, as the field itself shows it).
import type { ClockMove } from '../../client-state/api-lab.ts';

export const CLOCK_UNITS = ['minutes', 'hours', 'days'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];

const UNIT_MS: Record<ClockUnit, number> = { minutes: 60_000, hours: 60 * 60_000, days: 24 * 60 * 60_000 };

/** More than enough for any test (about 2,700 years in days), and safe in a JSON number. */
export const MAX_CLOCK_AMOUNT = 1_000_000;

export const CLOCK_ERRORS = {
  amount: `Enter a whole number from 1 to ${MAX_CLOCK_AMOUNT.toLocaleString('en-US')}.`,
  dateTime: 'Enter a date and a time, like 2030-01-31 09:00.',
} as const;

export type ParsedMove = { kind: 'ok'; move: ClockMove } | { kind: 'invalid'; error: string };

export function parseAdvance(amount: string, unit: ClockUnit): ParsedMove {
  const trimmed = amount.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(value >= 1 && value <= MAX_CLOCK_AMOUNT)) return { kind: 'invalid', error: CLOCK_ERRORS.amount };
  return { kind: 'ok', move: { advanceBy: value * UNIT_MS[unit] } };
}

/** A date-time field's value (`2030-01-31T09:00`, the browser's local time) as the instant it names. */
export function parseDateTime(local: string): ParsedMove {
  // Only the field's own format: Date.parse reads a date-time without an offset as local time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) {
    return { kind: 'invalid', error: CLOCK_ERRORS.dateTime };
  }
  const time = Date.parse(local);
  // A date that does not exist (February 31st) is rolled on by Date.parse: refused instead.
  if (Number.isNaN(time) || toDateTimeValue(time) !== local.slice(0, 16)) {
    return { kind: 'invalid', error: CLOCK_ERRORS.dateTime };
  }
  return { kind: 'ok', move: { now: new Date(time).toISOString() } };
}

/** An instant as a date-time field holds it, in the browser's local time, to the minute. */
export function toDateTimeValue(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
