// The gated paragraphs a reader has just become entitled to, fetched ahead of the page that shows
// them. Logging in knows which article it returns to, so it asks for the text at once and the
// article can render unlocked on its first render instead of waiting for its own request.
// One entry per article, for one reader, taken once; whenever who is reading changes, the session
// store forgets every entry but the new reader's, so prefetched text never outlives the session
// that was entitled to it.
import { fetchGatedText, type GatedTextResult } from './api-client.ts';

interface Prefetch {
  email: string;
  controller: AbortController;
  request: Promise<GatedTextResult>;
  /** Set once the request settles, so a render can use it without waiting. */
  result?: GatedTextResult;
}

const prefetches = new Map<string, Prefetch>();

/** Starts fetching `slug`'s gated paragraphs for the reader whose email is `email`, unless already under way. */
export function prefetchGatedText(slug: string, email: string): Promise<GatedTextResult> {
  const existing = prefetches.get(slug);
  if (existing?.email === email) return existing.request;
  const controller = new AbortController();
  const prefetch: Prefetch = { email, controller, request: fetchGatedText(slug, controller.signal) };
  void prefetch.request.then((result) => (prefetch.result = result));
  prefetches.set(slug, prefetch);
  return prefetch.request;
}

/** The prefetched answer for `email`'s reader, if it has arrived. Leaves it in place: safe in a render. */
export function peekGatedText(slug: string, email: string): GatedTextResult | undefined {
  const prefetch = prefetches.get(slug);
  return prefetch?.email === email ? prefetch.result : undefined;
}

/** Hands over the prefetched request for `email`'s reader, once; later visits fetch afresh. */
export function takeGatedText(slug: string, email: string): Promise<GatedTextResult> | undefined {
  const prefetch = prefetches.get(slug);
  if (prefetch?.email !== email) return undefined;
  prefetches.delete(slug);
  return prefetch.request;
}

/** Drops every prefetch but the one for `keepFor` (a reader's email), cancelling those still under way. */
export function forgetGatedText(keepFor?: string): void {
  for (const [slug, prefetch] of prefetches) {
    if (prefetch.email === keepFor) continue;
    prefetch.controller.abort();
    prefetches.delete(slug);
  }
}
