// The shared store: every collection lives in Redis, so any number of server instances see one
// state. Each operation is one Lua script (or a plain GET), so it is atomic however many instances
// write at once.
//
// Layout, per collection of a scope:
//   `${prefix}${scope}:${collection}:v:${key}` — an entry: a string (put, raise) or a list (append),
//     with a PX TTL of the collection's ttlMs, so Redis expires it itself;
//   `${prefix}${scope}:${collection}:index` — a sorted set, member = key, score = when the entry
//     expires (real time, ms). It serves the cap (the lowest score is the entry written longest
//     ago), size(), clear() and a full `refuse` collection's retryAt. Each script first drops the
//     expired members (ZREMRANGEBYSCORE -inf now: O(log n + removed), each member removed once, so
//     O(1) amortised per entry), and the index has its own PEXPIRE of ttlMs, renewed on each
//     write, so a collection nobody writes to any more vanishes with its last entry.
//
// The time: scripts take "now" from Node (the `now` option, Date.now by default) as an argument,
// not from Redis's TIME. Instances on one machine then agree with each other and with the tests'
// clock, and a test can say exactly which expiry a `full` answer reports. Redis still expires the
// entries themselves by its own clock; on one machine the two differ by well under a millisecond.
//
// Scopes hold no state in Node (a scope is a name; a collection is its key names), so memory does
// not grow with the number of sandboxes. `scopeIdleMs` has no separate role here: a scope is its
// entries, each expires ttlMs after its last write, and an unused scope is gone once its longest
// ttl has passed.
import { createClient, defineScript, type CommandParser } from 'redis';
import {
  StoreUnavailableError,
  type Collection,
  type CollectionSpec,
  type PutCondition,
  type PutResult,
  type Scope,
  type Store,
} from './store.ts';

export interface RedisStoreOptions {
  /** `redis://host:port[/db]`. */
  url: string;
  /** Accepted for parity with the memory store; in Redis each entry's own TTL bounds a scope. */
  scopeIdleMs: number;
  /** Prepended to every key: several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  /** The real clock, in ms. */
  now?: () => number;
  /** How long one command may take before the request fails with StoreUnavailableError. */
  commandTimeoutMs?: number;
  /** Where connection state changes are reported, one line each; silent by default. */
  log?: (line: string) => void;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const READY_TIMEOUT_MS = 250;
const CONNECT_TIMEOUT_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 2000;
const CLOSE_TIMEOUT_MS = 500;

// Lua, shared by every script that writes an entry. Arguments:
//   KEYS[1] the entry, KEYS[2] the collection's index;
//   ARGV[1] the prefix of the collection's entries, ARGV[2] the key, ARGV[3] now,
//   ARGV[4] ttlMs, ARGV[5] cap, then the operation's own.
// The entry's key is KEYS[1] for Redis's sake; the index names entries by key, and an evicted
// entry's key is built from ARGV[1] (one Redis, not a cluster: keys need not share a slot).
const PREAMBLE = `
local entryKey, indexKey = KEYS[1], KEYS[2]
local entryPrefix, member = ARGV[1], ARGV[2]
local now, ttl, cap = tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])

local function trim()
  redis.call('ZREMRANGEBYSCORE', indexKey, '-inf', ARGV[3])
end

-- Makes the entry the newest: its score is its expiry, kept strictly above every other entry's
-- (two writes in one millisecond still have an order; 1/1024 ms is exact in a double at these
-- magnitudes), then evicts from the oldest while over the cap. The entry leaves the index first:
-- its own old score may be the highest, and one bumped above this write's expiry.
local function touch()
  local score = now + tonumber(ttl)
  redis.call('ZREM', indexKey, member)
  local newest = redis.call('ZRANGE', indexKey, -1, -1, 'WITHSCORES')
  if newest[2] ~= nil then
    local top = tonumber(newest[2])
    if score <= top then score = top + 1 / 1024 end
  end
  -- %.17g: redis.call would format a Lua number with 14 digits, losing the fraction.
  redis.call('ZADD', indexKey, string.format('%.17g', score), member)
  redis.call('PEXPIRE', indexKey, ttl)
  while redis.call('ZCARD', indexKey) > cap do
    local oldest = redis.call('ZPOPMIN', indexKey)
    redis.call('DEL', entryPrefix .. oldest[1])
  end
end
`;

// put: ARGV[6] value, ARGV[7] condition, ARGV[8] whenFull, ARGV[9] the value an 'if-holds' put
// expects (a list held at the key never matches it). Checks the condition against the
// entry, then (refuse) the cap against the trimmed index, then SET PX and touch.
// Returns {'stored'} | {'not-stored'} | {'full', lowest score}.
const PUT = `${PREAMBLE}
local held = redis.call('EXISTS', entryKey) == 1
local condition = ARGV[7]
if (condition == 'if-absent' and held) or (condition == 'if-present' and not held) then
  return {'not-stored'}
end
if condition == 'if-holds' and (redis.call('TYPE', entryKey).ok ~= 'string' or redis.call('GET', entryKey) ~= ARGV[9]) then
  return {'not-stored'}
end
trim()
if ARGV[8] == 'refuse' and not held then
  redis.call('ZREM', indexKey, member)
  if redis.call('ZCARD', indexKey) >= cap then
    local oldest = redis.call('ZRANGE', indexKey, 0, 0, 'WITHSCORES')
    return {'full', oldest[2]}
  end
end
redis.call('SET', entryKey, ARGV[6], 'PX', ttl)
touch()
return {'stored'}
`;

// append: ARGV[6] item, ARGV[7] keep. RPUSH, LTRIM to the last `keep`, PEXPIRE, touch; returns
// the list. A string held at the key is replaced, as the memory store does.
const APPEND = `${PREAMBLE}
if redis.call('TYPE', entryKey).ok ~= 'list' then redis.call('DEL', entryKey) end
redis.call('RPUSH', entryKey, ARGV[6])
redis.call('LTRIM', entryKey, -tonumber(ARGV[7]), -1)
redis.call('PEXPIRE', entryKey, ttl)
trim()
touch()
return redis.call('LRANGE', entryKey, 0, -1)
`;

// raise: ARGV[6] the candidate, as a string. Keeps the greater of it and the number held, renews
// the entry either way, and returns what is held afterwards (a string: Lua would truncate a
// number reply to an integer).
const RAISE = `${PREAMBLE}
local result = ARGV[6]
if redis.call('TYPE', entryKey).ok == 'string' then
  local heldText = redis.call('GET', entryKey)
  local held = tonumber(heldText)
  if held ~= nil and held >= tonumber(ARGV[6]) then result = heldText end
end
redis.call('SET', entryKey, result, 'PX', ttl)
trim()
touch()
return result
`;

// delete: DEL the entry and ZREM it from the index; returns 1 if the entry was held.
const DELETE = `${PREAMBLE}
local deleted = redis.call('DEL', entryKey)
redis.call('ZREM', indexKey, member)
trim()
return deleted
`;

// size: KEYS[1] the index, ARGV[1] now. Drops the expired members, then counts the rest.
const SIZE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])
`;

// clear: KEYS[1] the index, ARGV[1] the prefix of its entries. Deletes every entry the index
// lists, 500 at a time (unpack has a stack limit), then the index.
const CLEAR = `
while true do
  local members = redis.call('ZRANGE', KEYS[1], 0, 499)
  if #members == 0 then break end
  local keys = {}
  for i, m in ipairs(members) do keys[i] = ARGV[1] .. m end
  redis.call('DEL', unpack(keys))
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #members - 1)
end
redis.call('DEL', KEYS[1])
return 0
`;

/** The arguments every entry script takes (see PREAMBLE). */
interface EntryTarget {
  entryKey: string;
  indexKey: string;
  entryPrefix: string;
  key: string;
  now: number;
  ttlMs: number;
  cap: number;
}

function pushTarget(parser: CommandParser, target: EntryTarget): void {
  parser.pushKey(target.entryKey);
  parser.pushKey(target.indexKey);
  parser.push(target.entryPrefix, target.key, String(target.now), String(target.ttlMs), String(target.cap));
}

// The replies are checked where they are used, so each script declares an unknown reply.
const unknownReply = (reply: unknown): unknown => reply;

const scripts = {
  ledePut: defineScript({
    SCRIPT: PUT,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser: CommandParser, target: EntryTarget, value: string, condition: PutCondition, whenFull: string) {
      pushTarget(parser, target);
      if (typeof condition === 'object') parser.push(value, 'if-holds', whenFull, condition.ifHolds);
      else parser.push(value, condition, whenFull, '');
    },
    transformReply: unknownReply,
  }),
  ledeAppend: defineScript({
    SCRIPT: APPEND,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser: CommandParser, target: EntryTarget, item: string, keep: number) {
      pushTarget(parser, target);
      parser.push(item, String(keep));
    },
    transformReply: unknownReply,
  }),
  ledeRaise: defineScript({
    SCRIPT: RAISE,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser: CommandParser, target: EntryTarget, value: number) {
      pushTarget(parser, target);
      parser.push(String(value));
    },
    transformReply: unknownReply,
  }),
  ledeDelete: defineScript({
    SCRIPT: DELETE,
    NUMBER_OF_KEYS: 2,
    parseCommand(parser: CommandParser, target: EntryTarget) {
      pushTarget(parser, target);
    },
    transformReply: unknownReply,
  }),
  ledeSize: defineScript({
    SCRIPT: SIZE,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser: CommandParser, indexKey: string, now: number) {
      parser.pushKey(indexKey);
      parser.push(String(now));
    },
    transformReply: unknownReply,
  }),
  ledeClear: defineScript({
    SCRIPT: CLEAR,
    NUMBER_OF_KEYS: 1,
    parseCommand(parser: CommandParser, indexKey: string, entryPrefix: string) {
      parser.pushKey(indexKey);
      parser.push(entryPrefix);
    },
    transformReply: unknownReply,
  }),
};

/** Settles like `promise`, or rejects after `ms`: node-redis's own command timeout only covers a
 * command still waiting to be written, not one written to a server that never answers. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function unavailable(cause: unknown): StoreUnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StoreUnavailableError(`The Redis store is unavailable: ${reason}`, { cause });
}

function parsePutReply(reply: unknown): PutResult {
  if (!Array.isArray(reply)) throw new TypeError(`Unexpected reply to put: ${String(reply)}`);
  const [kind, retryAt] = reply as unknown[];
  if (kind === 'stored') return { kind: 'stored' };
  if (kind === 'not-stored') return { kind: 'not-stored' };
  // A score may carry a fraction (see touch): the entry expires within that millisecond.
  if (kind === 'full') return { kind: 'full', retryAt: Math.ceil(Number(retryAt)) };
  throw new TypeError(`Unexpected reply to put: ${String(kind)}`);
}

export function createRedisStore({
  url,
  keyPrefix = 'lede:',
  now = Date.now,
  commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
  log,
}: RedisStoreOptions): Store {
  const client = createClient({
    url,
    scripts,
    // While disconnected, a command fails at once (the request answers 503) instead of waiting
    // in a queue for a Redis that may take minutes to return.
    disableOfflineQueue: true,
    maintNotifications: 'disabled',
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Never give up: whenever Redis is back, the store is too, with no restart.
      reconnectStrategy: (retries) => Math.min((retries + 1) * 100, MAX_RECONNECT_DELAY_MS),
    },
  });

  // One line per change of state, however many errors each reconnection attempt reports.
  let state: 'connecting' | 'ready' | 'down' | 'closed' = 'connecting';
  // An 'error' listener is required: without one, node-redis's error events crash the process.
  client.on('error', (error: unknown) => {
    if (state === 'down' || state === 'closed') return;
    state = 'down';
    log?.(`Redis store unavailable (${error instanceof Error ? error.message : String(error)}); retrying.`);
  });
  client.on('ready', () => {
    if (state === 'closed') return;
    log?.(state === 'connecting' ? 'Redis store connected.' : 'Redis store reconnected.');
    state = 'ready';
  });

  // Connecting runs in the background; createRedisStore answers at once. Until the first
  // connection, an operation waits for it up to its timeout (a server starting alongside Redis
  // should not answer its first requests with 503); after that, a disconnected store fails fast.
  let resolveFirstReady: () => void = () => {};
  const firstReady = new Promise<void>((resolve) => {
    resolveFirstReady = resolve;
  });
  client.once('ready', () => resolveFirstReady());
  client.connect().catch(() => {
    // Rejects only when closed before connecting; the 'error' listener has reported the rest.
  });

  async function run<T>(command: () => Promise<T>): Promise<T> {
    if (state === 'closed') throw unavailable(new Error('The store is closed.'));
    try {
      const started = Date.now();
      if (state === 'connecting') await withTimeout(firstReady, commandTimeoutMs);
      return await withTimeout(command(), Math.max(1, commandTimeoutMs - (Date.now() - started)));
    } catch (error) {
      throw unavailable(error);
    }
  }

  let closing: Promise<void> | undefined;

  function collection(scopeName: string, { name, ttlMs, cap, whenFull }: CollectionSpec): Collection {
    const base = `${keyPrefix}${scopeName}:${name}:`;
    const indexKey = `${base}index`;
    const entryPrefix = `${base}v:`;
    const target = (key: string): EntryTarget => ({
      entryKey: entryPrefix + key,
      indexKey,
      entryPrefix,
      key,
      now: now(),
      ttlMs,
      cap,
    });
    return {
      get: (key) =>
        run(async () => {
          try {
            return (await client.get(entryPrefix + key)) ?? undefined;
          } catch (error) {
            // A list held at the key: no value, as in the memory store.
            if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return undefined;
            throw error;
          }
        }),
      put: (key, value, condition = 'always') =>
        run(async () => parsePutReply(await client.ledePut(target(key), value, condition, whenFull))),
      delete: (key) => run(async () => (await client.ledeDelete(target(key))) === 1),
      append: (key, item, keep) =>
        run(async () => {
          const reply = await client.ledeAppend(target(key), item, keep);
          return (reply as unknown[]).map(String);
        }),
      list: (key) =>
        run(async () => {
          try {
            return await client.lRange(entryPrefix + key, 0, -1);
          } catch (error) {
            // A value held at the key: no list, as in the memory store.
            if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return [];
            throw error;
          }
        }),
      raise: (key, value) => run(async () => Number(await client.ledeRaise(target(key), value))),
      size: () => run(async () => Number(await client.ledeSize(indexKey, now()))),
      clear: () =>
        run(async () => {
          await client.ledeClear(indexKey, entryPrefix);
        }),
    };
  }

  return {
    kind: 'redis',
    async isReady() {
      try {
        // Still connecting for the first time: a probe right after start waits for it, briefly.
        if (state === 'connecting') await withTimeout(firstReady, READY_TIMEOUT_MS);
        if (state !== 'ready') return false;
        await withTimeout(client.ping(), READY_TIMEOUT_MS);
        return true;
      } catch {
        return false;
      }
    },
    scope(scopeName): Scope {
      return { collection: (spec) => collection(scopeName, spec) };
    },
    // Nothing of a scope is held in this process: its keys were cleared, and Redis holds the rest.
    forget() {},
    close() {
      closing ??= (async () => {
        state = 'closed';
        // Let commands in flight finish, briefly; then cut the connection whatever its state.
        if (client.isOpen) await withTimeout(client.close(), CLOSE_TIMEOUT_MS).catch(() => {});
        client.destroy();
      })();
      return closing;
    },
  };
}
