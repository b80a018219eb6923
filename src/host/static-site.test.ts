// What the production server's table of the build holds: public files and pages by URL, never a
// dotfile, a precompressed copy by its own name, or anything a symlink reaches outside the build.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loadStaticSite } from './static-site.ts';

let root: string;
let dist: string;
let copies: string;

function put(relative: string, text: string, dir = dist): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lede-static-site-'));
  dist = path.join(root, 'dist');
  copies = path.join(root, 'precompressed');
  put('index.html', '<p>front</p>');
  put('404.html', '<p>Page not found</p>');
  put('login.html', '<p>login</p>');
  put('articles/a.html', '<p>a</p>');
  put('assets/index-abc.js', 'x'.repeat(2000));
  put('assets/index-abc.js.br', 'small', copies);
  put('assets/index-abc.js.gz', 'y'.repeat(3000), copies); // larger than the file: never sent
  put('.security-headers.json', '{}');
  put('.hidden/secret.txt', 'secret');
  writeFileSync(path.join(root, 'outside.txt'), 'outside');
  mkdirSync(path.join(root, 'outside-dir'));
  writeFileSync(path.join(root, 'outside-dir', 'file.txt'), 'outside');
  symlinkSync(path.join(root, 'outside.txt'), path.join(dist, 'link-out.txt'));
  symlinkSync(path.join(root, 'outside-dir'), path.join(dist, 'dir-out'));
  symlinkSync(path.join(dist, 'login.html'), path.join(dist, 'assets', 'link-in.txt'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test.each([
  ['/', '<p>front</p>'],
  ['/login', '<p>login</p>'],
  ['/articles/a', '<p>a</p>'],
  ['/assets/link-in.txt', '<p>login</p>'], // a symlink that stays inside the build
])('%s is served', (urlPath, text) => {
  expect(loadStaticSite(dist, copies).find(urlPath)?.representations.get('identity')?.body.toString()).toBe(text);
});

test.each([
  '/index.html',
  '/login.html',
  '/404.html',
  '/404',
  '/.security-headers.json',
  '/.hidden/secret.txt',
  '/link-out.txt',
  '/dir-out/file.txt',
  '/assets/index-abc.js.br',
  '/assets',
  '/articles/',
  '/../outside.txt',
  'index.html',
])('%s is not', (urlPath) => {
  expect(loadStaticSite(dist, copies).find(urlPath)).toBeUndefined();
});

test('a precompressed copy is kept only when smaller, with its own ETag', () => {
  const file = loadStaticSite(dist, copies).find('/assets/index-abc.js');
  expect([...(file?.representations.keys() ?? [])]).toEqual(['identity', 'br']);
  const identity = file?.representations.get('identity')?.etag;
  expect(file?.representations.get('br')?.etag).toBe(`${identity?.slice(0, -1)}-br"`);
  expect(file?.cacheControl).toBe('public, max-age=31536000, immutable');
  expect(file?.contentType).toBe('text/javascript; charset=utf-8');
});

test('a build without its 404 page does not start', () => {
  rmSync(path.join(dist, '404.html'));
  expect(() => loadStaticSite(dist, copies)).toThrow(/404\.html is missing/);
});
