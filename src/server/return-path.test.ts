// The server's return path keeps the app's rules: both read every hostile address, and any string
// at all, alike.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toReturnPath } from '../client-state/return-path.ts';
import { HOSTILE_RETURN_ADDRESSES } from '../client-state/hostile-return-addresses.ts';
import { toServerReturnPath } from './return-path.ts';

describe('toServerReturnPath', () => {
  test.each(HOSTILE_RETURN_ADDRESSES)('$trick: $value goes home, as in the app', ({ value }) => {
    expect(toServerReturnPath(value)).toBe('/');
    expect(toServerReturnPath(value)).toBe(toReturnPath(value));
  });

  test.each([null, '/articles/x?a=1#p', '/articles/y/../x', '/login', '/LOGIN/', '/account', '/articles/café'])(
    'the same answer as the app: %j',
    (next) => {
      expect(toServerReturnPath(next)).toBe(toReturnPath(next));
    },
  );

  test('any string: the same answer as the app', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })),
        (next) => toServerReturnPath(next) === toReturnPath(next),
      ),
    );
  });
});
