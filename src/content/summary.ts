// What the front page needs of an article, and where the browser fetches article data.
import type { PublicArticle } from './article.ts';

export type ArticleSummary = Pick<
  PublicArticle,
  'slug' | 'headline' | 'dateline' | 'figure' | 'lead' | 'published' | 'source'
>;

/** Public article data is served as static JSON, so no article weighs on the entry bundle. */
export const INDEX_DATA_PATH = '/data/index.json';

export function articleDataPath(slug: string): string {
  return `/data/articles/${slug}.json`;
}

export function toArticleSummary({
  slug,
  headline,
  dateline,
  figure,
  lead,
  published,
  source,
}: PublicArticle): ArticleSummary {
  return {
    slug,
    headline,
    dateline,
    figure,
    lead,
    ...(published === undefined ? {} : { published }),
    ...(source === undefined ? {} : { source }),
  };
}
