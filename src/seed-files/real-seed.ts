// The project's first seed, loaded the way the build loads it: the article tests check against.
import { fileURLToPath } from 'node:url';
import type { Article } from '../content/article.ts';
import { loadSeeds } from './seed-library.ts';

export const REAL_SEED_FILE = 'seeds/000_31233b9ac5c7d9cb.txt';

export function loadRealSeed(): Article {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const article = loadSeeds(fileURLToPath(new URL('../../seeds', import.meta.url)), root).find(
    ({ file }) => file === REAL_SEED_FILE,
  );
  if (article === undefined) throw new Error(`${REAL_SEED_FILE} is missing`);
  return article;
}
