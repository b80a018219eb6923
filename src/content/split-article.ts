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
    readingMinutes: readingMinutes([headline, lead, ...article.body]),
    gate,
    access: meta.access,
    ...(meta.published === undefined ? {} : { published: meta.published }),
    ...(meta.source === undefined ? {} : { source: meta.source }),
  };
}

export function getGatedParagraphs(article: Article): string[] {
  return article.body.slice(article.meta.freeParagraphs);
}

/** A common reading speed for news on screen, in words per minute. */
const WORDS_PER_MINUTE = 230;

/** Whole minutes at WORDS_PER_MINUTE, at least one. */
export function readingMinutes(texts: readonly string[]): number {
  const words = texts.reduce((count, text) => count + (text.match(/\S+/g)?.length ?? 0), 0);
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
