import { describe, expect, test } from 'vitest';
import { faultHeader, faultHeaderValue, type HeaderFault } from './fault-header.js';

describe('faultHeaderValue', () => {
  test.each<[HeaderFault, string]>([
    [{ status: 503 }, 'status=503'],
    [{ kind: 'timeout' }, 'kind=timeout'],
    [{ delayMs: 2000 }, 'delay=2000'],
    [{ status: 503, delayMs: 2000 }, 'status=503; delay=2000'],
    [{ kind: 'status', status: 429 }, 'kind=status; status=429'],
    [{ kind: 'reset', delayMs: 0 }, 'kind=reset; delay=0'],
    [{ kind: 'malformed' }, 'kind=malformed'],
  ])('%j → %s', (fault, value) => {
    expect(faultHeaderValue(fault)).toBe(value);
  });

  test.each<[string, HeaderFault, RegExp]>([
    ['nothing', {}, /needs a kind, a status or a delayMs/],
    ['a kind the server does not know', { kind: 'slow' as never }, /kind is one of status, delay, timeout/],
    ['a status below 400', { status: 302 }, /from 400 to 599; not 302/],
    ['a status above 599', { status: 600 }, /not 600/],
    ['a status that is no whole number', { status: 503.5 }, /not 503.5/],
    ['kind "status" without a status', { kind: 'status' }, /needs a status/],
    ['a negative delay', { delayMs: -1 }, /from 0 to 60000; not -1/],
    ['a delay past a minute', { delayMs: 60_001 }, /not 60001/],
  ])('refuses %s, in words', (_name, fault, message) => {
    expect(() => faultHeaderValue(fault)).toThrow(message);
  });
});

test('faultHeader is the header to spread into a request’s headers', () => {
  expect(faultHeader({ status: 503, delayMs: 2000 })).toEqual({ 'Lede-Fault': 'status=503; delay=2000' });
});
