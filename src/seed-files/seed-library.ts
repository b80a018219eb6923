// Reads seeds/ from disk at build and serve time: each <name>.txt, with its optional
// <name>.json, becomes an Article. Node only; the parsing itself lives in src/content.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../content/article.ts';
import { parseSeedMeta } from '../content/parse-seed-meta.ts';
import { parseSeed } from '../content/parse-seed.ts';
import { SeedError } from '../content/seed-error.ts';

export interface SeedLibrary {
  readonly dir: string;
  /** Every article, newest first; parsed on first use and after `invalidate()`. Throws SeedError. */
  articles(): Article[];
  findArticle(slug: string): Article | undefined;
  invalidate(): void;
}

export function createSeedLibrary(dir: string, root: string): SeedLibrary {
  let cached: Article[] | undefined;
  const library: SeedLibrary = {
    dir,
    articles() {
      cached ??= loadSeeds(dir, root);
      return cached;
    },
    findArticle(slug) {
      return library.articles().find((article) => article.slug === slug);
    },
    invalidate() {
      cached = undefined;
    },
  };
  return library;
}

export function loadSeeds(dir: string, root: string): Article[] {
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => isSeedFile(dir, name)) : [];
  const bySlug = new Map<string, Article>();
  for (const name of names.sort()) {
    const seedPath = path.join(dir, name);
    const metaPath = seedPath.replace(/\.txt$/, '.json');
    const file = path.relative(root, seedPath).split(path.sep).join('/');
    const metaText = existsSync(metaPath) ? readFileSync(metaPath, 'utf8') : undefined;
    const meta = parseSeedMeta(path.relative(root, metaPath).split(path.sep).join('/'), metaText);
    const article = parseSeed(file, readFileSync(seedPath), meta);
    const clash = bySlug.get(article.slug);
    if (clash !== undefined) {
      throw new SeedError(
        file,
        1,
        1,
        `the headline gives the slug "${article.slug}", which ${clash.file} already uses`,
      );
    }
    bySlug.set(article.slug, article);
  }
  return [...bySlug.values()].sort(newestFirst);
}

/** `<name>.txt` files; not dotfiles (editor locks, macOS `._` files) nor folders or broken links. */
export function isSeedFile(dir: string, name: string): boolean {
  if (!name.endsWith('.txt') || name.startsWith('.')) return false;
  return statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile() === true;
}

function newestFirst(a: Article, b: Article): number {
  return (b.meta.published ?? '').localeCompare(a.meta.published ?? '') || a.file.localeCompare(b.file);
}
