import { expect, test } from 'vitest';
import { decodeBase32, totpCode } from './totp.js';

// RFC 6238 appendix B's SHA-1 vectors: the secret is the ASCII "12345678901234567890", 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test.each<[number, string]>([
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
])('RFC 6238 at %i s: %s', (seconds, code) => {
  expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
});

test('six digits by default: the last six of the eight', () => {
  expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
});

test('one code for the whole 30-second step', () => {
  expect(totpCode(RFC_SECRET, 30_000)).toBe(totpCode(RFC_SECRET, 59_999));
  expect(totpCode(RFC_SECRET, 60_000)).not.toBe(totpCode(RFC_SECRET, 59_999));
});

test('base32 decodes case-blind, padding ignored, and refuses other characters', () => {
  expect(decodeBase32('gezdgnbvgy3tqojq').toString()).toBe('1234567890');
  expect(decodeBase32('MZXW6===').toString()).toBe('foo');
  expect(() => decodeBase32('MZXW1')).toThrow('"1" is no base32 digit');
});
