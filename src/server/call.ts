// A request as the routes see it, read and checked once at the edge (handler.ts): its world, who
// sent it, its body. Route modules take a Call and answer a Response.
import type { Account } from './accounts.ts';
import type { RequestBody } from './request-body.ts';
import type { EndedBecause, Session } from './sessions.ts';
import type { World } from './world.ts';

/** The world a request belongs to, and whether the test hooks are served there. */
export interface Place {
  world: World;
  hooks: boolean;
}

/** Who sent the request, decided once from its session cookie, in its world. */
export type Visitor =
  | { kind: 'anonymous' }
  /**
   * Sent a session cookie that names no live session (malformed, forged, logged out, expired):
   * served as anonymous, and the answer clears the cookie; `ended` if the server ended it, and why.
   */
  | { kind: 'stale'; ended?: EndedBecause }
  | { kind: 'signed-in'; session: Session; account: Account };

/** A request as the routes see it: read and checked once, at the edge. */
export interface Call {
  method: string;
  url: URL;
  /** The `Origin` header: browsers send it on cross-origin requests, tools send none. */
  origin: string | null;
  place: Place;
  visitor: Visitor;
  /** The `lede_visitor` cookie's id: who an anonymous reader is to the meter, if it was sent. */
  visitorId: string | undefined;
  /** The `Cookie` header as sent, for a module's own cookie (a trusted device's, say). */
  cookie: string | null;
  body: RequestBody;
}
