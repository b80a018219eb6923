import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ARTICLE_ROUTE, articleDataPath, articlePath, gatedTextPath, sandboxPath, slugFromPath } from './paths.ts';

describe('slugFromPath', () => {
  test.each<[string, string | undefined]>([
    ['/articles/report-x', 'report-x'],
    ['/articles/report-x/', 'report-x'],
    ['/articles/report-x?a=1#p', 'report-x'],
    ['/articles/report-x#gate', 'report-x'],
    ['/articles/', undefined],
    ['/articles', undefined],
    ['/articles/a/b', undefined],
    ['/login', undefined],
    ['/', undefined],
    ['articles/report-x', undefined],
    ['/x/articles/report-x', undefined],
  ])('%j → %j', (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });

  test('reads back every article path', () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,80}$/);
    fc.assert(fc.property(slug, (value) => slugFromPath(articlePath(value)) === value));
  });

  test('the route pattern and the path agree', () => {
    expect(articlePath(':slug')).toBe(ARTICLE_ROUTE);
  });
});

test('data and API paths', () => {
  expect(articleDataPath('x')).toBe('/data/articles/x.json');
  expect(gatedTextPath('x')).toBe('/api/articles/x/rest');
  expect(gatedTextPath('a/b')).toBe('/api/articles/a%2Fb/rest');
  expect(sandboxPath('id')).toBe('/api/sandboxes/id');
});
