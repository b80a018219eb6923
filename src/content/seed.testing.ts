// Seeds for tests, and what every SeedError must satisfy, whichever parser threw it.
import { expect } from 'vitest';
import type { SeedError } from './seed-error.ts';

/** The error names `file` and a place that exists: a real line, a column at most one past its end. */
export function expectRealPlace(error: SeedError, file: string, lineLengths: readonly number[]): void {
  expect(error.file).toBe(file);
  expect(error.message).toBe(`${file}:${error.line}:${error.column}: ${error.problem}`);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lineLengths.length);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeLessThanOrEqual((lineLengths[error.line - 1] ?? 0) + 1);
}

/** The source's paywall trailer, as the last lines of a seed. */
export const TRAILER_LINES = ['To Read The Full Story', '', 'Are you already a subscriber?', 'Click to log in!'];

/** The lines of the smallest valid seed: a headline, dateline, caption, lead, one body paragraph, the trailer. */
export function minimalSeedLines({ headline = 'A Headline', caption = 'A caption. (Credit)' } = {}): string[] {
  return [headline, '', 'CITY', caption, '', 'The lead.', '', 'Body one.', '', ...TRAILER_LINES];
}
