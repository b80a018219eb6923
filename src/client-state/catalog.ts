// The articles as the browser gets them: public JSON from /data (see src/vite-plugins/articles-plugin.ts),
// fetched once, checked, cached, and read by React through useSyncExternalStore. No article is
// bundled, so the entry script weighs the same for one article or a thousand.
import { useEffect, useSyncExternalStore } from 'react';
import type { PublicArticle } from '../content/article.ts';
import type { ArticleSummary } from '../content/summary.ts';
import { INDEX_DATA_PATH, articleDataPath } from '../config/paths.ts';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'loaded'; value: T }
  /** No such article: a 404 page, not an error. */
  | { status: 'missing' }
  | { status: 'failed' };

const LOADING = { status: 'loading' } as const;

interface DataLoader<T> {
  use(url: string): Loadable<T>;
  /** Starts loading ahead of need, unless it is cached already. */
  prefetch(url: string): void;
  /** Hands over data the page already carries (a prerendered page), so nothing is fetched twice. */
  prime(url: string, value: unknown): void;
  retry(url: string): void;
}

function createLoader<T>(isValid: (value: unknown) => value is T): DataLoader<T> {
  const cache = new Map<string, Loadable<T>>();
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  function settle(url: string, entry: Loadable<T>): void {
    cache.set(url, entry);
    for (const listener of listeners) listener();
  }
  async function load(url: string): Promise<void> {
    settle(url, LOADING);
    try {
      const response = await fetch(url);
      const isJson = response.headers.get('Content-Type')?.includes('application/json') === true;
      if (response.status === 404 || (response.ok && !isJson)) return settle(url, { status: 'missing' });
      const value: unknown = response.ok ? await response.json() : undefined;
      settle(url, isValid(value) ? { status: 'loaded', value } : { status: 'failed' });
    } catch {
      settle(url, { status: 'failed' });
    }
  }
  return {
    use(url) {
      const entry = useSyncExternalStore(
        subscribe,
        () => cache.get(url) ?? LOADING,
        () => cache.get(url) ?? LOADING,
      );
      useEffect(() => {
        if (!cache.has(url)) void load(url);
      }, [url]);
      return entry;
    },
    prefetch(url) {
      if (!cache.has(url)) void load(url);
    },
    prime(url, value) {
      if (isValid(value)) cache.set(url, { status: 'loaded', value });
    },
    retry(url) {
      void load(url);
    },
  };
}

const articles = createLoader(isPublicArticle);
const index = createLoader(isSummaryList);

export function useArticle(slug: string): Loadable<PublicArticle> {
  return articles.use(articleDataPath(slug));
}

/** Loads an article's public data ahead of need, e.g. while the reader logs in to read it. */
export function prefetchArticle(slug: string): void {
  articles.prefetch(articleDataPath(slug));
}

export function retryArticle(slug: string): void {
  articles.retry(articleDataPath(slug));
}

export function useArticleIndex(): Loadable<ArticleSummary[]> {
  return index.use(INDEX_DATA_PATH);
}

export function retryArticleIndex(): void {
  index.retry(INDEX_DATA_PATH);
}

/** Data a prerendered page carries, by the URL it would otherwise be fetched from. */
export function primeCatalog(url: string, value: unknown): void {
  if (url === INDEX_DATA_PATH) index.prime(url, value);
  else articles.prime(url, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The fields every view reads; the build wrote the rest in the same shape. */
function isSummary(value: unknown): value is ArticleSummary {
  return (
    isRecord(value) &&
    typeof value.slug === 'string' &&
    typeof value.headline === 'string' &&
    typeof value.lead === 'string' &&
    typeof value.readingMinutes === 'number' &&
    isRecord(value.figure)
  );
}

function isSummaryList(value: unknown): value is ArticleSummary[] {
  return Array.isArray(value) && value.every(isSummary);
}

function isPublicArticle(value: unknown): value is PublicArticle {
  return (
    isRecord(value) &&
    Array.isArray(value.freeBody) &&
    typeof value.gatedCount === 'number' &&
    isRecord(value.gate) &&
    isSummary(value)
  );
}
