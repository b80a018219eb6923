// The plugins inside real Vite: a malformed seed stops `vite build` and the dev server with its
// location; a good one builds, and the bundle holds the public part only.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, createServer } from 'vite';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { articlesPlugin } from './articles-plugin.ts';
import { createSeedLibrary } from '../seed-files/seed-library.ts';
import { TRAILER_LINES } from '../content/seed.testing.ts';

const REAL_SEED = readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.txt', import.meta.url));
const BAD_SEED = ['Headline', '', 'DATELINE', 'A caption (Credit (nested)', '', 'The lead.', '', ...TRAILER_LINES].join(
  '\n',
);

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lede-plugin-'));
  mkdirSync(path.join(root, 'seeds'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>',
  );
  writeFileSync(path.join(root, 'main.js'), "document.body.dataset.ready = 'yes';\n");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function config() {
  const library = createSeedLibrary(path.join(root, 'seeds'), root);
  return { root, configFile: false as const, logLevel: 'silent' as const, plugins: [articlesPlugin(library)] };
}

describe('a malformed seed', () => {
  beforeEach(() => writeFileSync(path.join(root, 'seeds', '001_bad.txt'), BAD_SEED));

  test('fails vite build with file:line:col', async () => {
    await expect(build(config())).rejects.toThrow(
      'seeds/001_bad.txt:4:11: the figure caption has an unclosed "(" in its credit',
    );
  });

  test('stops the dev server from starting, with file:line:col', async () => {
    const server = await createServer({ ...config(), server: { port: 0 } });
    try {
      await expect(server.listen()).rejects.toThrow('seeds/001_bad.txt:4:11:');
    } finally {
      await server.close();
    }
  });
});

test('a good seed builds; its public part is served as JSON, and no file holds gated text', async () => {
  writeFileSync(path.join(root, 'seeds', '000_seed.txt'), REAL_SEED);
  await build(config());
  const dist = path.join(root, 'dist');
  const slug = 'report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';
  const article: unknown = JSON.parse(readFileSync(path.join(dist, 'data', 'articles', `${slug}.json`), 'utf8'));
  expect(article).toMatchObject({ slug, gatedCount: 8 });
  const index: unknown = JSON.parse(readFileSync(path.join(dist, 'data', 'index.json'), 'utf8'));
  expect(index).toMatchObject([{ slug }]);

  const everything = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
  expect(everything).toContain('Israel has ramped up its covert attacks in Iran');
  expect(everything).toContain('Sources quoted in the report said');
  expect(everything).not.toContain('Officials are also concerned');
  expect(everything).not.toContain('Price earlier told reporters');
});
