// Where a reset link lands (?token=…). The link is checked first, so a link that no longer works
// says so before anyone types; then a new password, twice, with the rule said up front. Once set,
// every device logged in to the account has been logged out, and the page offers to log in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { checkPasswordReset, completePasswordReset, type LinkRefusal } from '../../client-state/api-account-links.ts';
import { useIsLive } from '../../client-state/use-is-live.ts';
import { ACCOUNT_PAGES } from '../../config/account-paths.ts';
import { LOGIN_PATH } from '../../config/paths.ts';
import { focusOnMount, newPasswordErrors, NewPasswordFields, type NewPasswordErrors } from './AccountField.tsx';

type PageState =
  | { status: 'checking' }
  | { status: 'unchecked'; message: string }
  | { status: 'refused'; why: LinkRefusal }
  | { status: 'choosing'; email: string }
  | { status: 'done'; email: string };

const REFUSED: Record<LinkRefusal, string> = {
  invalid: 'This reset link is not valid. It may have been copied incompletely.',
  expired: 'This reset link has expired: links work for 1 hour.',
  used: 'This reset link has been used already: each works once.',
};

export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [page, setPage] = useState<PageState>(
    token === '' ? { status: 'refused', why: 'invalid' } : { status: 'checking' },
  );
  const [attempt, setAttempt] = useState(0);
  const title = 'Choose a new password';

  useEffect(() => {
    if (token === '') return;
    let current = true;
    void checkPasswordReset(token).then((result) => {
      if (!current) return;
      if (result.kind === 'ok') setPage({ status: 'choosing', email: result.email });
      else if (result.kind === 'refused') setPage({ status: 'refused', why: result.why });
      else setPage({ status: 'unchecked', message: result.kind === 'failed' ? result.message : 'Try again.' });
    });
    return () => {
      current = false;
    };
  }, [token, attempt]);

  return (
    <section className="login" aria-labelledby="reset-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="reset-heading">{title}</h1>
      {page.status === 'checking' && <p role="status">Checking the link…</p>}
      {page.status === 'unchecked' && (
        <div role="alert" className="form-alert">
          <p>{page.message}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setPage({ status: 'checking' });
              setAttempt((n) => n + 1);
            }}
          >
            Check the link again
          </button>
        </div>
      )}
      {page.status === 'refused' && (
        <div className="login__already">
          <p role="alert" tabIndex={-1} ref={focusOnMount}>
            {REFUSED[page.why]}
          </p>
          <p className="gate__actions">
            <Link className="button" to={ACCOUNT_PAGES.forgotPassword}>
              Ask for a new link
            </Link>
          </p>
        </div>
      )}
      {page.status === 'choosing' && (
        <NewPasswordForm
          token={token}
          email={page.email}
          onDone={() => setPage({ status: 'done', email: page.email })}
          onRefused={(why) => setPage({ status: 'refused', why })}
        />
      )}
      {page.status === 'done' && (
        <div className="login__already">
          <p role="status" tabIndex={-1} ref={focusOnMount}>
            Your password is set. Every device that was logged in to <strong>{page.email}</strong> has been logged out.
          </p>
          <p className="gate__actions">
            <Link className="button" to={`${LOGIN_PATH}?${new URLSearchParams({ email: page.email }).toString()}`}>
              Log in
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}

interface NewPasswordFormProps {
  token: string;
  email: string;
  onDone(): void;
  onRefused(why: LinkRefusal): void;
}

function NewPasswordForm({ token, email, onDone, onRefused }: NewPasswordFormProps) {
  const [fieldErrors, setNewPasswordErrors] = useState<NewPasswordErrors>({});
  const [failure, setFailure] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const live = useIsLive();

  function showErrors(errors: NewPasswordErrors): boolean {
    setNewPasswordErrors(errors);
    const first = errors.password ? passwordRef : errors.confirm ? confirmRef : null;
    first?.current?.focus();
    return first !== null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    setFailure(undefined);
    const invalid = showErrors(newPasswordErrors(password, confirm));
    if (invalid) return;
    inFlight.current = true;
    setSubmitting(true);
    const result = await completePasswordReset(token, password);
    inFlight.current = false;
    setSubmitting(false);
    // Whatever went wrong, what was typed stays in the fields for the next attempt.
    switch (result.kind) {
      case 'ok':
        return onDone();
      case 'refused':
        return onRefused(result.why);
      case 'weak':
        showErrors({ password: result.message });
        return;
      case 'failed':
        return setFailure(result.message);
    }
  }

  return (
    <form
      className="login__form"
      method="post"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-busy={submitting}
    >
      <p>
        For <strong>{email}</strong>. Setting it logs out every device logged in to the account.
      </p>
      {failure !== undefined && (
        <p role="alert" className="form-alert">
          {failure}
        </p>
      )}
      {/* The address, for password managers: it names the account the new password is for. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <NewPasswordFields
        labels={{ password: 'New password', confirm: 'Confirm new password' }}
        passwordRef={passwordRef}
        confirmRef={confirmRef}
        errors={fieldErrors}
      />
      <button type="submit" className="button" disabled={!live} aria-disabled={submitting}>
        {submitting ? 'Setting the password…' : 'Set the password'}
      </button>
    </form>
  );
}
