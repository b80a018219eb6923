// A logged-in reader's account: who, the subscription's plan, status and the date that matters,
// and the ways to change it (cancel, resume, a plan). Changes reach every tab at once.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  fetchSessions,
  requestEndOtherSessions,
  requestSubscriptionChange,
  type SessionView,
} from '../client-state/api-accounts.ts';
import { toLoginPath, toSubscribePath } from '../client-state/return-path.ts';
import { acceptSubscriptionChange } from '../client-state/session-store.ts';
import { useIsLive } from '../client-state/use-is-live.ts';
import { useSession } from '../client-state/use-session.ts';
import { ACCOUNT_PATH } from '../config/paths.ts';
import { mayCancel, mayResume } from '../paywall/lifecycle.ts';
import type { Subscription } from '../paywall/reader.ts';
import { LongDate } from '../ui/LongDate.tsx';

type ActionState<Action extends string> =
  | { status: 'idle' }
  | { status: 'pending'; action: Action }
  /** Done: what changed, said where the reader's attention is. */
  | { status: 'done'; words: string }
  | { status: 'failed'; message: string };

/**
 * An action of the page (cancel, resume, log out other devices): one at a time, and its outcome,
 * done or failed, takes focus (the button that was pressed may be gone).
 */
function useAction<Action extends string>(): {
  state: ActionState<Action>;
  run: (action: Action, perform: () => Promise<{ words: string } | { message: string }>) => Promise<void>;
  outcome: ReactNode;
} {
  const [state, setState] = useState<ActionState<Action>>({ status: 'idle' });
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  async function run(action: Action, perform: () => Promise<{ words: string } | { message: string }>) {
    if (state.status === 'pending') return;
    setState({ status: 'pending', action });
    const result = await perform();
    setState('words' in result ? { status: 'done', ...result } : { status: 'failed', ...result });
  }
  // Once the outcome is on the page, not a frame after the answer: a notice that loads with the
  // same change (the subscription notice's code) can hold the commit past that frame.
  const settled = state.status === 'done' || state.status === 'failed';
  useEffect(() => {
    if (settled) outcomeRef.current?.focus();
  }, [settled, state]);
  const outcome = (state.status === 'done' || state.status === 'failed') && (
    <p ref={outcomeRef} tabIndex={-1} role={state.status === 'failed' ? 'alert' : 'status'}>
      {state.status === 'done' ? state.words : state.message}
    </p>
  );
  return { state, run, outcome };
}

export function AccountPage() {
  const session = useSession();
  const title = 'Your account';
  return (
    <section className="subscribe" aria-labelledby="account-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="account-heading">{title}</h1>
      {session.status === 'checking' && <p role="status">Checking your account…</p>}
      {(session.status === 'anonymous' || session.status === 'unknown') && (
        <p>
          <Link className="button" to={toLoginPath(ACCOUNT_PATH)}>
            Log in to see your account
          </Link>
        </p>
      )}
      {session.status === 'signed-in' && (
        <>
          <p>
            Logged in as <strong>{session.reader.email}</strong>.
          </p>
          <h2>Subscription</h2>
          <SubscriptionPanel subscription={session.reader.subscription} />
          <h2>Devices</h2>
          <SessionsPanel />
        </>
      )}
    </section>
  );
}

function SubscriptionPanel({ subscription }: { subscription: Subscription }) {
  const { state, run, outcome } = useAction<'cancel' | 'resume'>();
  const live = useIsLive();

  const change = (kind: 'cancel' | 'resume') =>
    void run(kind, async () => {
      const result = await requestSubscriptionChange(kind);
      if (result.kind !== 'ok') return { message: result.message };
      acceptSubscriptionChange(result.session);
      return { words: kind === 'cancel' ? 'Your subscription is cancelled.' : 'Your subscription goes on.' };
    });

  const pending = state.status === 'pending' ? state.action : undefined;
  return (
    <div className="account-panel">
      <p>
        <StatusWords subscription={subscription} />
      </p>
      {outcome}
      <p className="gate__actions">
        {mayCancel(subscription) && (
          <button
            type="button"
            className="button"
            disabled={!live}
            aria-disabled={pending !== undefined}
            onClick={() => change('cancel')}
          >
            {pending === 'cancel' ? 'Cancelling…' : 'Cancel subscription'}
          </button>
        )}
        {mayResume(subscription) && (
          <button
            type="button"
            className="button"
            disabled={!live}
            aria-disabled={pending !== undefined}
            onClick={() => change('resume')}
          >
            {pending === 'resume' ? 'Resuming…' : 'Resume subscription'}
          </button>
        )}
        {subscription.status !== 'active' && (
          <Link className="button" to={toSubscribePath(ACCOUNT_PATH)}>
            {subscription.status === 'expired' ? 'Renew' : 'Subscribe'}
          </Link>
        )}
        {subscription.status === 'active' && subscription.standing?.kind === 'past-due' && (
          <Link className="button" to={toSubscribePath(ACCOUNT_PATH)}>
            Update payment
          </Link>
        )}
      </p>
    </div>
  );
}

function StatusWords({ subscription }: { subscription: Subscription }) {
  if (subscription.status === 'none') return <>No subscription.</>;
  if (subscription.status === 'expired') {
    return (
      <>
        Your subscription ended on <LongDate date={subscription.endedOn} />.
      </>
    );
  }
  const { standing } = subscription;
  if (standing === undefined) return <>Monthly subscription, active. It renews every 30 days.</>;
  switch (standing.kind) {
    case 'trial':
      return (
        <>
          Free trial, active until <LongDate date={standing.endsOn} />; then a monthly subscription.
        </>
      );
    case 'past-due':
      return (
        <>
          Monthly subscription, payment failed. Update your payment details by <LongDate date={standing.graceEndsOn} />{' '}
          to keep reading.
        </>
      );
    case 'cancelled':
      return (
        <>
          Cancelled: active until <LongDate date={standing.endsOn} />.
        </>
      );
    case 'gifted':
      return (
        <>
          Complimentary subscription, active until <LongDate date={standing.endsOn} />.
        </>
      );
  }
}

type SessionsState = { status: 'loading' } | { status: 'loaded'; sessions: SessionView[] } | { status: 'failed' };

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The reader's live sessions, and "Log out other devices". */
function SessionsPanel() {
  const [sessions, setSessions] = useState<SessionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { state: ending, run, outcome } = useAction<'end-others'>();
  const live = useIsLive();

  useEffect(() => {
    const controller = new AbortController();
    void fetchSessions(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setSessions(result.kind === 'ok' ? { status: 'loaded', sessions: result.sessions } : { status: 'failed' });
    });
    return () => controller.abort();
  }, [attempt]);

  const endOthers = () =>
    void run('end-others', async () => {
      const result = await requestEndOtherSessions();
      setAttempt((n) => n + 1); // the list again, as it now stands
      if (result.kind !== 'ok') return { message: result.message };
      return { words: `Logged out of ${result.ended} other ${result.ended === 1 ? 'device' : 'devices'}.` };
    });

  if (sessions.status === 'loading') return <p role="status">Loading your devices…</p>;
  if (sessions.status === 'failed') {
    return (
      <div>
        <p role="alert">Could not load your devices.</p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  const others = sessions.sessions.filter((session) => !session.current).length;
  return (
    <div className="account-panel">
      <ul className="sessions">
        {sessions.sessions.map((session) => (
          <li key={session.handle}>
            {session.current ? <strong>This device</strong> : 'Another device'}: logged in{' '}
            {timeFormat.format(new Date(session.createdAt))} UTC, last active{' '}
            {timeFormat.format(new Date(session.lastSeenAt))} UTC
            {session.persistent ? ', kept logged in' : ''}
          </li>
        ))}
      </ul>
      {outcome}
      {others > 0 && (
        <p>
          <button
            type="button"
            className="button"
            disabled={!live}
            aria-disabled={ending.status === 'pending'}
            onClick={endOthers}
          >
            {ending.status === 'pending' ? 'Logging out…' : 'Log out other devices'}
          </button>
        </p>
      )}
    </div>
  );
}
