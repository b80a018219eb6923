// The accounts as they stand in one world: the demo personas, with the mock subscriptions bought
// through the plans page and the flaky persona's first attempt, and the accounts readers create
// (an address and a password, stored hashed). An account is an address: `reader@example.com` and
// `reader+a@example.com` are the same persona with accounts of their own (plus-addressing), so a
// test can isolate itself by its address alone. Reset puts everything back. Kept in the world's
// store (store/store.ts), so every server instance sharing it sees the same accounts.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mayCancel, mayResume, subscriptionAt, type Cancellation } from '../paywall/lifecycle.ts';
import { DEMO_PASSWORD, findPersona, normaliseEmail, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import type { Scope } from './store/store.ts';
import { update } from './store/update.ts';

export interface Account {
  /** The address as logged in with, normalised: it names the account and is the reader's email. */
  address: string;
  persona: Persona;
  /**
   * A demo persona's password is the public DEMO_PASSWORD; a created account has its own, hashed,
   * or none when it was created by signing in with Example ID: no password opens it until one is set.
   */
  password: { kind: 'demo' } | { kind: 'own'; salt: string; hash: string } | { kind: 'none' };
  /** False only for an account created on the site whose address has not been verified yet. */
  verified: boolean;
  /** When its password was last set by a reset (world time): reset links issued before it are spent. */
  passwordSetAt?: number;
}

export interface AccountStore {
  find(email: string): Promise<Account | undefined>;
  /**
   * Creates an account for an address no account has: 'exists' when one has (a persona's, plus
   * addresses included, or one created before). The caller answers both alike.
   */
  create(email: string, password: string): Promise<'created' | 'exists'>;
  /**
   * As `create`, but with no password: the account of a verified address a reader signed in with
   * through Example ID. It opens only that way until `setPassword` gives it one.
   */
  createWithoutPassword(email: string): Promise<'created' | 'exists'>;
  /**
   * Whether `password` is the account's. It costs one password hash whatever the account — a
   * persona's public password, a created account's own, or no account at all (false) — so how
   * long a login takes says nothing about whether the address has an account.
   */
  passwordMatches(account: Account | undefined, password: string): Promise<boolean>;
  /**
   * Gives the account a new password (a reset): a created account's replaces its own; a persona's
   * replaces the public demo password in this world until a reset of the world.
   */
  setPassword(account: Account, password: string): Promise<void>;
  /** Whether the account is locked now: the locked persona is, until unlocked in this world. */
  isLocked(account: Account): Promise<boolean>;
  /** Unlocks the account in this world, until a reset of the world. */
  unlock(account: Account): Promise<void>;
  /** Marks a created account's address as verified (by the link sent to it). */
  markVerified(account: Account): Promise<void>;
  /** The reader as of now: with a mock subscription if one was started. */
  readerOf(account: Account): Promise<Reader>;
  startSubscription(account: Account): Promise<Reader>;
  /** Cancels an active paid subscription or trial (it runs to its end); undefined when there is none to cancel. */
  cancelSubscription(account: Account): Promise<Reader | undefined>;
  /** Takes a cancellation back before its end; undefined when nothing is cancelled. */
  resumeSubscription(account: Account): Promise<Reader | undefined>;
  /** True exactly once per world life (or reset) for an account whose persona has the 'flaky' fault. */
  takeFlakyFailure(account: Account): Promise<boolean>;
  reset(): Promise<void>;
  /** Accounts whose state differs from their persona's (of each kind of state). */
  size(): Promise<number>;
}

/** A mock subscription lasts a month of real time after it was bought, as a monthly plan would. */
export const ACCOUNT_STATE_MS = 30 * 24 * 60 * 60_000;

/**
 * `cap`: the most accounts whose state is held, of each kind. Past it the one written longest
 * ago goes back to its persona's state — plus-addressing makes addresses unlimited, memory is not.
 * `now`: the world's time (a request's one reading), which moves subscriptions on.
 */
export function createAccountStore(scope: Scope, cap = 100_000, now: () => number = Date.now): AccountStore {
  const spec = { ttlMs: ACCOUNT_STATE_MS, cap, whenFull: 'evict-oldest' } as const;
  /** When an account was first seen in this world, where its subscription's timeline needs it. */
  const firstSeen = scope.collection({ name: 'accounts:first-seen', ...spec });
  /** Created accounts by address: their password's salt and hash (JSON). */
  const created = scope.collection({ name: 'accounts:created', ...spec });
  /** When a plan was bought (world time). */
  const subscribed = scope.collection({ name: 'accounts:subscribed', ...spec });
  /** A cancellation's time, or "resumed". */
  const cancellations = scope.collection({ name: 'accounts:cancellations', ...spec });
  /** Personas whose password was reset in this world: its salt and hash (JSON), as a created account's. */
  const personaPasswords = scope.collection({ name: 'accounts:persona-passwords', ...spec });
  /** Flaky accounts whose one failure has been served. */
  const flakyFailed = scope.collection({ name: 'accounts:flaky-failed', ...spec });
  /** Locked personas unlocked in this world (by an unlock link). */
  const unlocked = scope.collection({ name: 'accounts:unlocked', ...spec });
  async function readerOf(account: Account): Promise<Reader> {
    const { reader, lifecycle } = account.persona;
    const [bought, cancelled] = await Promise.all([
      subscribed.get(account.address),
      cancellations.get(account.address),
    ]);
    const cancellation = toCancellation(cancelled);
    const plain = lifecycle === undefined && cancellation === undefined;
    // Only a timeline that needs it asks when the account was first seen (a write, the first time).
    const subscription =
      plain && bought === undefined
        ? reader.subscription
        : subscriptionAt(
            {
              start: reader.subscription,
              ...(lifecycle === undefined ? {} : { lifecycle }),
              since: plain ? now() : await since(account),
              ...(bought === undefined ? {} : { boughtAt: toTime(bought) ?? now() }),
              ...(cancellation === undefined ? {} : { cancellation }),
            },
            now(),
          );
    return { ...reader, email: account.address, subscription, ...(account.verified ? {} : { verified: false }) };
  }

  /**
   * Changes a created account's record by a compare-and-set, so two changes at the same instant (a
   * new password, the address verified) both land; nothing once it is no longer held (a reset
   * since), so no half account is left behind.
   */
  async function updateCreated(
    address: string,
    change: (record: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    await update(created, address, (held) =>
      held === undefined ? undefined : JSON.stringify(change(JSON.parse(held) as Record<string, unknown>)),
    );
  }

  /** When the account was first seen: now, the first time (of two instances at once, the first to store it). */
  async function since(account: Account): Promise<number> {
    const stored = await firstSeen.put(account.address, String(now()), 'if-absent');
    if (stored.kind === 'stored') return now();
    const time = Number(await firstSeen.get(account.address));
    return Number.isFinite(time) ? time : now();
  }
  return {
    async find(email) {
      const address = normaliseEmail(email);
      const persona = findPersona(email);
      if (persona !== undefined) {
        const stored = await personaPasswords.get(address);
        const own = toOwnPassword(stored);
        return { address, persona, password: own ?? { kind: 'demo' }, verified: true, ...setAtOf(stored) };
      }
      const stored = await created.get(address);
      return stored === undefined ? undefined : createdAccount(address, stored);
    },
    async create(email, password) {
      const address = normaliseEmail(email);
      // Hashed before anything is looked up: an address that has an account costs the same time.
      const salt = randomBytes(16).toString('base64');
      const hash = (await hashPassword(password, salt)).toString('base64');
      if (findPersona(email) !== undefined) return 'exists';
      // Atomic: of two creations of one address at once, one stores it. Usable at once, unverified.
      const stored = await created.put(address, JSON.stringify({ salt, hash, verified: false }), 'if-absent');
      return stored.kind === 'stored' ? 'created' : 'exists';
    },
    async createWithoutPassword(email) {
      const address = normaliseEmail(email);
      if (findPersona(email) !== undefined) return 'exists';
      const stored = await created.put(address, JSON.stringify({ password: 'none' }), 'if-absent');
      return stored.kind === 'stored' ? 'created' : 'exists';
    },
    async passwordMatches(account, password) {
      const own = account?.password.kind === 'own' ? account.password : undefined;
      const expected = own === undefined ? await demoPasswordHash() : Buffer.from(own.hash, 'base64');
      const actual = await hashPassword(password, own?.salt ?? DEMO_SALT);
      // No account, or one that opens only through Example ID: the same work, and never a match.
      if (account === undefined || account.password.kind === 'none') return false;
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    async setPassword(account, password) {
      const salt = randomBytes(16).toString('base64');
      const hash = (await hashPassword(password, salt)).toString('base64');
      const setAt = now();
      if (account.persona.id !== 'created') {
        await personaPasswords.put(account.address, JSON.stringify({ salt, hash, setAt }));
        return;
      }
      await updateCreated(account.address, ({ password: _none, ...record }) => ({ ...record, salt, hash, setAt }));
    },
    async isLocked(account) {
      return account.persona.fault === 'locked' && (await unlocked.get(account.address)) === undefined;
    },
    async unlock(account) {
      await unlocked.put(account.address, 'unlocked');
    },
    async markVerified(account) {
      if (account.verified) return;
      await updateCreated(account.address, (record) => ({ ...record, verified: true }));
    },
    readerOf,
    async startSubscription(account) {
      // A new plan: paid from now, and whatever was cancelled before is past.
      await Promise.all([subscribed.put(account.address, String(now())), cancellations.delete(account.address)]);
      return readerOf(account);
    },
    async cancelSubscription(account) {
      if (!mayCancel((await readerOf(account)).subscription)) return undefined;
      await since(account); // the period it runs to counts from here, if from nothing earlier
      await cancellations.put(account.address, String(now()));
      return readerOf(account);
    },
    async resumeSubscription(account) {
      if (!mayResume((await readerOf(account)).subscription)) return undefined;
      await cancellations.put(account.address, 'resumed');
      return readerOf(account);
    },
    async takeFlakyFailure(account) {
      if (account.persona.fault !== 'flaky') return false;
      // Atomic: of two instances trying at once, exactly one serves the failure.
      const first = await flakyFailed.put(account.address, 'served', 'if-absent');
      return first.kind === 'stored';
    },
    async reset() {
      await Promise.all(
        [subscribed, cancellations, flakyFailed, created, firstSeen, personaPasswords, unlocked].map((collection) =>
          collection.clear(),
        ),
      );
    },
    async size() {
      const sizes = await Promise.all(
        [subscribed, cancellations, flakyFailed, created, firstSeen, personaPasswords, unlocked].map((collection) =>
          collection.size(),
        ),
      );
      return sizes.reduce((sum, size) => sum + size, 0);
    },
  };
}

function toTime(value: string): number | undefined {
  const time = Number(value);
  return Number.isFinite(time) ? time : undefined;
}

function toCancellation(value: string | undefined): Cancellation | undefined {
  if (value === undefined) return undefined;
  if (value === 'resumed') return { kind: 'resumed' };
  const at = toTime(value);
  return at === undefined ? undefined : { kind: 'cancelled', at };
}

/**
 * scrypt, at a cost kept low on purpose (about 2 ms, off the main thread): the passwords of a
 * test bed's accounts are test data, and a login flood must not queue behind hashing.
 */
const SCRYPT = { N: 1024, r: 8, p: 1 };
const HASH_BYTES = 32;

/** The salt of the demo password's hash, and of the hash a login for no account computes. */
const DEMO_SALT = 'lede-demo-password';
let demoHash: Promise<Buffer> | undefined;
/** The demo password's hash, computed once: a persona's login hashes like any other. */
function demoPasswordHash(): Promise<Buffer> {
  demoHash ??= hashPassword(DEMO_PASSWORD, DEMO_SALT);
  return demoHash;
}

function hashPassword(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, HASH_BYTES, SCRYPT, (error, key) => (error === null ? resolve(key) : reject(error))),
  );
}

/** A stored password record (`{ salt, hash }`, JSON), or undefined for none or a malformed one. */
function toOwnPassword(stored: string | undefined): Extract<Account['password'], { kind: 'own' }> | undefined {
  if (stored === undefined) return undefined;
  const record: unknown = JSON.parse(stored);
  if (typeof record !== 'object' || record === null) return undefined;
  const { salt, hash } = record as Record<string, unknown>;
  return typeof salt === 'string' && typeof hash === 'string' ? { kind: 'own', salt, hash } : undefined;
}

/** A stored record of an account created without a password (by signing in with Example ID). */
function isPasswordless(stored: string): boolean {
  const record: unknown = JSON.parse(stored);
  return typeof record === 'object' && record !== null && (record as Record<string, unknown>).password === 'none';
}

/** A created account: the reader it is (no subscription until one is started), from its stored record. */
function createdAccount(address: string, stored: string): Account | undefined {
  const password: Account['password'] | undefined = isPasswordless(stored) ? { kind: 'none' } : toOwnPassword(stored);
  if (password === undefined) return undefined;
  const record = JSON.parse(stored) as Record<string, unknown>;
  const persona: Persona = {
    id: 'created',
    reader: { email: address, name: address.slice(0, address.indexOf('@')), subscription: { status: 'none' } },
    behaviour: 'An account created on the site: no subscription until one is started.',
  };
  // Accounts created before verification existed have no flag: they count as verified.
  return { address, persona, password, verified: record.verified !== false, ...setAtOf(stored) };
}

/** `{ passwordSetAt }` from a stored password record that has one, else nothing. */
function setAtOf(stored: string | undefined): Pick<Account, 'passwordSetAt'> {
  if (stored === undefined) return {};
  const { setAt } = JSON.parse(stored) as Record<string, unknown>;
  return typeof setAt === 'number' ? { passwordSetAt: setAt } : {};
}
