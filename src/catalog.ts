// The articles bundled for the browser: only their public parts (see src/build/articles-plugin.ts).
import { articles } from 'virtual:lede/articles';
import type { PublicArticle } from './content/article.ts';

export function listArticles(): readonly PublicArticle[] {
  return articles;
}

export function findArticle(slug: string): PublicArticle | undefined {
  return articles.find((article) => article.slug === slug);
}

export function articlePath(article: Pick<PublicArticle, 'slug'>): string {
  return `/articles/${article.slug}`;
}
