// Subscriptions that change by the clock: where an account's subscription stands, as a pure
// function of its persona, when the account was first seen in its world, what its reader did
// (bought a plan, cancelled, resumed) and the world's time now. A test moves a world's clock
// (POST /api/test/clock) and the account is in its next state at its next request.
import type { Standing, Subscription } from './reader.ts';

export type Lifecycle =
  /** A free trial of `days`, then a paid subscription. */
  | { kind: 'trial'; days: number }
  /** A failed payment: `graceDays` of full access, then the subscription ends. */
  | { kind: 'past-due'; graceDays: number }
  /** Cancelled, active for `days` more, then ended (unless resumed). */
  | { kind: 'cancelled'; days: number }
  /** Complimentary for `days`, then ended. */
  | { kind: 'gifted'; days: number };

export type Cancellation = { kind: 'cancelled'; at: number } | { kind: 'resumed' };

export interface AccountHistory {
  /** The persona's own subscription: where a persona without a lifecycle stays. */
  start: Subscription;
  lifecycle?: Lifecycle;
  /** When the account was first seen in its world (world time, epoch ms). */
  since: number;
  /** A plan chosen on the plans page: a paid subscription from then. */
  boughtAt?: number;
  cancellation?: Cancellation;
}

/** A paid subscription renews every 30 days from its start; a cancelled one runs to its period's end. */
export const PERIOD_MS = 30 * 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export function subscriptionAt(history: AccountHistory, now: number): Subscription {
  const { start, lifecycle, since, boughtAt, cancellation } = history;
  const cancelledAt = cancellation?.kind === 'cancelled' ? cancellation.at : undefined;
  if (boughtAt !== undefined) return paid(boughtAt, cancelledAt, now);
  if (lifecycle === undefined) return start.status === 'active' ? paid(since, cancelledAt, now) : start;
  const end = since + (lifecycle.kind === 'past-due' ? lifecycle.graceDays : lifecycle.days) * DAY_MS;
  switch (lifecycle.kind) {
    case 'trial':
      // Cancelled during the trial: it ends with the trial. Otherwise it turns paid.
      if (cancelledAt !== undefined && cancelledAt < end)
        return until(end, { kind: 'cancelled', endsOn: isoDate(end) }, now);
      return now < end ? active({ kind: 'trial', endsOn: isoDate(end) }) : paid(end, cancelledAt, now);
    case 'past-due':
      return until(end, { kind: 'past-due', graceEndsOn: isoDate(end) }, now);
    case 'cancelled':
      return cancellation?.kind === 'resumed'
        ? paid(since, undefined, now)
        : until(end, { kind: 'cancelled', endsOn: isoDate(end) }, now);
    case 'gifted':
      return until(end, { kind: 'gifted', endsOn: isoDate(end) }, now);
  }
}

/** Whether the reader can cancel it: a paid subscription or a trial, not yet cancelled. */
export function mayCancel(subscription: Subscription): boolean {
  return (
    subscription.status === 'active' && (subscription.standing === undefined || subscription.standing.kind === 'trial')
  );
}

/** Whether the reader can take a cancellation back: it is cancelled and has not ended. */
export function mayResume(subscription: Subscription): boolean {
  return subscription.status === 'active' && subscription.standing?.kind === 'cancelled';
}

/** Paid since `from`: renewing, or, cancelled at `cancelledAt`, running to the end of that period. */
function paid(from: number, cancelledAt: number | undefined, now: number): Subscription {
  if (cancelledAt === undefined) return { status: 'active' };
  const end = from + PERIOD_MS * (Math.floor(Math.max(0, cancelledAt - from) / PERIOD_MS) + 1);
  return until(end, { kind: 'cancelled', endsOn: isoDate(end) }, now);
}

/** Active with `standing` until `end`, ended from then. */
function until(end: number, standing: Standing, now: number): Subscription {
  return now < end ? active(standing) : { status: 'expired', endedOn: isoDate(end) };
}

function active(standing: Standing): Subscription {
  return { status: 'active', standing };
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
