// Logged-in sessions, held in the server's memory: a restart logs everybody out. Each has an
// absolute lifetime and an idle timeout; "Keep me logged in" picks the longer policy.
// A session is named by an opaque random id: knowing one is the only way to use it.
import { randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters. Anything else cannot name a session. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function isSessionId(value: string): boolean {
  return SESSION_ID.test(value);
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A browser-session cookie: ends after 30 idle minutes, or 12 hours in all. */
export const STANDARD_SESSION: SessionPolicy = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE };
/** "Keep me logged in": a 30-day cookie; ends after 7 idle days, or 30 days in all. */
export const PERSISTENT_SESSION: SessionPolicy = { idleMs: 7 * DAY, absoluteMs: 30 * DAY };

export interface Session {
  id: string;
  email: string;
  persistent: boolean;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  create(email: string, persistent: boolean): Session;
  /** The live session with this id, marked as seen now; expired sessions are dropped. */
  touch(id: string | undefined): Session | undefined;
  remove(id: string | undefined): void;
  clear(): void;
}

export function policyOf(session: Pick<Session, 'persistent'>): SessionPolicy {
  return session.persistent ? PERSISTENT_SESSION : STANDARD_SESSION;
}

export function expiresAt(session: Session): number {
  const { idleMs, absoluteMs } = policyOf(session);
  return Math.min(session.createdAt + absoluteMs, session.lastSeenAt + idleMs);
}

export function createSessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(email, persistent) {
      const at = now();
      const session = { id: randomBytes(32).toString('base64url'), email, persistent, createdAt: at, lastSeenAt: at };
      sessions.set(session.id, session);
      return session;
    },
    touch(id) {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session === undefined) return undefined;
      if (expiresAt(session) <= now()) {
        sessions.delete(session.id);
        return undefined;
      }
      session.lastSeenAt = now();
      return session;
    },
    remove(id) {
      if (id !== undefined) sessions.delete(id);
    },
    clear() {
      sessions.clear();
    },
  };
}
