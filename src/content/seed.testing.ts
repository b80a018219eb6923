// For the property suites: what every SeedError must satisfy, whichever parser threw it.
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
