// The mock plans page: turns a reader without a current subscription into a subscriber for the
// rest of the server's life (or until POST /api/test/reset). A simulation: no payment details.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { FOCUS_GATED, toJoinPath, toLoginPath, toReturnPath, toSubscribePath } from '../client-state/return-path.ts';
import { requestSubscriptionChange } from '../client-state/api-accounts.ts';
import { acceptSubscriptionChange } from '../client-state/session-store.ts';
import { useSession } from '../client-state/use-session.ts';

const PLANS = [
  { id: 'monthly', label: 'Monthly', price: '$0 a month (simulated)' },
  { id: 'yearly', label: 'Yearly', price: '$0 a year (simulated)' },
] as const;

type FormState = { status: 'choosing' } | { status: 'submitting' } | { status: 'failed'; message: string };

export function SubscribePage() {
  const [searchParams] = useSearchParams();
  const returnPath = toReturnPath(searchParams.get('next'));
  const session = useSession();
  const subscription = session.status === 'signed-in' ? session.reader.subscription : undefined;
  const renewing = subscription?.status === 'expired';
  const standing = subscription?.status === 'active' ? subscription.standing?.kind : undefined;
  // A failed payment is fixed, and a cancellation undone, by choosing a plan again.
  const fixing = standing === 'past-due' || standing === 'cancelled';
  const title =
    standing === 'past-due'
      ? 'Update your payment'
      : standing === 'cancelled'
        ? 'Resume your subscription'
        : renewing
          ? 'Renew your subscription'
          : 'Choose a plan';
  const action =
    standing === 'past-due'
      ? 'Update payment'
      : standing === 'cancelled'
        ? 'Resume subscription'
        : renewing
          ? 'Renew subscription'
          : 'Start subscription';

  return (
    <section className="subscribe" aria-labelledby="subscribe-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="subscribe-heading">{title}</h1>
      <p className="simulation-notice">
        This is a simulation: Lede asks for no payment details and charges nothing. A subscription lasts 30 days, or
        until its sandbox is reset.
      </p>
      {session.status === 'checking' && <p role="status">Checking your account…</p>}
      {(session.status === 'anonymous' || session.status === 'unknown') && (
        <p>
          <Link className="button" to={toLoginPath(toSubscribePath(returnPath))}>
            Log in to subscribe
          </Link>{' '}
          or <Link to={toJoinPath(toSubscribePath(returnPath))}>create a free account</Link> first.
        </p>
      )}
      {session.status === 'signed-in' &&
        (session.reader.subscription.status === 'active' && !fixing ? (
          <>
            <p>
              <strong>{session.reader.email}</strong> already has an active subscription.
            </p>
            <p>
              <Link className="button" to={returnPath}>
                Continue reading
              </Link>
            </p>
          </>
        ) : (
          <PlanForm returnPath={returnPath} action={action} />
        ))}
    </section>
  );
}

function PlanForm({ returnPath, action }: { returnPath: string; action: string }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>({ status: 'choosing' });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.status === 'submitting') return;
    const plan = String(new FormData(event.currentTarget).get('plan') ?? PLANS[0].id);
    setForm({ status: 'submitting' });
    const result = await requestSubscriptionChange({ plan });
    if (result.kind !== 'ok') return setForm({ status: 'failed', message: result.message });
    acceptSubscriptionChange(result.session);
    await navigate(returnPath, { replace: true, state: FOCUS_GATED });
  }

  const submitting = form.status === 'submitting';
  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-busy={submitting}>
      {form.status === 'failed' && (
        <p role="alert" className="form-alert">
          {form.message}
        </p>
      )}
      <fieldset className="plans">
        <legend>Plan</legend>
        {PLANS.map((plan, index) => (
          <label key={plan.id} className="field field--inline">
            <input type="radio" name="plan" value={plan.id} defaultChecked={index === 0} />
            {plan.label} — {plan.price}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" aria-disabled={submitting}>
        {submitting ? 'Subscribing…' : action}
      </button>
    </form>
  );
}
