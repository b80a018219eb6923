// The current reader, owned here and nowhere else. Plain TypeScript with subscribe/getSnapshot,
// so React reads it through useSyncExternalStore and tests can drive it without React.
// It also keeps the session honest across time and tabs: it ends the session at `expiresAt`
// by page time (so page.clock can drive it), hears logins and logouts from other tabs, and
// re-asks the server when the page comes back from the back/forward cache.
import {
  fetchCurrentReader,
  requestLogin,
  requestLogout,
  requestSubscription,
  type LoginResult,
  type LogoutResult,
  type SignedIn,
  type SubscribeResult,
} from './api-client.ts';

/** Why an anonymous reader was logged out without asking, if they were. */
export type SessionNotice = 'expired' | 'logged-out-elsewhere' | null;

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: SessionNotice }
  | ({ status: 'signed-in' } & SignedIn)
  /** The "who am I" request got no answer: we do not know, and say so. */
  | { status: 'unknown' };

type Listener = () => void;

/** setTimeout's longest delay; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const CHANNEL = 'lede-session';
type TabMessage = { type: 'logged-out' } | { type: 'changed' };

let state: SessionState = { status: 'checking' };
/** Bumped on every change, so an answer to an older question cannot overwrite a newer one. */
let version = 0;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let channel: BroadcastChannel | undefined;
const listeners = new Set<Listener>();

function setState(next: SessionState): void {
  state = next;
  version += 1;
  scheduleExpiry();
  for (const listener of listeners) listener();
}

function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (state.status !== 'signed-in') return;
  const remaining = state.expiresAt - Date.now();
  if (remaining <= 0) {
    setState({ status: 'anonymous', notice: 'expired' });
    // The server would refuse the session by now anyway; this also clears the cookie.
    void requestLogout();
    return;
  }
  expiryTimer = setTimeout(scheduleExpiry, Math.min(remaining, MAX_TIMER_MS));
}

function signedIn(session: SignedIn | null): SessionState {
  return session === null ? { status: 'anonymous', notice: null } : { status: 'signed-in', ...session };
}

function tellOtherTabs(message: TabMessage): void {
  channel?.postMessage(message);
}

export function subscribeToSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

export async function refreshSession(): Promise<void> {
  const asked = version;
  const result = await fetchCurrentReader();
  // A login or logout that finished while we asked knows better than this answer.
  if (version !== asked) return;
  setState(result.kind === 'unreachable' ? { status: 'unknown' } : signedIn(result.session));
}

export async function logIn(email: string, password: string, remember: boolean): Promise<LoginResult> {
  const result = await requestLogin(email, password, remember);
  if (result.kind === 'ok') {
    setState(signedIn(result.session));
    tellOtherTabs({ type: 'changed' });
  }
  return result;
}

export async function logOut(): Promise<LogoutResult> {
  const result = await requestLogout();
  if (result.kind === 'ok') {
    setState({ status: 'anonymous', notice: null });
    tellOtherTabs({ type: 'logged-out' });
  }
  return result;
}

export async function startSubscription(plan: string): Promise<SubscribeResult> {
  const result = await requestSubscription(plan);
  if (result.kind === 'ok') {
    setState(signedIn(result.session));
    tellOtherTabs({ type: 'changed' });
  }
  return result;
}

/** Any authenticated answer moves the idle deadline; keep the page's timer in step. */
export function extendSession(expiresAt: number): void {
  if (state.status === 'signed-in' && expiresAt !== state.expiresAt) setState({ ...state, expiresAt });
}

/** Starts the session: asks the server, then listens to other tabs and to back/forward restores. */
export function startSession(): void {
  void refreshSession();
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(CHANNEL);
    channel.addEventListener('message', (event: MessageEvent<TabMessage>) => {
      if (event.data.type === 'logged-out') {
        if (state.status === 'signed-in') setState({ status: 'anonymous', notice: 'logged-out-elsewhere' });
      } else {
        void refreshSession();
      }
    });
  }
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    // Restored from the back/forward cache: the DOM may hold text this reader may no longer
    // read. Drop it at once, then ask the server who this is now.
    setState({ status: 'checking' });
    void refreshSession();
  });
}
