// When `npm start` builds first (scripts/build-freshness.mjs): no complete build, or an input
// changed after the last build finished.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { markBuildComplete, whyBuild } from '../../scripts/build-freshness.mjs';

let root: string;
const past = new Date(Date.now() - 60_000);

function put(relative: string, when = past): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, relative);
  utimesSync(file, when, when);
  utimesSync(path.dirname(file), when, when);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lede-freshness-'));
  for (const file of ['src/main.tsx', 'src/screens/HomePage.tsx', 'seeds/a.txt', 'index.html', 'dist/index.html']) {
    put(file);
  }
  mkdirSync(path.join(root, 'dist-host'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('no complete build: build', () => {
  expect(whyBuild(root)).toBe('there is no complete build');
});

test('a build that finished after every input is fresh', () => {
  markBuildComplete(root);
  expect(whyBuild(root)).toBeUndefined();
});

test.each(['src/screens/HomePage.tsx', 'seeds/a.txt', 'index.html', 'package.json', 'public/robots.txt'])(
  'an input changed since (%s): build',
  (file) => {
    markBuildComplete(root);
    put(file, new Date(Date.now() + 60_000));
    expect(whyBuild(root)).toMatch(/changed since the last build$/);
  },
);

test('a dist/ emptied since (a build under way, or stopped) is not a build', () => {
  markBuildComplete(root);
  rmSync(path.join(root, 'dist', 'index.html'));
  expect(whyBuild(root)).toBe('there is no complete build');
});
