import { describe, expect, test } from 'vitest';
import { toLoginPath, toReturnPath } from './return-path.ts';

describe('toReturnPath', () => {
  test.each<[string | null, string]>([
    [null, '/'],
    ['', '/'],
    ['/', '/'],
    ['/articles/x', '/articles/x'],
    ['/articles/x?a=1#p', '/articles/x?a=1#p'],
    ['https://evil.example/', '/'],
    ['http://lede.invalid/articles/x', '/'],
    ['//evil.example', '/'],
    ['//evil.example/articles/x', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/.//evil.example', '/'],
    ['/x/..//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['articles/x', '/'],
    ['evil.example', '/'],
    ['/%2F%2Fevil', '/%2F%2Fevil'],
  ])('%j → %j', (next, expected) => {
    expect(toReturnPath(next)).toBe(expected);
  });

  test('an encoded "//" stays a path on our own origin', () => {
    const path = toReturnPath('/%2F%2Fevil');
    const base = 'http://lede.example';
    expect(new URL(path, base).origin).toBe(base);
  });
});

describe('toLoginPath', () => {
  test('puts the return path, encoded, into ?next=', () => {
    expect(toLoginPath('/articles/x?a=1#p')).toBe('/login?next=%2Farticles%2Fx%3Fa%3D1%23p');
  });

  test.each(['/', '/articles/x', '/articles/x?a=1&b=2#p'])('round-trips through toReturnPath: %j', (path) => {
    const next = new URL(toLoginPath(path), 'http://lede.example').searchParams.get('next');
    expect(toReturnPath(next)).toBe(path);
  });
});
