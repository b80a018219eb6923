// Who is reading: an account and its subscription. Plain data shared by server and client.

/**
 * What kind of active subscription, when it is not a plain paid one, with the date that matters
 * (an ISO date, `YYYY-MM-DD`, by the world's clock).
 */
export type Standing =
  /** A free trial: it becomes a paid subscription on `endsOn` unless cancelled. */
  | { kind: 'trial'; endsOn: string }
  /** A payment failed: full access during a grace period, until `graceEndsOn`, then it ends. */
  | { kind: 'past-due'; graceEndsOn: string }
  /** Cancelled: active until the period's end, `endsOn`, then it ends. */
  | { kind: 'cancelled'; endsOn: string }
  /** Complimentary, until `endsOn`. */
  | { kind: 'gifted'; endsOn: string };

export type Subscription =
  /** `standing` says what kind when it is not a plain paid subscription. */
  | { status: 'active'; standing?: Standing }
  | { status: 'none' }
  /** `endedOn` is an ISO date, `YYYY-MM-DD`. */
  | { status: 'expired'; endedOn: string };

export interface Reader {
  email: string;
  name: string;
  subscription: Subscription;
  /** Present, and false, only for an account created on the site whose address is not verified yet. */
  verified?: false;
}
