// Logged-in sessions, held in the server's memory: a restart logs everybody out. Each has an
// absolute lifetime and an idle timeout; "Keep me logged in" picks the longer policy.
// A session is named by an opaque random id: knowing one is the only way to use it.
// Each policy's sessions are one bounded map ordered by last use (see expiring-map.ts), so a
// session idle past its policy's limit is swept without anything being scanned.
import { randomBytes } from 'node:crypto';
import { createExpiringMap, type ExpiringMap } from './store/expiring-map.ts';

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
  /** Drops sessions idle past their policy's limit: O(1) amortised (see expiring-map.ts). */
  sweep(): void;
  /** Sessions held, expired ones swept first. */
  readonly size: number;
}

export function policyOf(session: Pick<Session, 'persistent'>): SessionPolicy {
  return session.persistent ? PERSISTENT_SESSION : STANDARD_SESSION;
}

export function expiresAt(session: Session): number {
  const { idleMs, absoluteMs } = policyOf(session);
  return Math.min(session.createdAt + absoluteMs, session.lastSeenAt + idleMs);
}

/**
 * `cap`: the most sessions held of each kind (standard, persistent). Logging in past it ends the
 * least recently used session of that kind, as a cache would.
 */
export function createSessionStore(now: () => number = Date.now, cap = 100_000): SessionStore {
  const standard = createExpiringMap<string, Session>({ ttlMs: STANDARD_SESSION.idleMs, cap, now });
  const persistent = createExpiringMap<string, Session>({ ttlMs: PERSISTENT_SESSION.idleMs, cap, now });
  const mapOf = (session: Pick<Session, 'persistent'>): ExpiringMap<string, Session> =>
    session.persistent ? persistent : standard;
  return {
    create(email, keep) {
      const at = now();
      const session = {
        id: randomBytes(32).toString('base64url'),
        email,
        persistent: keep,
        createdAt: at,
        lastSeenAt: at,
      };
      mapOf(session).set(session.id, session);
      return session;
    },
    touch(id) {
      if (id === undefined) return undefined;
      const session = standard.get(id) ?? persistent.get(id);
      if (session === undefined) return undefined;
      if (expiresAt(session) <= now()) {
        mapOf(session).delete(id);
        return undefined;
      }
      session.lastSeenAt = now();
      mapOf(session).set(id, session);
      return session;
    },
    remove(id) {
      if (id === undefined) return;
      standard.delete(id);
      persistent.delete(id);
    },
    clear() {
      standard.clear();
      persistent.clear();
    },
    sweep() {
      standard.sweep();
      persistent.sweep();
    },
    get size() {
      this.sweep();
      return standard.size + persistent.size;
    },
  };
}
