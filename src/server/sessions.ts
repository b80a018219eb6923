// Logged-in sessions, held in the server's memory: a restart logs everybody out.
import { randomBytes } from 'node:crypto';

export interface Session {
  id: string;
  email: string;
  createdAt: number;
}

export interface SessionStore {
  create(email: string): Session;
  find(id: string | undefined): Session | undefined;
  remove(id: string | undefined): void;
}

export function createSessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(email) {
      const session = { id: randomBytes(32).toString('base64url'), email, createdAt: now() };
      sessions.set(session.id, session);
      return session;
    },
    find(id) {
      return id === undefined ? undefined : sessions.get(id);
    },
    remove(id) {
      if (id !== undefined) sessions.delete(id);
    },
  };
}
