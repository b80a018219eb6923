import { describe, expect, test } from 'vitest';
import { matchesPath, parseFaultHeader } from './faults.ts';

describe('matchesPath', () => {
  test.each([
    ['/api/session', '/api/session', true],
    ['/api/session', '/api/session/status', false],
    ['/api/articles/*/rest', '/api/articles/a-story/rest', true],
    ['/api/articles/*/rest', '/api/articles/a/b/rest', false],
    ['/api/**', '/api/articles/a/b/rest', true],
    ['/api/session.json', '/api/sessionXjson', false],
    ['/api/(x)', '/api/(x)', true],
  ])('%s names %s: %s', (pattern, pathname, expected) => {
    expect(matchesPath(pattern, pathname)).toBe(expected);
  });
});

describe('parseFaultHeader', () => {
  test('none, a status with a delay, a kind', () => {
    expect(parseFaultHeader(null)).toBeUndefined();
    expect(parseFaultHeader('  ')).toBeUndefined();
    expect(parseFaultHeader('status=503; delay=2000')).toEqual({
      source: 'header',
      kind: 'status',
      status: 503,
      delayMs: 2000,
    });
    expect(parseFaultHeader('Kind=timeout')).toEqual({ source: 'header', kind: 'timeout' });
    expect(parseFaultHeader('delay=50')).toEqual({ source: 'header', kind: 'delay', delayMs: 50 });
  });
});
