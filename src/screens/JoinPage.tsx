// Creating a free account: email, password, the password again. The answer never says whether the
// address had an account already (nothing is enumerated), so the page ends by asking the reader to
// log in, and carries them back to where they were going.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { requestAccount } from '../client-state/api-accounts.ts';
import { toLoginPath, toReturnPath } from '../client-state/return-path.ts';
import { useIsLive } from '../client-state/use-is-live.ts';
import { looksLikeEmail } from '../paywall/new-account.ts';
import { SandboxEndedAlert } from './SandboxEnded.tsx';
import { AccountField, NewPasswordFields, newPasswordErrors, PASSWORD_ERROR } from './sign-in/AccountField.tsx';

type FormState =
  | { status: 'editing' }
  | { status: 'submitting' }
  /** Answered: the address has an account now, whether it had one before or not. */
  | { status: 'requested'; email: string }
  | { status: 'failed'; message: string }
  | { status: 'unreachable' }
  | { status: 'sandbox-gone' };

type FieldErrors = { email?: string; password?: string; confirm?: string };

const EMAIL_ERROR = 'Enter an email address, like name@example.com.';

export function JoinPage() {
  const [searchParams] = useSearchParams();
  const returnPath = toReturnPath(searchParams.get('next'));
  const [form, setForm] = useState<FormState>({ status: 'editing' });
  const title = 'Create a free account';

  return (
    <section className="login" aria-labelledby="join-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="join-heading">{title}</h1>
      {form.status === 'requested' ? (
        <Requested email={form.email} returnPath={returnPath} />
      ) : (
        <>
          <p>
            A free account reads the articles a site opens to accounts. It has no subscription: subscribing is a
            separate step. (A simulation: the email asking to verify the address lands in the test inbox.)
          </p>
          <JoinForm form={form} setForm={setForm} />
          <p>
            Have an account? <Link to={toLoginPath(returnPath)}>Log in</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Requested({ email, returnPath }: { email: string; returnPath: string }) {
  // Focus the outcome: the form that had it is gone.
  const focus = (element: HTMLElement | null) => element?.focus();
  return (
    <div className="login__already">
      <p role="status" tabIndex={-1} ref={focus}>
        <strong>{email}</strong> has an account now, unless it had one already. Log in with it to continue.
      </p>
      <p className="gate__actions">
        <Link className="button" to={toLoginPath(returnPath)}>
          Log in
        </Link>
      </p>
    </div>
  );
}

function JoinForm({ form, setForm }: { form: FormState; setForm: (form: FormState) => void }) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const ids = { email: useId() };
  const live = useIsLive();

  function showErrors(errors: FieldErrors): boolean {
    setFieldErrors(errors);
    const first = errors.email ? emailRef : errors.password ? passwordRef : errors.confirm ? confirmRef : null;
    first?.current?.focus();
    return first !== null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return; // a double click sends one request
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    const invalid = showErrors({
      ...(looksLikeEmail(email) ? {} : { email: EMAIL_ERROR }),
      ...newPasswordErrors(password, confirm),
    });
    if (invalid) return setForm({ status: 'editing' });

    setForm({ status: 'submitting' });
    inFlight.current = true;
    const result = await requestAccount(email, password);
    inFlight.current = false;
    // Whatever went wrong, what was typed stays in the fields for the next attempt.
    switch (result.kind) {
      case 'requested':
        return setForm({ status: 'requested', email });
      case 'invalid':
        setForm({ status: 'editing' });
        showErrors({
          ...(result.fields.email ? { email: EMAIL_ERROR } : {}),
          ...(result.fields.password ? { password: PASSWORD_ERROR } : {}),
        });
        return;
      case 'failed':
        return setForm({ status: 'failed', message: result.message });
      case 'unreachable':
        return setForm({ status: 'unreachable' });
      case 'sandbox-gone':
        return setForm({ status: 'sandbox-gone' });
    }
  }

  const submitting = form.status === 'submitting';
  return (
    <form
      className="login__form"
      method="post"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-busy={submitting}
    >
      {form.status === 'failed' && (
        <p role="alert" className="form-alert">
          {form.message}
        </p>
      )}
      {form.status === 'unreachable' && (
        <p role="alert" className="form-alert">
          Could not reach the service. Check your connection and try again.
        </p>
      )}
      {form.status === 'sandbox-gone' && <SandboxEndedAlert onLeft={() => setForm({ status: 'editing' })} />}
      <AccountField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        id={ids.email}
        inputRef={emailRef}
        error={fieldErrors.email}
      />
      <NewPasswordFields
        labels={{ password: 'Password', confirm: 'Confirm password' }}
        passwordRef={passwordRef}
        confirmRef={confirmRef}
        errors={fieldErrors}
      />
      {/* Disabled until the page is live: the form cannot submit before its handler is there. */}
      <button type="submit" className="button" disabled={!live} aria-disabled={submitting}>
        {submitting ? 'Creating the account…' : 'Create account'}
      </button>
    </form>
  );
}
