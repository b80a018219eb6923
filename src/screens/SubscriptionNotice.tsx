// What a reader should know about a subscription that is about to change: a trial's end, a failed
// payment's grace period, a cancellation's last day, a gift's end. A bar kept at the bottom of the
// view (it comes after the page in the document, so its arrival moves nothing the reader sees).
// Loaded on demand with the account page's chunk (screens/pages.ts).
import { Link, useLocation } from 'react-router-dom';
import { toSubscribePath } from '../client-state/return-path.ts';
import { SUBSCRIBE_PATH } from '../config/paths.ts';
import type { Standing } from '../paywall/reader.ts';
import { LongDate } from '../ui/LongDate.tsx';

/** `standing`: the logged-in reader's, which the layout reads from the session before loading this. */
export function SubscriptionNotice({ standing }: { standing: Standing }) {
  const { pathname, search } = useLocation();
  // On the plans page the notice would only repeat what the page says.
  if (pathname === SUBSCRIBE_PATH) return null;
  return (
    <aside className="subscription-notice" aria-label="Your subscription">
      <Words standing={standing} returnPath={`${pathname}${search}`} />
    </aside>
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
