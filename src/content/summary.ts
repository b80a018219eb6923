// What the front page needs of an article, and where the browser fetches article data.
import type { PublicArticle } from './article.ts';

export type ArticleSummary = Pick<
  PublicArticle,
  'slug' | 'headline' | 'dateline' | 'figure' | 'lead' | 'published' | 'source' | 'readingMinutes'
>;

/** Public article data is served as static JSON, so no article weighs on the entry bundle. */
export const INDEX_DATA_PATH = '/data/index.json';

export function articleDataPath(slug: string): string {
  return `/data/articles/${slug}.json`;
}

/** Everything public but the body and the gate. */
export function toArticleSummary({ freeBody, gatedCount, gate, ...summary }: PublicArticle): ArticleSummary {
  return summary;
}
