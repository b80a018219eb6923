// The second step of a two-factor login: after the right password, the 6-digit code from an
// authenticator app, or a recovery code. The login page hands over the challenge and where to go
// next in navigation state, never the URL (a challenge in a URL lands in logs and is shared with
// it). A reload keeps that state; a page opened by its address has none, and says to log in again.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { requestSecondStep } from '../../client-state/api-two-factor.ts';
import type { TwoFactorState } from '../../client-state/log-in.ts';
import { FOCUS_GATED, toLoginPath, toReturnPath } from '../../client-state/return-path.ts';
import { acceptLogin } from '../../client-state/session-store.ts';
import { useIsLive } from '../../client-state/use-is-live.ts';
import { SandboxEndedAlert } from '../SandboxEnded.tsx';

type Mode = 'code' | 'recovery';

type FormState =
  | { status: 'editing' }
  | { status: 'submitting' }
  /** The challenge is over: only a new login helps. */
  | { status: 'ended'; message: string }
  | { status: 'throttled'; retryAt: number }
  | { status: 'failed'; message: string }
  | { status: 'unreachable' }
  | { status: 'sandbox-gone' };

const timeOfDay = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });

const FIELD = {
  code: { label: 'Code from your authenticator app', empty: 'Enter the 6-digit code from your authenticator app.' },
  recovery: { label: 'Recovery code', empty: 'Enter one of your recovery codes.' },
} as const;

/** The challenge and the return address, if the navigation that opened the page carried them. */
function toTwoFactorState(state: unknown): TwoFactorState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { challenge, next } = state as Record<string, unknown>;
  return typeof challenge === 'string' && typeof next === 'string'
    ? { challenge, next: toReturnPath(next) }
    : undefined;
}

export function TwoFactorPage() {
  const handed = toTwoFactorState(useLocation().state);
  const title = 'Enter your code';
  return (
    <section className="login" aria-labelledby="two-factor-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="two-factor-heading">{title}</h1>
      {handed === undefined ? (
        <p>
          This step of logging in comes right after the password, and this page was opened without it.{' '}
          <Link to={toLoginPath('/')}>Log in again</Link>
        </p>
      ) : (
        <TwoFactorForm challenge={handed.challenge} next={handed.next} />
      )}
    </section>
  );
}

function TwoFactorForm({ challenge, next }: TwoFactorState) {
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('code');
  // Kept apart, so switching to a recovery code and back loses nothing typed.
  const [values, setValues] = useState<Record<Mode, string>>({ code: '', recovery: '' });
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<FormState>({ status: 'editing' });
  const inputRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);
  const ids = { field: useId(), trust: useId() };
  const live = useIsLive();

  // Attention goes to the field: on arrival, and when the kind of code changes.
  useEffect(() => inputRef.current?.focus(), [mode]);

  function showFieldError(message: string) {
    setFieldError(message);
    inputRef.current?.focus();
    inputRef.current?.select();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return; // a double click sends one request
    const typed = values[mode].trim();
    const code = typed.replace(/\s/g, '');
    if (mode === 'code' ? !/^\d{6}$/.test(code) : typed === '') return showFieldError(FIELD[mode].empty);
    setFieldError(undefined);
    setForm({ status: 'submitting' });
    inFlight.current = true;
    const trustDevice = new FormData(event.currentTarget).get('trust') === 'on';
    const answer = mode === 'code' ? { code } : { recoveryCode: typed };
    const result = await requestSecondStep({ challenge, answer, trustDevice });
    inFlight.current = false;
    switch (result.kind) {
      case 'ok':
        flushSync(() => {
          acceptLogin(result.session)();
          void navigate(next, { replace: true, state: FOCUS_GATED });
        });
        return;
      case 'wrong':
        setForm({ status: 'editing' });
        return showFieldError(result.message);
      case 'ended':
        setForm({ status: 'ended', message: result.message });
        return;
      case 'throttled':
        setForm({ status: 'throttled', retryAt: result.retryAt });
        return;
      case 'failed':
        setForm({ status: 'failed', message: result.message });
        return;
      case 'unreachable':
        // Nothing was wrong with what was typed: it stays for the retry.
        setForm({ status: 'unreachable' });
        return;
      case 'sandbox-gone':
        setForm({ status: 'sandbox-gone' });
    }
  }

  // The challenge is over: the alert says why, and the way on is a new login.
  useEffect(() => {
    if (form.status === 'ended') alertRef.current?.focus();
  }, [form.status]);
  if (form.status === 'ended') {
    return (
      <div role="alert" className="form-alert" tabIndex={-1} ref={alertRef}>
        <p>{form.message}</p>
        <p>
          <Link to={toLoginPath(next)}>Log in again</Link>
        </p>
      </div>
    );
  }

  const submitting = form.status === 'submitting';
  const errorId = `${ids.field}-error`;
  const other: Mode = mode === 'code' ? 'recovery' : 'code';
  return (
    <form
      className="login__form"
      method="post"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-busy={submitting}
    >
      <p>
        {mode === 'code'
          ? 'Your account asks for a second step: the 6-digit code your authenticator app shows now.'
          : 'Each recovery code works once.'}
      </p>
      {form.status === 'failed' && (
        <p role="alert" className="form-alert">
          {form.message}
        </p>
      )}
      {form.status === 'throttled' && (
        <p role="alert" className="form-alert">
          Too many wrong codes for this account. Try again at {timeOfDay.format(form.retryAt)}.
        </p>
      )}
      {form.status === 'unreachable' && (
        <p role="alert" className="form-alert">
          Could not reach the service. Check your connection and try again.
        </p>
      )}
      {form.status === 'sandbox-gone' && <SandboxEndedAlert onLeft={() => setForm({ status: 'editing' })} />}
      <div className="field">
        <label htmlFor={ids.field}>{FIELD[mode].label}</label>
        <div className="field__control">
          <input
            // A new element for the other kind of code: the browser's autofill and the keyboard follow it.
            key={mode}
            id={ids.field}
            name={mode}
            type="text"
            {...(mode === 'code'
              ? { autoComplete: 'one-time-code', inputMode: 'numeric' as const }
              : { autoComplete: 'off', autoCapitalize: 'characters' })}
            spellCheck={false}
            ref={inputRef}
            value={values[mode]}
            onChange={(event) => setValues({ ...values, [mode]: event.target.value })}
            aria-invalid={fieldError !== undefined}
            aria-describedby={fieldError === undefined ? undefined : errorId}
          />
        </div>
        {fieldError !== undefined && (
          <p id={errorId} className="field__error">
            {fieldError}
          </p>
        )}
      </div>
      <div className="field field--inline">
        <input id={ids.trust} name="trust" type="checkbox" />
        <label htmlFor={ids.trust}>Trust this device for 30 days</label>
      </div>
      <button type="submit" className="button" disabled={!live} aria-disabled={submitting}>
        {submitting ? 'Checking…' : 'Continue'}
      </button>
      <p>
        <button
          type="button"
          className="button button--quiet"
          disabled={!live}
          onClick={() => {
            setFieldError(undefined);
            setMode(other);
          }}
        >
          {other === 'recovery' ? 'Use a recovery code instead' : 'Use a code from your authenticator app instead'}
        </button>
      </p>
    </form>
  );
}
