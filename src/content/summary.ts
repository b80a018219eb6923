// What the front page needs of an article (where it is fetched from: config/paths.ts).
import type { PublicArticle } from './article.ts';

export type ArticleSummary = Pick<
  PublicArticle,
  'slug' | 'headline' | 'dateline' | 'figure' | 'lead' | 'published' | 'source' | 'readingMinutes'
>;

/** Everything public but the body and the gate. */
export function toArticleSummary({ freeBody, gatedCount, gate, ...summary }: PublicArticle): ArticleSummary {
  return summary;
}
