// Owns the session: who is reading and until when, kept honest across time, tabs and bfcache restores.
import { flushSync } from 'react-dom';
import {
  requestLeaveSandbox,
  fetchCurrentReader,
  requestLogout,
  type LeaveSandboxResult,
  type LogoutResult,
  type SignedIn,
} from './api-client.ts';

/** Why an anonymous reader was logged out without asking, if they were. */
export type SessionNotice =
  | 'expired'
  | 'logged-out-elsewhere'
  /** The server ended the session: the account's device limit was reached by a newer login. */
  | 'device-limit'
  /** The server ended the session: "Log out other devices" on another device. */
  | 'ended-elsewhere'
  | null;

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: SessionNotice }
  | ({ status: 'signed-in' } & SignedIn)
  /** The "who am I" request got no usable answer: we do not know, and say why. */
  | { status: 'unknown'; why: 'unreachable' | 'sandbox-gone' };

type Listener = () => void;

/**
 * How often a visible page asks whether its session changed elsewhere: a subscription cancelled
 * on another device, the device limit, a tester's move of the server's clock. The asking never
 * counts as the reader's activity (GET /api/session/status), so an open tab keeps nothing alive.
 */
export const CHECK_EVERY_MS = 5_000;
const CHANNEL = 'lede-session';
type TabMessage =
  | { type: 'logged-out'; notice: Exclude<SessionNotice, null> }
  | { type: 'changed' }
  /** A request in that tab moved the idle deadline: move ours too, or we would end a live session. */
  | { type: 'extended'; expiresAt: number };

// Plain TypeScript with subscribe/getSnapshot, so React reads it through useSyncExternalStore and
// tests can drive it without React. What depends on who reads (gated text) subscribes to it; this
// module knows nothing of them. It ends the session at its deadline by page time (so page.clock
// can drive it), tells other tabs about logins, logouts and new deadlines, checks with the server
// every few seconds while the page is seen, and re-asks when the page comes back from the
// back/forward cache.
let state: SessionState = { status: 'checking' };
/**
 * Bumped whenever who is reading changes (login, logout, expiry, subscription), so a "who am I"
 * answer to an older question cannot overwrite a newer truth. Deadline moves do not count.
 */
let identity = 0;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let channel: BroadcastChannel | undefined;
const listeners = new Set<Listener>();

function setState(next: SessionState): void {
  state = next;
  scheduleExpiry();
  for (const listener of listeners) listener();
}

function changeIdentity(next: SessionState): void {
  identity += 1;
  setState(next);
}

/**
 * Arms the timer for the next check or the deadline, whichever comes first; also called when the
 * page wakes, as timers may run late.
 */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (state.status !== 'signed-in') return;
  const remaining = state.expiresAt - Date.now();
  if (remaining > CHECK_EVERY_MS) {
    // A hidden page only keeps its deadline; it asks again once shown (visibilitychange).
    expiryTimer = setTimeout(() => (document.hidden ? scheduleExpiry() : void refreshSession(true)), CHECK_EVERY_MS);
    return;
  }
  if (remaining > 0) {
    expiryTimer = setTimeout(scheduleExpiry, remaining);
    return;
  }
  changeIdentity({ status: 'anonymous', notice: 'expired' });
  tellOtherTabs({ type: 'logged-out', notice: 'expired' });
  // The server refuses the session by now anyway; this also clears the cookie.
  void requestLogout();
}

function signedIn(session: SignedIn | null): SessionState {
  return session === null ? { status: 'anonymous', notice: null } : { status: 'signed-in', ...session };
}

function tellOtherTabs(message: TabMessage): void {
  channel?.postMessage(message);
}

function hearOtherTab(message: TabMessage): void {
  switch (message.type) {
    case 'logged-out':
      if (state.status !== 'anonymous') changeIdentity({ status: 'anonymous', notice: message.notice });
      return;
    case 'extended':
      if (state.status === 'signed-in' && message.expiresAt > state.expiresAt) {
        setState({ ...state, expiresAt: message.expiresAt });
      }
      return;
    case 'changed':
      void refreshSession();
  }
}

export function subscribeToSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

/**
 * Asks the server who is reading. `check`: a periodic check, which does not count as activity and
 * whose failure changes nothing (the next check asks again): a network blip is no news.
 */
export async function refreshSession(check = false): Promise<void> {
  const asked = identity;
  const result = await fetchCurrentReader(check);
  // A login or logout that finished while we asked knows better than this answer.
  if (identity !== asked) return;
  if (check && result.kind === 'unreachable') return scheduleExpiry();
  const session = result.kind === 'ok' ? result.session : undefined;
  if (
    session !== undefined &&
    session !== null &&
    state.status === 'signed-in' &&
    session.reader.email === state.reader.email
  ) {
    if (check) {
      // A check never moves the deadline on the server, so the page keeps its own (a page clock a
      // test moved looks like skew to the Date header). Nothing new, what most checks find: no render.
      if (JSON.stringify(session.reader) === JSON.stringify(state.reader)) return scheduleExpiry();
      return setState({ ...state, reader: session.reader });
    }
    // The same reader, with a new deadline (and perhaps a new subscription).
    setState({ status: 'signed-in', ...session });
    tellOtherTabs({ type: 'extended', expiresAt: session.expiresAt });
    return;
  }
  if (result.kind === 'ok' && result.ended !== undefined) {
    changeIdentity({ status: 'anonymous', notice: result.ended });
    return;
  }
  changeIdentity(result.kind === 'ok' ? signedIn(result.session) : { status: 'unknown', why: result.kind });
}

/** Leaves the browser's ended test sandbox for the default world, then asks who is reading there. */
export async function leaveSandbox(): Promise<LeaveSandboxResult> {
  const result = await requestLeaveSandbox();
  if (result.kind === 'ok') await refreshSession();
  return result;
}

/**
 * For a login the server has just accepted: its yes is newer than any "who am I" answer still on
 * its way, so those no longer apply. Returns how to enter the session, which the caller does when
 * ready, e.g. in the same render as the navigation the login causes, so no frame shows the old
 * screen with the new session (and no work is spent rendering it).
 */
export function acceptLogin(session: SignedIn): () => void {
  identity += 1;
  const accepted = identity;
  return () => {
    // A login or logout since then (another tab's, say) knows better.
    if (identity !== accepted) return;
    changeIdentity(signedIn(session));
    tellOtherTabs({ type: 'changed' });
  };
}

export async function logOut(): Promise<LogoutResult> {
  const result = await requestLogout();
  if (result.kind === 'ok') {
    changeIdentity({ status: 'anonymous', notice: null });
    tellOtherTabs({ type: 'logged-out', notice: 'logged-out-elsewhere' });
  }
  return result;
}

/** The reader as the server answered a change to the subscription (a plan, a cancellation): here and in other tabs. */
export function acceptSubscriptionChange(session: SignedIn): void {
  changeIdentity(signedIn(session));
  tellOtherTabs({ type: 'changed' });
}

/** Any authenticated answer moves the idle deadline; keep this tab's timer, and the others', in step. */
export function extendSession(expiresAt: number): void {
  if (state.status !== 'signed-in' || expiresAt === state.expiresAt) return;
  setState({ ...state, expiresAt });
  tellOtherTabs({ type: 'extended', expiresAt });
}

/** Starts the session: asks the server, then listens to other tabs, to waking up and to back/forward restores. */
export function startSession(): void {
  void refreshSession();
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(CHANNEL);
    channel.addEventListener('message', (event: MessageEvent<TabMessage>) => hearOtherTab(event.data));
  }
  // A sleeping laptop or a throttled background tab runs timers late: look at the clock on return
  // (and check with the server within CHECK_EVERY_MS).
  document.addEventListener('visibilitychange', scheduleExpiry);
  window.addEventListener('focus', scheduleExpiry);
  // Into the back/forward cache: the page kept there must hold no gated text, as the session may
  // end elsewhere before it is restored (and a restored page paints before any script runs).
  // Forget who is reading, in this very task, so the text leaves the DOM before the page is frozen.
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) flushSync(() => changeIdentity({ status: 'checking' }));
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    // Restored: ask the server who this is now; the text comes back only if they may read it.
    changeIdentity({ status: 'checking' });
    void refreshSession();
  });
}
