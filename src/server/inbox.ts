// The test inbox: everything Lede "sends" by email lands here, in the world it was sent from (a
// sandbox, or the default world), instead of leaving the machine. A message is plain and testable:
// a subject, a text with one obvious link and at most one code, and the expiry stated in words;
// `links` and `code` repeat what the text says, so a test reads them without parsing prose.
// One list per world, its newest INBOX_KEEP messages; a read filters it by recipient (bounded by
// the cap, so no read costs more as a world sends more).
import { randomBytes } from 'node:crypto';
import { normaliseEmail } from '../paywall/personas.ts';
import type { Scope } from './store/store.ts';

export interface Mail {
  id: string;
  /** The recipient, normalised as an address is everywhere in Lede. */
  to: string;
  subject: string;
  text: string;
  /** Every link in `text`, in order: absolute URLs. */
  links: string[];
  /** The one-time code in `text`, if the message carries one. */
  code?: string;
  /** ISO 8601, by the world's clock. */
  sentAt: string;
}

export type Outgoing = Pick<Mail, 'to' | 'subject' | 'text' | 'links'> & { code?: string };

export interface Inbox {
  send(mail: Outgoing): Promise<Mail>;
  /** Newest first; only the messages to `to` when given (normalised as addresses are). */
  list(to?: string): Promise<Mail[]>;
  clear(): Promise<void>;
  /** Messages held. */
  size(): Promise<number>;
}

/** How long a message is kept, in real time: a test reads it within seconds; a human within days. */
const MAIL_MEMORY_MS = 7 * 24 * 60 * 60_000;
const KEY = 'messages';

/** `keep`: the most messages a world holds; the oldest go first. `now`: the world's time. */
export function createInbox(scope: Scope, now: () => number, keep: number): Inbox {
  // One list per world: the cap on entries is 1, the cap on messages is `keep`.
  const messages = scope.collection({ name: 'inbox', ttlMs: MAIL_MEMORY_MS, cap: 1, whenFull: 'evict-oldest' });
  async function all(): Promise<Mail[]> {
    return (await messages.list(KEY)).map((item) => JSON.parse(item) as Mail).reverse();
  }
  return {
    async send(outgoing) {
      const mail: Mail = {
        id: randomBytes(9).toString('base64url'),
        ...outgoing,
        to: normaliseEmail(outgoing.to),
        sentAt: new Date(now()).toISOString(),
      };
      await messages.append(KEY, JSON.stringify(mail), keep);
      return mail;
    },
    async list(to) {
      const held = await all();
      if (to === undefined) return held;
      const address = normaliseEmail(to);
      return held.filter((mail) => mail.to === address);
    },
    async clear() {
      await messages.clear();
    },
    async size() {
      return (await messages.list(KEY)).length;
    },
  };
}
