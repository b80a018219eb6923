// The gated paragraphs a reader has just become entitled to, fetched ahead of the page that shows
// them. Logging in knows which article it returns to, so it asks for the text at once and the
// article can render unlocked on its first render instead of waiting for its own request.
// One entry per article, for one reader, taken once; whenever who is reading changes, the session
// store forgets every entry but the new reader's, so prefetched text never outlives the session
// that was entitled to it.
import { fetchGatedParagraphs, type RestResult } from './api-client.ts';

interface Prefetch {
  reader: string;
  controller: AbortController;
  request: Promise<RestResult>;
  /** Set once the request settles, so a render can use it without waiting. */
  result?: RestResult;
}

const prefetches = new Map<string, Prefetch>();

/** Starts fetching `slug`'s gated paragraphs for `reader` (their email), unless already under way. */
export function prefetchGatedParagraphs(slug: string, reader: string): Promise<RestResult> {
  const existing = prefetches.get(slug);
  if (existing?.reader === reader) return existing.request;
  const controller = new AbortController();
  const prefetch: Prefetch = { reader, controller, request: fetchGatedParagraphs(slug, controller.signal) };
  void prefetch.request.then((result) => (prefetch.result = result));
  prefetches.set(slug, prefetch);
  return prefetch.request;
}

/** The prefetched answer for `reader`, if it has arrived. Leaves it in place: safe in a render. */
export function peekGatedParagraphs(slug: string, reader: string): RestResult | undefined {
  const prefetch = prefetches.get(slug);
  return prefetch?.reader === reader ? prefetch.result : undefined;
}

/** Hands over the prefetched request for `reader`, once; later visits fetch afresh. */
export function takeGatedParagraphs(slug: string, reader: string): Promise<RestResult> | undefined {
  const prefetch = prefetches.get(slug);
  if (prefetch?.reader !== reader) return undefined;
  prefetches.delete(slug);
  return prefetch.request;
}

/** Drops every prefetch but `keepFor`'s (a reader's email), cancelling those still under way. */
export function forgetGatedParagraphs(keepFor?: string): void {
  for (const [slug, prefetch] of prefetches) {
    if (prefetch.reader === keepFor) continue;
    prefetch.controller.abort();
    prefetches.delete(slug);
  }
}
