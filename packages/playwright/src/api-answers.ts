// What Lede's API answers, as the fixtures read it: the shapes docs/testing.md's API table gives.
// Written out here rather than imported, so the package depends on nothing of Lede's source;
// src/server/package-answers.test.ts checks each against its route's schema at typecheck.

/** What kind of active subscription, when it is not a plain paid one; dates are `YYYY-MM-DD`. */
export type Standing =
  | { kind: 'trial'; endsOn: string }
  | { kind: 'past-due'; graceEndsOn: string }
  | { kind: 'cancelled'; endsOn: string }
  | { kind: 'gifted'; endsOn: string };

export type Subscription =
  { status: 'active'; standing?: Standing } | { status: 'none' } | { status: 'expired'; endedOn: string };

export interface Reader {
  email: string;
  name: string;
  subscription: Subscription;
  /** Present, and false, only for an account made on the site whose address is not verified yet. */
  verified?: false;
}

/** `POST /api/session` and every answer that signs a reader in. */
export interface Session {
  reader: Reader;
  /** When the session ends if nothing else happens (ISO 8601, by the world's clock). */
  expiresAt: string;
}

/** `GET /api/test/inbox`: one message Lede "sent". */
export interface Mail {
  id: string;
  /** The recipient, lower-cased. */
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

export const FAULT_KINDS = ['status', 'delay', 'timeout', 'reset', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A rule as `PUT /api/test/faults` takes it: at least a kind, a status or a delay. */
export interface FaultRuleInput {
  /** `*` within one path segment, `**` across: `/api/articles/*\/rest`. */
  path: string;
  /** Only this method; any when left out. */
  method?: string;
  kind?: FaultKind;
  /** 400–599; a rule with a status and no kind is a `status` rule. */
  status?: number;
  /** Waited first (0–60,000 ms); a rule with only a delay is a `delay` rule. */
  delayMs?: number;
  /** Fires this many times, then is spent. */
  times?: number;
  /** Fires on this share of matching requests (0–1). */
  probability?: number;
}

/** A rule as the server holds it (`GET /api/test/faults`): its id and kind decided, and how often it fired. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  kind: FaultKind;
  fired: number;
}

/** `GET /api/test/requests`: one API request the world served. */
export interface LoggedRequest {
  /** When it came, by the world's clock (ISO 8601). */
  at: string;
  method: string;
  /** The path and query; tokens, codes and gift links written as `…`. */
  path: string;
  status: number;
  durationMs: number;
  /** The address of the session that sent it, if one did. */
  persona?: string;
  /** The fault it met: a rule's id, or `header` for its own `Lede-Fault`. */
  fault?: string;
}

export type MeterWindow = 'rolling-30-days' | 'calendar-month';
export type MeterCounts = 'articles' | 'views';

export interface MeterSettings {
  /** How many articles (or views) a reader without a subscription reads in full per window: 1–100. */
  limit: number;
  window: MeterWindow;
  counts: MeterCounts;
}

/** The world's paywall model, as `GET /api/test/paywall` answers it. */
export type PaywallModel =
  { model: 'hard' } | { model: 'registration' } | { model: 'free' } | { model: 'metered'; meter: MeterSettings };

/** What `PUT /api/test/paywall` takes: a meter's fields default to 3 articles a calendar month. */
export type PaywallModelInput =
  | { model: 'hard' }
  | { model: 'registration' }
  | { model: 'free' }
  | { model: 'metered'; meter?: Partial<MeterSettings> };
