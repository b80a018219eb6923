// The free/gated split: which paragraphs anyone may read and which only an entitled reader.
import type { Article, PublicArticle } from './article.ts';

export function toPublicArticle(article: Article): PublicArticle {
  const { slug, headline, dateline, figure, lead, gate, meta } = article;
  const freeBody = article.body.slice(0, meta.freeParagraphs);
  return {
    slug,
    headline,
    dateline,
    figure,
    lead,
    freeBody,
    gatedCount: article.body.length - freeBody.length,
    gate,
    ...(meta.published === undefined ? {} : { published: meta.published }),
    ...(meta.source === undefined ? {} : { source: meta.source }),
  };
}

export function getGatedParagraphs(article: Article): string[] {
  return article.body.slice(article.meta.freeParagraphs);
}
