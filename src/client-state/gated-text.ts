// Owns gated text: each article's gated paragraphs, per viewer (a reader, or the anonymous
// visitor a meter or an open model lets read), and the requests that fetch them.
import { useEffect, useSyncExternalStore } from 'react';
import type { PreviewReason } from '../paywall/access.ts';
import { fetchGatedText, type GatedTextResult, type GiftRefusal, type MeterView } from './api-client.ts';
import { createExternalStore } from './external-store.ts';
import { extendSession, getSession, refreshSession, subscribeToSession } from './session-store.ts';

/** An article's gated paragraphs as a view shows them; `idle` when nobody asks for them. */
export type GatedTextState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  /** The server said no, and why (a meter used up, say): the page shows that gate. */
  | { status: 'refused'; reason: PreviewReason; meter: MeterView | undefined; gift?: GiftRefusal }
  | { status: 'loaded'; paragraphs: string[]; meter: MeterView | undefined; gift?: { readsLeft: number } };

/**
 * Who asks: a logged-in reader, with what their session says of their subscription (a change of
 * it, like a change of reader, drops what was fetched before), or the anonymous visitor.
 */
export type Viewer =
  | { kind: 'reader'; email: string; standing: string }
  | { kind: 'visitor' }
  /** Someone (`as`) who could not read it otherwise, with a gift link's token. */
  | { kind: 'gift'; token: string; as: Exclude<Viewer, { kind: 'gift' }> };

/** A viewer as one string: entries are theirs. */
function viewerId(viewer: Viewer): string {
  if (viewer.kind === 'gift') return `gift ${viewer.token} ${viewerId(viewer.as)}`;
  return viewer.kind === 'reader' ? `reader ${viewer.email} ${viewer.standing}` : 'visitor';
}

/** Whose session an entry belongs to: it goes when the session names someone else. */
function ownerId(viewer: Viewer): string {
  return viewerId(viewer.kind === 'gift' ? viewer.as : viewer);
}

interface Entry {
  /** The session's viewer the entry was fetched for (see ownerId). */
  owner: string;
  /** A gift link's token, sent with the request. */
  gift: string | undefined;
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

// One entry per article and viewer (the one whose session it was fetched for). It watches the
// session (the session store knows nothing of it): whenever the session changes, every entry but
// the current viewer's goes, so gated text never outlives the session that was entitled to it.
// Views hold an entry while they show it; once none does, it goes too, so a later visit fetches
// afresh. Logging in fetches ahead, before any view holds it (see log-in.ts).
const entries = new Map<string, Entry>();
/** Bumped on every change to `entries`, for React to re-read them. */
const changes = createExternalStore(0);
const changed = () => changes.set(changes.get() + 1);

const keyOf = (slug: string, viewer: string) => `${slug}\n${viewer}`;

function toState(result: GatedTextResult): GatedTextState {
  switch (result.kind) {
    case 'ok':
      return {
        status: 'loaded',
        paragraphs: result.paragraphs,
        meter: result.meter,
        ...(result.gift === undefined ? {} : { gift: result.gift }),
      };
    case 'refused':
      return {
        status: 'refused',
        reason: result.reason,
        meter: result.meter,
        ...(result.gift === undefined ? {} : { gift: result.gift }),
      };
    case 'denied':
      return { status: 'failed', message: result.message };
    case 'unreachable':
      return { status: 'failed', message: 'Could not reach the service to load the rest of the article.' };
  }
}

/** (Re)starts the entry's request, filling in its fields; an answer to a request cancelled since is nobody's. */
function load(partial: Pick<Entry, 'owner' | 'gift' | 'holders'> & Partial<Entry>, slug: string): Entry {
  partial.controller?.abort();
  const controller = new AbortController();
  const entry: Entry = Object.assign(partial, {
    controller,
    state: LOADING,
    unreported: undefined,
    settled: fetchGatedText(slug, controller.signal, partial.gift).then((result) => {
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

function entryFor(slug: string, viewer: Viewer): Entry {
  const key = keyOf(slug, viewerId(viewer));
  let entry = entries.get(key);
  if (entry === undefined) {
    const gift = viewer.kind === 'gift' ? viewer.token : undefined;
    entries.set(key, (entry = load({ owner: ownerId(viewer), gift, holders: 0 }, slug)));
  }
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
  // The server said no to a session we thought entitled: it ended, or changed, there. Learn that.
  // (A used-up meter or a registration wall says nothing about the session.)
  // (Nor does a gift link that opened nothing.)
  if (
    result?.kind === 'denied' ||
    (result?.kind === 'refused' && result.gift === undefined && SESSION_REASONS.has(result.reason))
  ) {
    void refreshSession();
  }
}

const SESSION_REASONS: ReadonlySet<PreviewReason> = new Set(['sign-in', 'subscribe', 'renew']);

/** The session's viewer, if it is known: only their text stays. */
function currentViewer(): string | undefined {
  const session = getSession();
  if (session.status === 'signed-in') return viewerId(readerViewer(session.reader));
  return session.status === 'anonymous' ? viewerId({ kind: 'visitor' }) : undefined;
}

/** The viewer a logged-in reader is. */
export function readerViewer(reader: { email: string; subscription: { status: string } }): Viewer {
  return { kind: 'reader', email: reader.email, standing: reader.subscription.status };
}

// Only the current viewer's text stays: a logout, an expiry, another reader or a change of
// subscription drops all else.
subscribeToSession(() => {
  const viewer = currentViewer();
  for (const [key, entry] of entries) if (entry.owner !== viewer) drop(key);
});

/** Fetches `slug`'s gated text for `viewer` ahead of the view, unless under way; settles when it has. */
export function prefetchGatedText(slug: string, viewer: Viewer): Promise<void> {
  return entryFor(slug, viewer).settled;
}

/** What a view for `viewer` shows of `slug`'s gated text now. */
export function getGatedText(slug: string, viewer: Viewer): GatedTextState {
  return entries.get(keyOf(slug, viewerId(viewer)))?.state ?? LOADING;
}

/** A view holds the text while it shows it: fetches it unless there, and returns the release. */
export function holdGatedText(slug: string, viewer: Viewer): () => void {
  const key = keyOf(slug, viewerId(viewer));
  const entry = entryFor(slug, viewer);
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
export function retryGatedText(slug: string, viewer: Viewer): void {
  load(entryFor(slug, viewer), slug);
}

/**
 * `slug`'s gated text for `viewer`, one the page expects the server to let read (null: fetch
 * nothing). Prerendered pages and hydration show none: the session is not known there.
 */
export function useGatedText(slug: string, viewer: Viewer | null): { gatedText: GatedTextState; retry: () => void } {
  // One string for the effect's dependencies: the same viewer from a new render is not a new one.
  const id = viewer === null ? undefined : viewerId(viewer);
  const gatedText = useSyncExternalStore(
    changes.subscribe,
    () => (viewer === null ? IDLE : getGatedText(slug, viewer)),
    () => IDLE,
  );
  useEffect(() => (viewer === null ? undefined : holdGatedText(slug, viewer)), [slug, id]); // eslint-disable-line react-hooks/exhaustive-deps
  return { gatedText, retry: () => viewer !== null && retryGatedText(slug, viewer) };
}
