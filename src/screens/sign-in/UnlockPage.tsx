// A locked account's way back: without a token, asks for an unlock link (the login page's "This
// account is locked" leads here with the address); with one (?token=…, from the link), unlocks the
// account in this world and offers to log in.
import { Link, useSearchParams } from 'react-router-dom';
import { requestUnlockLink, unlockAccount } from '../../client-state/api-account-links.ts';
import { LOGIN_PATH } from '../../config/paths.ts';
import { focusOnMount } from './AccountField.tsx';
import { SendLinkForm } from './SendLinkForm.tsx';
import { useSpentLink } from './use-spent-link.ts';

const REFUSED = {
  invalid: 'This unlock link is not valid. It may have been copied incompletely.',
  expired: 'This unlock link has expired: links work for 1 hour.',
  used: 'This unlock link has been used already: the account is unlocked.',
} as const;

export function UnlockPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? undefined;
  const title = 'Unlock your account';
  return (
    <section className="login" aria-labelledby="unlock-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="unlock-heading">{title}</h1>
      {token === undefined ? (
        <>
          <p>
            A locked account cannot log in, even with the right password. Enter its address: we will email it a link
            that unlocks it. The link works for 1 hour, once.
          </p>
          <SendLinkForm
            defaultEmail={searchParams.get('email') ?? ''}
            submitLabel="Email me an unlock link"
            send={requestUnlockLink}
          />
        </>
      ) : (
        <Unlocking token={token} />
      )}
    </section>
  );
}

function Unlocking({ token }: { token: string }) {
  const { state, retry } = useSpentLink(token, unlockAccount);
  if (state.status === 'spending') return <p role="status">Unlocking the account…</p>;
  const { result } = state;
  switch (result.kind) {
    case 'ok':
      return (
        <div className="login__already">
          <p role="status" tabIndex={-1} ref={focusOnMount}>
            <strong>{result.email}</strong> is unlocked. Log in with its password.
          </p>
          <p className="gate__actions">
            <Link className="button" to={`${LOGIN_PATH}?${new URLSearchParams({ email: result.email }).toString()}`}>
              Log in
            </Link>
          </p>
        </div>
      );
    case 'refused':
      return (
        <div className="login__already">
          <p role="alert" tabIndex={-1} ref={focusOnMount}>
            {REFUSED[result.why]}
          </p>
          <p>
            <Link to={LOGIN_PATH}>Log in</Link>
          </p>
        </div>
      );
    case 'weak':
    case 'failed':
      return (
        <div role="alert" className="form-alert">
          <p>{result.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      );
  }
}
