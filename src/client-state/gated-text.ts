// Owns gated text: each article's gated paragraphs, per reader, and the requests that fetch them.
import { useEffect, useSyncExternalStore } from 'react';
import { mayReadGated } from '../paywall/access.ts';
import type { Reader } from '../paywall/reader.ts';
import { fetchGatedText, type GatedTextResult } from './api-client.ts';
import { createExternalStore } from './external-store.ts';
import { extendSession, getSession, refreshSession, subscribeToSession } from './session-store.ts';

/** An article's gated paragraphs as a view shows them; `idle` when there is no entitled reader. */
export type GatedTextState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; paragraphs: string[] };

interface Entry {
  email: string;
  state: GatedTextState;
  controller: AbortController;
  settled: Promise<void>;
  /** How many views show it. */
  holders: number;
  /** An answer no view has had yet: the first to get it tells the session what it implies. */
  unreported: GatedTextResult | undefined;
}

const IDLE: GatedTextState = { status: 'idle' };
const LOADING: GatedTextState = { status: 'loading' };

// One entry per article and reader (the one whose session it was fetched for). It watches the
// session (the session store knows nothing of it): whenever the session changes, every entry but
// the entitled reader's goes, so gated text never outlives the session that was entitled to it.
// Views hold an entry while they show it; once none does, it goes too, so a later visit fetches
// afresh. Logging in fetches ahead, before any view holds it (see log-in.ts).
const entries = new Map<string, Entry>();
/** Bumped on every change to `entries`, for React to re-read them. */
const changes = createExternalStore(0);
const changed = () => changes.set(changes.get() + 1);

const keyOf = (slug: string, email: string) => `${slug}\n${email}`;

function toState(result: GatedTextResult): GatedTextState {
  switch (result.kind) {
    case 'ok':
      return { status: 'loaded', paragraphs: result.paragraphs };
    case 'denied':
      return { status: 'failed', message: result.message };
    case 'unreachable':
      return { status: 'failed', message: 'Could not reach the service to load the rest of the article.' };
  }
}

/** (Re)starts the entry's request, filling in its fields; an answer to a request cancelled since is nobody's. */
function load(partial: Pick<Entry, 'email' | 'holders'> & Partial<Entry>, slug: string): Entry {
  partial.controller?.abort();
  const controller = new AbortController();
  const entry: Entry = Object.assign(partial, {
    controller,
    state: LOADING,
    unreported: undefined,
    settled: fetchGatedText(slug, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      entry.state = toState(result);
      entry.unreported = result;
      if (entry.holders > 0) report(entry);
      changed();
    }),
  });
  changed();
  return entry;
}

function entryFor(slug: string, email: string): Entry {
  const key = keyOf(slug, email);
  let entry = entries.get(key);
  if (entry === undefined) entries.set(key, (entry = load({ email, holders: 0 }, slug)));
  return entry;
}

function drop(key: string): void {
  entries.get(key)?.controller.abort();
  entries.delete(key);
  changed();
}

/** Tells the session what an answer implies, as a view's own request would have. */
function report(entry: Entry): void {
  const result = entry.unreported;
  entry.unreported = undefined;
  if (result?.kind === 'ok' && result.expiresAt !== undefined) extendSession(result.expiresAt);
  // The server said no although we thought otherwise: the session ended there. Learn that.
  if (result?.kind === 'denied') void refreshSession();
}

// Only the entitled reader's text stays: a logout, an expiry or another reader drops all else.
subscribeToSession(() => {
  const session = getSession();
  const entitled = session.status === 'signed-in' && mayReadGated(session.reader) ? session.reader.email : undefined;
  for (const [key, entry] of entries) if (entry.email !== entitled) drop(key);
});

/** Fetches `slug`'s gated text for `reader` ahead of the view, unless under way; settles when it has. */
export function prefetchGatedText(slug: string, reader: Reader): Promise<void> {
  return entryFor(slug, reader.email).settled;
}

/** What a view for `email` shows of `slug`'s gated text now. */
export function getGatedText(slug: string, email: string): GatedTextState {
  return entries.get(keyOf(slug, email))?.state ?? LOADING;
}

/** A view holds the text while it shows it: fetches it unless there, and returns the release. */
export function holdGatedText(slug: string, email: string): () => void {
  const key = keyOf(slug, email);
  const entry = entryFor(slug, email);
  entry.holders += 1;
  report(entry);
  return () => {
    if (entries.get(key) !== entry) return;
    entry.holders -= 1;
    // Let go a moment later: a view that mounts again at once (React's StrictMode) keeps it.
    queueMicrotask(() => entries.get(key) === entry && entry.holders === 0 && drop(key));
  };
}

/** Asks again, e.g. after a failure. */
export function retryGatedText(slug: string, email: string): void {
  load(entryFor(slug, email), slug);
}

/**
 * `slug`'s gated text for `reader`, the entitled reader (null: fetch nothing). Prerendered pages
 * and hydration show none: the session is not known there.
 */
export function useGatedText(slug: string, reader: Reader | null): { gatedText: GatedTextState; retry: () => void } {
  const email = reader?.email;
  const gatedText = useSyncExternalStore(
    changes.subscribe,
    () => (email === undefined ? IDLE : getGatedText(slug, email)),
    () => IDLE,
  );
  useEffect(() => (email === undefined ? undefined : holdGatedText(slug, email)), [slug, email]);
  return { gatedText, retry: () => email !== undefined && retryGatedText(slug, email) };
}
