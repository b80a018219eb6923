// Logged-in sessions, kept in the server's store (store/store.ts): in memory a restart logs
// everybody out; in Redis they outlive any one instance. Each has an absolute lifetime and an idle
// timeout; "Keep me logged in" picks the longer policy. A session is named by an opaque random id:
// knowing one is the only way to use it. Each policy's sessions are one bounded collection ordered
// by last use, so the store drops a session idle past its policy's limit without a scan.
import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Scope } from './store/store.ts';

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

/** Why a session was ended by the server rather than by its reader: told to its browser once. */
export type EndedBecause =
  /** A login past the account's device limit ended it. */
  | 'device-limit'
  /** "Log out other devices", from another of the account's sessions. */
  | 'ended-elsewhere';

/** The most sessions an account's list holds: older ones still work, but are not listed. */
export const LISTED_SESSIONS = 20;

export interface SessionStore {
  create(email: string, persistent: boolean): Promise<Session>;
  /** The account's live sessions (its last LISTED_SESSIONS), oldest first. */
  sessionsOf(email: string): Promise<Session[]>;
  /** Ends a session for a reason its browser is told the next time it asks (see endedBecause). */
  end(id: string, because: EndedBecause): Promise<void>;
  /** Why the session with this id was ended, if the server ended it. */
  endedBecause(id: string): Promise<EndedBecause | undefined>;
  /** The live session with this id, marked as seen now; an expired one is dropped. */
  touch(id: string | undefined): Promise<Session | undefined>;
  /** The live session with this id as it stands, not marked as seen; an expired one is dropped. */
  peek(id: string | undefined): Promise<Session | undefined>;
  remove(id: string | undefined): Promise<void>;
  clear(): Promise<void>;
  /** Sessions held, expired ones not counted. */
  size(): Promise<number>;
}

export function policyOf(session: Pick<Session, 'persistent'>): SessionPolicy {
  return session.persistent ? PERSISTENT_SESSION : STANDARD_SESSION;
}

export function expiresAt(session: Session): number {
  const { idleMs, absoluteMs } = policyOf(session);
  return Math.min(session.createdAt + absoluteMs, session.lastSeenAt + idleMs);
}

/** A handle for a session that can be shown and sent back: never the id itself, which is its secret. */
export function sessionHandle(session: Pick<Session, 'id'>): string {
  return createHash('sha256').update(session.id).digest('base64url').slice(0, 12);
}

/** What the store keeps of a session: its id is the key. */
type StoredSession = Omit<Session, 'id'>;

/**
 * `now`: the world's clock. `cap`: the most sessions held of each kind (standard, persistent).
 * Logging in past it ends the least recently used session of that kind, as a cache would.
 */
export function createSessionStore(scope: Scope, now: () => number, cap = 100_000): SessionStore {
  // Each kind lives its policy's idle time after its last use: in real time, an upper bound, as a
  // world's clock only moves forward. Whether a session is live is decided by the world's clock.
  const standard = scope.collection({
    name: 'sessions:standard',
    ttlMs: STANDARD_SESSION.idleMs,
    cap,
    whenFull: 'evict-oldest',
  });
  const persistent = scope.collection({
    name: 'sessions:persistent',
    ttlMs: PERSISTENT_SESSION.idleMs,
    cap,
    whenFull: 'evict-oldest',
  });
  /** Each account's session ids, newest last (bounded: the last LISTED_SESSIONS). */
  const byAccount = scope.collection({
    name: 'sessions:by-account',
    ttlMs: PERSISTENT_SESSION.absoluteMs,
    cap,
    whenFull: 'evict-oldest',
  });
  /** Sessions the server ended, and why, until their browsers have been told (or the marks expire). */
  const ended = scope.collection({
    name: 'sessions:ended',
    ttlMs: PERSISTENT_SESSION.absoluteMs,
    cap,
    whenFull: 'evict-oldest',
  });
  const collectionOf = (session: Pick<Session, 'persistent'>): Collection =>
    session.persistent ? persistent : standard;
  const stored = ({ id, ...rest }: Session): string => JSON.stringify(rest satisfies StoredSession);
  async function find(id: string): Promise<Session | undefined> {
    const found = (await standard.get(id)) ?? (await persistent.get(id));
    return found === undefined ? undefined : { id, ...(JSON.parse(found) as StoredSession) };
  }
  async function live(id: string | undefined): Promise<Session | undefined> {
    if (id === undefined || !isSessionId(id)) return undefined;
    const session = await find(id);
    if (session === undefined) return undefined;
    if (expiresAt(session) > now()) return session;
    await collectionOf(session).delete(id);
    return undefined;
  }
  return {
    async create(email, keep) {
      const at = now();
      const session = {
        id: randomBytes(32).toString('base64url'),
        email,
        persistent: keep,
        createdAt: at,
        lastSeenAt: at,
      };
      await Promise.all([
        collectionOf(session).put(session.id, stored(session)),
        byAccount.append(email, session.id, LISTED_SESSIONS),
      ]);
      return session;
    },
    async sessionsOf(email) {
      const ids = await byAccount.list(email);
      const found = await Promise.all(ids.map((id) => find(id)));
      return found.filter((session): session is Session => session !== undefined && expiresAt(session) > now());
    },
    async end(id, because) {
      await Promise.all([standard.delete(id), persistent.delete(id), ended.put(id, because)]);
    },
    async endedBecause(id) {
      if (!isSessionId(id)) return undefined;
      const because = await ended.get(id);
      return because === 'device-limit' || because === 'ended-elsewhere' ? because : undefined;
    },
    async touch(id) {
      const session = await live(id);
      if (session === undefined) return undefined;
      const seen = { ...session, lastSeenAt: Math.max(session.lastSeenAt, now()) };
      // Only if still held: a logout on another instance since the read is not undone.
      const written = await collectionOf(seen).put(session.id, stored(seen), 'if-present');
      return written.kind === 'stored' ? seen : undefined;
    },
    peek: live,
    async remove(id) {
      if (id === undefined) return;
      await Promise.all([standard.delete(id), persistent.delete(id)]);
    },
    async clear() {
      await Promise.all([standard.clear(), persistent.clear(), byAccount.clear(), ended.clear()]);
    },
    async size() {
      const [standardCount, persistentCount] = await Promise.all([standard.size(), persistent.size()]);
      return standardCount + persistentCount;
    },
  };
}
