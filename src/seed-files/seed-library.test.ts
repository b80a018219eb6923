import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SeedError } from '../content/seed-error.ts';
import { minimalSeedLines } from '../content/seed.testing.ts';
import { createSeedLibrary, loadSeeds } from './seed-library.ts';

const REAL_SEED = fileURLToPath(new URL('../../seeds/000_31233b9ac5c7d9cb.txt', import.meta.url));
const REAL_META = fileURLToPath(new URL('../../seeds/000_31233b9ac5c7d9cb.json', import.meta.url));
const REAL_SLUG = 'report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran';

let root: string;
let seeds: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lede-seed-library-'));
  seeds = path.join(root, 'seeds');
  mkdirSync(seeds);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function seedText(headline: string): string {
  return minimalSeedLines({ headline }).join('\n');
}

function writeSeed(name: string, headline: string, published?: string): void {
  writeFileSync(path.join(seeds, `${name}.txt`), seedText(headline));
  if (published !== undefined) {
    writeFileSync(path.join(seeds, `${name}.json`), JSON.stringify({ published }));
  }
}

function loadError(): SeedError {
  try {
    loadSeeds(seeds, root);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return error as SeedError;
  }
  throw new Error('expected loadSeeds to throw a SeedError');
}

describe('loadSeeds', () => {
  test('loads the real seed with its metadata, naming it relative to the root', () => {
    copyFileSync(REAL_SEED, path.join(seeds, '000_31233b9ac5c7d9cb.txt'));
    copyFileSync(REAL_META, path.join(seeds, '000_31233b9ac5c7d9cb.json'));
    const articles = loadSeeds(seeds, root);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      file: 'seeds/000_31233b9ac5c7d9cb.txt',
      slug: REAL_SLUG,
      dateline: 'YERUSHALAYIM',
      meta: { published: '2022-06-22', freeParagraphs: 2, source: { name: 'Hamodia' } },
    });
    expect(articles[0]?.body).toHaveLength(10);
  });

  test('a seed without a .json gets the default metadata', () => {
    writeSeed('a', 'Alpha');
    expect(loadSeeds(seeds, root)[0]?.meta).toEqual({ freeParagraphs: 2, access: 'subscriber' });
  });

  test('a folder with no seeds gives no articles', () => {
    writeFileSync(path.join(seeds, 'README.md'), '# not a seed');
    writeFileSync(path.join(seeds, 'orphan.json'), '{"published": "2022-06-22"}');
    expect(loadSeeds(seeds, root)).toEqual([]);
  });

  test('dotfiles, folders and broken links named *.txt are not seeds', () => {
    copyFileSync(REAL_SEED, path.join(seeds, '000_real.txt'));
    writeFileSync(path.join(seeds, '._000_real.txt'), new Uint8Array([0, 5, 22, 7, 0xff]));
    symlinkSync('user@host.1234:1700000000', path.join(seeds, '.#000_real.txt'));
    symlinkSync(path.join(seeds, 'missing.txt'), path.join(seeds, '001_broken.txt'));
    mkdirSync(path.join(seeds, 'drafts.txt'));
    expect(loadSeeds(seeds, root).map((article) => article.slug)).toEqual([REAL_SLUG]);
  });

  test('a missing folder gives no articles', () => {
    expect(loadSeeds(path.join(root, 'nowhere'), root)).toEqual([]);
  });

  test('two seeds with the same headline: a SeedError naming both files', () => {
    writeSeed('a', 'Same Headline');
    writeSeed('b', 'Same Headline!');
    const error = loadError();
    expect(error.message).toMatch(/^seeds\/b\.txt:1:1: /);
    expect(error.message).toContain('"same-headline"');
    expect(error.message).toContain('seeds/a.txt');
  });

  test('a malformed seed: a SeedError located in seeds/<name>.txt', () => {
    writeSeed('a', 'Alpha');
    writeFileSync(path.join(seeds, 'broken.txt'), '\nno headline');
    const error = loadError();
    expect(error.file).toBe('seeds/broken.txt');
    expect(error.message).toBe('seeds/broken.txt:1:1: no headline: the first line is blank');
  });

  test('malformed metadata: a SeedError located in seeds/<name>.json', () => {
    writeSeed('a', 'Alpha');
    writeFileSync(path.join(seeds, 'a.json'), '{\n  "freeParagraphs": -1\n}');
    const error = loadError();
    expect(error.message).toBe('seeds/a.json:2:3: "freeParagraphs" must be a whole number, 0 or more');
  });

  test('articles come newest first by published date, undated last', () => {
    writeSeed('a', 'Oldest', '2020-01-01');
    writeSeed('b', 'Undated');
    writeSeed('c', 'Newest', '2023-05-01');
    writeSeed('d', 'Middle', '2021-12-31');
    writeSeed('e', 'Also Undated');
    expect(loadSeeds(seeds, root).map((article) => article.slug)).toEqual([
      'newest',
      'middle',
      'oldest',
      'undated',
      'also-undated',
    ]);
  });
});

describe('createSeedLibrary', () => {
  test('finds an article by slug, and nothing for an unknown slug', () => {
    copyFileSync(REAL_SEED, path.join(seeds, '000_31233b9ac5c7d9cb.txt'));
    const library = createSeedLibrary(seeds, root);
    expect(library.dir).toBe(seeds);
    expect(library.findArticle(REAL_SLUG)?.file).toBe('seeds/000_31233b9ac5c7d9cb.txt');
    expect(library.findArticle('no-such-article')).toBeUndefined();
  });

  test('caches the articles until invalidate()', () => {
    writeSeed('a', 'Alpha');
    const library = createSeedLibrary(seeds, root);
    const first = library.articles();
    writeSeed('b', 'Beta');
    expect(library.articles()).toBe(first);
    library.invalidate();
    expect(library.articles().map((article) => article.slug)).toEqual(['alpha', 'beta']);
  });
});
