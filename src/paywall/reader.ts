// Who is reading: an account and its subscription. Plain data shared by server and client.

export type Subscription =
  | { status: 'active' }
  | { status: 'none' }
  /** `endedOn` is an ISO date, `YYYY-MM-DD`. */
  | { status: 'expired'; endedOn: string };

export interface Reader {
  email: string;
  name: string;
  subscription: Subscription;
}
