// The seed article as the tests know it: loaded from seeds/ the way the build loads it, so the
// tests check the page against the source text rather than against copies of it.
import { loadRealSeed } from '../src/seed-files/real-seed.ts';
import { getGatedParagraphs, toPublicArticle } from '../src/content/split-article.ts';
import { articlePath } from '../src/config/paths.ts';

export const article = loadRealSeed();
export const publicArticle = toPublicArticle(article);
export const gatedParagraphs = getGatedParagraphs(article);
export const articleUrl = articlePath(article.slug);

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
