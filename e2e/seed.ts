// The seed article as the tests know it: parsed from seeds/ with the app's own parser, so the
// tests check the page against the source text rather than against copies of it.
import { readFileSync } from 'node:fs';
import { parseSeedMeta } from '../src/content/parse-seed-meta.ts';
import { parseSeed } from '../src/content/parse-seed.ts';
import { getGatedParagraphs, toPublicArticle } from '../src/content/split-article.ts';

const SEED = '000_31233b9ac5c7d9cb';
const read = (extension: string) => readFileSync(new URL(`../seeds/${SEED}.${extension}`, import.meta.url));

export const article = parseSeed(
  `seeds/${SEED}.txt`,
  read('txt'),
  parseSeedMeta(`seeds/${SEED}.json`, read('json').toString('utf8')),
);
export const publicArticle = toPublicArticle(article);
export const gatedParagraphs = getGatedParagraphs(article);
export const articleUrl = `/articles/${article.slug}`;

export const [firstGated] = gatedParagraphs;

/**
 * Evidence of a gated paragraph in any text: the paragraph itself, or its longest run of
 * ASCII characters (a minifier or JSON encoder may escape the curly quotes and dashes).
 */
export function findGatedText(text: string): string | undefined {
  return gatedParagraphs.find((paragraph) => text.includes(paragraph) || text.includes(longestAsciiRun(paragraph)));
}

function longestAsciiRun(paragraph: string): string {
  return paragraph.split(/[^\x20-\x7e]+/).reduce((longest, run) => (run.length > longest.length ? run : longest), '');
}
