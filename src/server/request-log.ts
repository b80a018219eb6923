// The request log: a world's last REQUEST_LOG_KEEP API requests, as a tester would read them in a
// proxy — method, path, status, how long the answer took, and whose session sent it — so what the
// app did is visible without one (GET /api/test/requests). Secrets a URL can carry (tokens, codes,
// gift links) are never written: their values are replaced by "…". One capped list per world.
import type { Scope } from './store/store.ts';

export interface LoggedRequest {
  /** When it came, by the world's clock (ISO 8601). */
  at: string;
  method: string;
  /** The path and query, secrets blanked. */
  path: string;
  status: number;
  durationMs: number;
  /** The address of the session that sent it, if one did. */
  persona?: string;
  /** The fault it met, if any: a rule's id, or "header" for its own `Lede-Fault`. */
  fault?: string;
}

export interface RequestLog {
  record(entry: LoggedRequest): Promise<void>;
  /** Newest first. */
  list(): Promise<LoggedRequest[]>;
  clear(): Promise<void>;
  size(): Promise<number>;
}

export const REQUEST_LOG_KEEP = 200;
/** Query parameters whose values are secrets: never logged. */
const SECRET_PARAMETERS = new Set(['token', 'gift', 'code', 'state', 'code_challenge', 'code_verifier', 'challenge']);
const LOG_MEMORY_MS = 24 * 60 * 60_000;
const KEY = 'requests';

/** The path and query as logged: each secret parameter's value blanked. */
export function loggedPath(url: URL): string {
  if (url.search === '') return url.pathname;
  const query = [...url.searchParams]
    .map(
      ([name, value]) => `${encodeURIComponent(name)}=${SECRET_PARAMETERS.has(name) ? '…' : encodeURIComponent(value)}`,
    )
    .join('&');
  return `${url.pathname}?${query}`;
}

export function createRequestLog(scope: Scope, keep = REQUEST_LOG_KEEP): RequestLog {
  const log = scope.collection({ name: 'requests', ttlMs: LOG_MEMORY_MS, cap: 1, whenFull: 'evict-oldest' });
  return {
    async record(entry) {
      await log.append(KEY, JSON.stringify(entry), keep);
    },
    async list() {
      return (await log.list(KEY)).map((item) => JSON.parse(item) as LoggedRequest).reverse();
    },
    clear: () => log.clear(),
    async size() {
      return (await log.list(KEY)).length;
    },
  };
}
