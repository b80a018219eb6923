// The current reader, owned here and nowhere else. Plain TypeScript with subscribe/getSnapshot,
// so React reads it through useSyncExternalStore and tests can drive it without React.
import type { Reader } from '../paywall/reader.ts';
import { fetchCurrentReader, requestLogin, requestLogout, type LoginResult, type LogoutResult } from './api-client.ts';

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; reader: Reader }
  /** The "who am I" request got no answer: we do not know, and say so. */
  | { status: 'unknown' };

type Listener = () => void;

let state: SessionState = { status: 'checking' };
/** Bumped on every change, so an answer to an older question cannot overwrite a newer one. */
let version = 0;
const listeners = new Set<Listener>();

function setState(next: SessionState): void {
  state = next;
  version += 1;
  for (const listener of listeners) listener();
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
  if (result.kind === 'unreachable') setState({ status: 'unknown' });
  else setState(result.reader === null ? { status: 'anonymous' } : { status: 'signed-in', reader: result.reader });
}

export async function logIn(email: string, password: string): Promise<LoginResult> {
  const result = await requestLogin(email, password);
  if (result.kind === 'ok') setState({ status: 'signed-in', reader: result.reader });
  return result;
}

export async function logOut(): Promise<LogoutResult> {
  const result = await requestLogout();
  if (result.kind === 'ok') setState({ status: 'anonymous' });
  return result;
}
