// What a reader should know about a subscription that is about to change: a trial's end, a failed
// payment's grace period, a cancellation's last day, a gift's end; and that an account's address
// is not verified yet. A bar kept at the bottom of the view (it comes after the page in the
// document, so its arrival moves nothing the reader sees). Loaded on demand with the account
// page's chunk (screens/pages.ts).
import { Link, useLocation } from 'react-router-dom';
import { toSubscribePath } from '../client-state/return-path.ts';
import { SUBSCRIBE_PATH } from '../config/paths.ts';
import type { SessionState } from '../client-state/session-store.ts';
import type { Standing } from '../paywall/reader.ts';
import { LongDate } from '../ui/LongDate.tsx';
import { VerifyEmailNotice } from './sign-in/VerifyEmailNotice.tsx';

/** `session`: the one the layout read before deciding to load this (no second read of it here). */
export function SubscriptionNotice({ session }: { session: SessionState }) {
  const { pathname, search } = useLocation();
  if (session.status !== 'signed-in') return null;
  const { reader } = session;
  const { subscription } = reader;
  const standing = subscription.status === 'active' ? subscription.standing : undefined;
  return (
    <>
      {reader.verified === false && <VerifyEmailNotice email={reader.email} />}
      {/* On the plans page the notice would only repeat what the page says. */}
      {standing !== undefined && pathname !== SUBSCRIBE_PATH && (
        <aside className="subscription-notice" aria-label="Your subscription">
          <Words standing={standing} returnPath={`${pathname}${search}`} />
        </aside>
      )}
    </>
  );
}

function Words({ standing, returnPath }: { standing: Standing; returnPath: string }) {
  switch (standing.kind) {
    case 'trial':
      return (
        <p>
          Your free trial ends on <LongDate date={standing.endsOn} />; then it becomes a paid subscription.
        </p>
      );
    case 'past-due':
      return (
        <p>
          Your last payment failed. Update your payment details by <LongDate date={standing.graceEndsOn} /> to keep
          reading. <Link to={toSubscribePath(returnPath)}>Update payment</Link>
        </p>
      );
    case 'cancelled':
      return (
        <p>
          Your subscription ends on <LongDate date={standing.endsOn} />.{' '}
          <Link to={toSubscribePath(returnPath)}>Resume subscription</Link>
        </p>
      );
    case 'gifted':
      return (
        <p>
          Your complimentary subscription ends on <LongDate date={standing.endsOn} />.
        </p>
      );
  }
}
