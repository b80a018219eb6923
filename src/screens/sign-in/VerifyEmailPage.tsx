// Where a verification link lands (?token=…): the address is verified, and the reader's session,
// if this browser has one, learns it at once (the notice asking to verify goes).
import { Link, useSearchParams } from 'react-router-dom';
import { verifyEmail } from '../../client-state/api-account-links.ts';
import { refreshSession } from '../../client-state/session-store.ts';
import { HOME_PATH } from '../../config/paths.ts';
import { focusOnMount } from './AccountField.tsx';
import { useSpentLink } from './use-spent-link.ts';

const REFUSED = {
  invalid: 'This verification link is not valid. Log in, and send a new one from the notice at the foot of the page.',
  expired: 'This verification link has expired: links work for 7 days. Log in, and send a new one from the notice.',
  used: 'This verification link has been used already: the address is verified.',
} as const;

async function verifyAndRefresh(token: string) {
  const result = await verifyEmail(token);
  if (result.kind === 'ok') await refreshSession();
  return result;
}

export function VerifyEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { state, retry } = useSpentLink(token, verifyAndRefresh);
  const title = 'Verify your email address';
  return (
    <section className="login" aria-labelledby="verify-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="verify-heading">{title}</h1>
      {state.status === 'spending' ? (
        <p role="status">Verifying…</p>
      ) : state.result.kind === 'ok' ? (
        <div className="login__already">
          <p role="status" tabIndex={-1} ref={focusOnMount}>
            <strong>{state.result.email}</strong> is verified. Thank you.
          </p>
          <p>
            <Link to={HOME_PATH}>Go to the front page</Link>
          </p>
        </div>
      ) : state.result.kind === 'refused' ? (
        <p role="alert" tabIndex={-1} ref={focusOnMount}>
          {REFUSED[state.result.why]}
        </p>
      ) : (
        <div role="alert" className="form-alert">
          <p>{state.result.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}
