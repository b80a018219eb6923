// The seed article as the tests know it: loaded from seeds/ the way the build loads it, so the
// tests check the page against the source text rather than against copies of it.
import { loadRealSeed } from '../src/seed-files/real-seed.ts';
import { getGatedParagraphs, toPublicArticle } from '../src/content/split-article.ts';
import { articlePath, gatedTextPath } from '../src/config/paths.ts';

/** `value`, or a clear failure at import time: the specs rely on the real seed having it. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The seed article in seeds/ has no ${what}; the e2e tests need one.`);
  return value;
}

export const article = loadRealSeed();
export const publicArticle = toPublicArticle(article);
export const gatedParagraphs = getGatedParagraphs(article);
export const articleUrl = articlePath(article.slug);
/** Where the article's gated text is served (GET, to a reader entitled to it). */
export const gatedTextUrl = gatedTextPath(article.slug);

export const firstGated: string = required(gatedParagraphs[0], 'gated paragraph');
export const lastGated: string = required(gatedParagraphs.at(-1), 'gated paragraph');
/** The address of the article's source, which its card links to. */
export const sourceUrl: string = required(article.meta.source?.url, 'source URL');

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
