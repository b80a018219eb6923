import fc from 'fast-check';
import { resolvePath } from 'react-router-dom';
import { describe, expect, test } from 'vitest';
import { HOSTILE_RETURN_ADDRESSES } from './hostile-return-addresses.ts';
import { toLoginPath, toReturnPath, toSubscribePath } from './return-path.ts';

const OUR_ORIGIN = 'http://lede.example';

/** Where a browser on our origin goes for `path`, the way react-router's navigate() resolves it. */
function whereNavigateGoes(path: string): URL {
  const { pathname, search, hash } = resolvePath(path, '/login');
  return new URL(`${pathname}${search}${hash}`, OUR_ORIGIN);
}

describe('toReturnPath refuses', () => {
  test('no value at all', () => {
    expect(toReturnPath(null)).toBe('/');
  });

  test('at least 25 hostile values, in every category the issue names', () => {
    expect(HOSTILE_RETURN_ADDRESSES.length).toBeGreaterThanOrEqual(25);
  });

  test.each(HOSTILE_RETURN_ADDRESSES)('$trick: $value', ({ value }) => {
    expect(toReturnPath(value)).toBe('/');
  });

  // Returning to the login page would only say "You are logged in"; a nested next is not followed.
  test.each([
    '/login',
    '/LOGIN',
    '/Login/',
    '/login//',
    '/./login',
    '/articles/../login',
    '/%6Cogin',
    '/login?next=/x',
  ])('the login page itself: %j', (next) => {
    expect(toReturnPath(next)).toBe('/');
  });

  test.each(['/articles/%E0%A4%A', '/%zz'])('a path that is not valid percent-encoding: %j', (next) => {
    expect(toReturnPath(next)).toBe('/');
  });
});

describe('toReturnPath keeps', () => {
  test.each([
    '/',
    '/articles/x',
    '/articles/x?a=1#p',
    '/articles/report-israel-leaving-u-s-largely?utm_source=newsletter&b=2#gate-heading',
    '/subscribe?next=%2Farticles%2Fx',
    // Encoded slashes in the query or hash cannot move the path: they stay.
    '/articles/x?next=%2F%2Fevil.example',
    '/articles/x?next=//evil.example#//evil.example',
    '/articles/x#/\\evil.example',
    '/articles/login',
    '/login-help',
    '/articles/caf%C3%A9?q=%C3%A9',
    '/@evil.example',
  ])('%j unchanged', (next) => {
    expect(toReturnPath(next)).toBe(next);
  });

  test.each([
    ['/articles/./x', '/articles/x'],
    ['/articles/y/../x?a=1#p', '/articles/x?a=1#p'],
    ['/articles/%2e%2e/articles/x', '/articles/x'],
    ['/articles/x?a=1 b#c d', '/articles/x?a=1%20b#c%20d'],
    ['/articles/café', '/articles/caf%C3%A9'],
    // The browser trims a trailing space; it changes nothing about where the path goes.
    ['/articles/x ', '/articles/x'],
    // Not slashes to a URL parser: percent-encoded into one path segment on our own origin.
    ['/\uFF0F/evil.example', '/%EF%BC%8F/evil.example'],
    ['/\u2215evil.example', '/%E2%88%95evil.example'],
  ])('%j normalised to %j, what the browser shows anyway', (next, expected) => {
    expect(toReturnPath(next)).toBe(expected);
  });
});

describe('whatever comes in, what goes out is a path on our origin, as navigate() will see it', () => {
  /** Pieces attackers combine: separators, dot segments, encodings, schemes, whitespace, lookalikes. */
  const piece = fc.constantFrom(
    '/',
    '\\',
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '%2F',
    '%5c',
    '%25',
    '%09',
    '\t',
    '\n',
    '\r',
    ' ',
    '\u0000',
    '@',
    ':',
    '?',
    '#',
    'https:',
    'javascript:',
    'evil.example',
    'login',
    'articles',
    'x',
    '\uFF0F',
    '\u2215',
  );
  const tricks = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

  test.each([
    ['pieces of known tricks', tricks],
    // Most of these get past the first checks, so the later ones are exercised too.
    ['pieces of known tricks after one `/`', tricks.map((rest) => `/${rest}`)],
    ['any string', fc.string({ unit: 'grapheme-ascii', maxLength: 40 })],
    ['any full-Unicode string', fc.string({ unit: 'binary', maxLength: 20 })],
  ])('%s', (_name, values) => {
    fc.assert(
      fc.property(values, (next) => {
        const path = toReturnPath(next);
        expect(path).toMatch(/^\/(?![/\\])/);
        const destination = whereNavigateGoes(path);
        expect(destination.origin).toBe(OUR_ORIGIN);
        expect(destination.pathname).not.toMatch(/^\/\//);
        // Already normalised: the browser shows exactly this, and checking it again changes nothing.
        const url = new URL(path, OUR_ORIGIN);
        expect(`${url.pathname}${url.search}${url.hash}`).toBe(path);
        expect(toReturnPath(path)).toBe(path);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toLoginPath and toSubscribePath', () => {
  test('put the return path, encoded, into ?next=', () => {
    expect(toLoginPath('/articles/x?a=1#p')).toBe('/login?next=%2Farticles%2Fx%3Fa%3D1%23p');
    expect(toSubscribePath('/articles/x')).toBe('/subscribe?next=%2Farticles%2Fx');
  });

  test.each(['/', '/articles/x', '/articles/x?a=1&b=2#p'])('round-trip through toReturnPath: %j', (path) => {
    const next = new URL(toLoginPath(path), OUR_ORIGIN).searchParams.get('next');
    expect(toReturnPath(next)).toBe(path);
  });

  test('nest: log in, then subscribe, then return to the article', () => {
    const loginPath = toLoginPath(toSubscribePath('/articles/x'));
    const subscribePath = toReturnPath(new URL(loginPath, OUR_ORIGIN).searchParams.get('next'));
    expect(subscribePath).toBe('/subscribe?next=%2Farticles%2Fx');
    expect(toReturnPath(new URL(subscribePath, OUR_ORIGIN).searchParams.get('next'))).toBe('/articles/x');
  });

  test.each(HOSTILE_RETURN_ADDRESSES.slice(0, 10))('never write a hostile return address: $value', ({ value }) => {
    expect(toLoginPath(value)).toBe('/login?next=%2F');
    expect(toSubscribePath(value)).toBe('/subscribe?next=%2F');
  });
});
