// Asking for a link by email (a password reset, an unlock link): one address, one button. The
// answer is the same for every address, so the page says what the server said and where the
// message went in this simulation (the test inbox), whatever the address.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { SendResult } from '../../client-state/api-account-links.ts';
import { useIsLive } from '../../client-state/use-is-live.ts';
import { INBOX_PATH } from '../../config/paths.ts';
import { looksLikeEmail } from '../../paywall/new-account.ts';
import { focusOnMount, AccountField, waitWords } from './AccountField.tsx';

type FormState =
  | { status: 'editing' }
  | { status: 'submitting' }
  | { status: 'sent'; message: string }
  | { status: 'too-soon'; retryAt: number }
  | { status: 'failed'; message: string };

const EMAIL_ERROR = 'Enter an email address, like name@example.com.';

interface SendLinkFormProps {
  defaultEmail: string;
  submitLabel: string;
  send(email: string): Promise<SendResult>;
}

export function SendLinkForm({ defaultEmail, submitLabel, send }: SendLinkFormProps) {
  const [form, setForm] = useState<FormState>({ status: 'editing' });
  const [emailError, setEmailError] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const id = useId();
  const live = useIsLive();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return; // a double click sends one request
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (!looksLikeEmail(email)) {
      setEmailError(EMAIL_ERROR);
      setForm({ status: 'editing' });
      return emailRef.current?.focus();
    }
    setEmailError(undefined);
    setForm({ status: 'submitting' });
    inFlight.current = true;
    const result = await send(email);
    inFlight.current = false;
    switch (result.kind) {
      case 'sent':
        return setForm({ status: 'sent', message: result.message });
      case 'too-soon':
        return setForm({ status: 'too-soon', retryAt: result.retryAt });
      case 'invalid-email':
        setForm({ status: 'editing' });
        setEmailError(EMAIL_ERROR);
        return emailRef.current?.focus();
      case 'failed':
        return setForm({ status: 'failed', message: result.message });
    }
  }

  if (form.status === 'sent') {
    return (
      <div className="login__already">
        <p role="status" tabIndex={-1} ref={focusOnMount}>
          {form.message}
        </p>
        <p>
          A simulation: Lede sends no real email. Read the message in the <Link to={INBOX_PATH}>test inbox</Link>.
        </p>
      </div>
    );
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
      {form.status === 'too-soon' && (
        <p role="alert" className="form-alert">
          A link was asked for this address a moment ago. {waitWords(form.retryAt)}
        </p>
      )}
      <AccountField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        id={id}
        inputRef={emailRef}
        error={emailError}
        defaultValue={defaultEmail}
      />
      <button type="submit" className="button" disabled={!live} aria-disabled={submitting}>
        {submitting ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
