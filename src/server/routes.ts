// How a route module plugs into the API's route table (handler.ts): a table of paths, each with
// its methods, and the one step every way of signing in shares, lent by the handler. A module
// (inbox-routes.ts, the sign-in methods) owns its paths, its state in the world and its words;
// the handler reads the request once and hands it over as a Call.
import type { Account } from './accounts.ts';
import type { RouteDocs } from './api-docs.ts';
import type { Call } from './call.ts';

export type RouteHandler = (call: Call) => Response | Promise<Response>;

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteEntry {
  /** Served only where the test hooks are (always in a sandbox): 404 elsewhere, as if absent. */
  hook?: boolean;
  methods: Partial<Record<RouteMethod, RouteHandler>>;
  /** What GET /api/openapi.json says of each method (api-docs.ts): its body and its answers. */
  docs: RouteDocs;
}

/** Exact paths (no parameters: anything variable travels in the query or the body). */
export type RouteTable = Readonly<Record<string, RouteEntry>>;

/** What the handler lends route modules. */
export interface RouteKit {
  /**
   * Signs `account` in on the calling browser, as a password login does: a new session (the
   * browser's previous one ends), the account's device limit applied. Answers 200
   * `{ reader, expiresAt }` with the session cookie (`remember`: the 30-day one).
   */
  issueSession(call: Call, account: Account, remember: boolean): Promise<Response>;
}
