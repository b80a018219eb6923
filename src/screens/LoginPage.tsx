// The login page: renders the form, its errors and the demo accounts; log-in.ts does the logging in.
import { Fragment, Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DEMO_PASSWORD, PERSONAS } from '../paywall/personas.ts';
import { logInAndReturn, prepareReturn } from '../client-state/log-in.ts';
import { toJoinPath, toReturnPath } from '../client-state/return-path.ts';
import { useIsLive } from '../client-state/use-is-live.ts';
import { useSession } from '../client-state/use-session.ts';
import { LinkOnceLive } from './LinkOnceLive.tsx';
import { SandboxEndedAlert } from './pages.ts';
import { EXAMPLE_ID_START, FORGOT_PASSWORD_PAGE, SIGN_IN_LINK_PAGE, UNLOCK_PAGE } from '../config/login-links.ts';

type FormState =
  | { status: 'editing' }
  | { status: 'submitting' }
  /** The server said no, or could not serve: its words, in an alert (`locked`: the address, which may ask for an unlock link). */
  | { status: 'failed'; message: string; locked?: string }
  | { status: 'throttled'; retryAt: number }
  | { status: 'unreachable' }
  /** The browser names a test sandbox that has ended: our words, and a way out. */
  | { status: 'sandbox-gone' };

/**
 * ACCOUNT_PAGES.signInLink, written out: importing account-paths.ts here would make it a chunk of
 * its own (the account chunk imports it too), listed in the entry's preloads. e2e/sign-in-links
 * follows this link to the page, so a mismatch fails there.
 */

const timeOfDay = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });

type FieldErrors = { email?: string; password?: string };

export function LoginPage() {
  const [searchParams] = useSearchParams();
  const returnPath = toReturnPath(searchParams.get('next'));
  const session = useSession();

  return (
    <section className="login" aria-labelledby="login-heading">
      <title>Log in — Lede</title>
      <h1 id="login-heading">Log in</h1>
      {session.status === 'signed-in' ? (
        <div className="login__already">
          <p>
            You are logged in as <strong>{session.reader.email}</strong>.
          </p>
          <p className="gate__actions">
            <Link className="button" to={returnPath}>
              Continue reading
            </Link>
          </p>
        </div>
      ) : (
        <>
          <LoginForm returnPath={returnPath} email={searchParams.get('email') ?? ''} />
          <p>
            <LinkOnceLive
              target={{ kind: 'server', href: `${EXAMPLE_ID_START}?next=${encodeURIComponent(returnPath)}` }}
            >
              Continue with Example ID
            </LinkOnceLive>
          </p>
          <p>
            <LinkOnceLive target={{ kind: 'app', to: `${SIGN_IN_LINK_PAGE}?next=${encodeURIComponent(returnPath)}` }}>
              Email me a sign-in link
            </LinkOnceLive>
          </p>
          <p>
            New here?{' '}
            <LinkOnceLive target={{ kind: 'app', to: toJoinPath(returnPath) }}>Create a free account</LinkOnceLive>
          </p>
        </>
      )}
      <DemoAccounts />
    </section>
  );
}

function LoginForm({ returnPath, email: given }: { returnPath: string; email: string }) {
  const navigate = useNavigate();
  useEffect(() => prepareReturn(returnPath), [returnPath]);
  const [form, setForm] = useState<FormState>({ status: 'editing' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // A ref, not state: a second click can arrive before React has re-rendered the first.
  const inFlight = useRef(false);
  const ids = { email: useId(), password: useId(), remember: useId() };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return; // a double click sends one request
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const remember = data.get('remember') === 'on';
    const errors: FieldErrors = {
      ...(email === '' ? { email: 'Enter your email.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
    };
    setFieldErrors(errors);
    if (errors.email !== undefined || errors.password !== undefined) setForm({ status: 'editing' });
    if (errors.email !== undefined) return emailRef.current?.focus();
    if (errors.password !== undefined) return passwordRef.current?.focus();

    setForm({ status: 'submitting' });
    inFlight.current = true;
    const outcome = await logInAndReturn({ email, password, remember }, returnPath, navigate);
    inFlight.current = false;
    switch (outcome.kind) {
      case 'returned':
        return;
      case 'rejected':
        setForm({ status: 'failed', message: outcome.message, ...(outcome.locked ? { locked: email } : {}) });
        if (passwordRef.current !== null) passwordRef.current.value = '';
        passwordRef.current?.focus();
        return;
      case 'throttled':
        setForm({ status: 'throttled', retryAt: outcome.retryAt });
        return;
      case 'unavailable':
        // Nothing was wrong with what was typed: keep it all for the retry.
        setForm({ status: 'failed', message: outcome.message });
        return;
      case 'unreachable':
        setForm({ status: 'unreachable' });
        return;
      case 'sandbox-gone':
        // Nothing was wrong with what was typed either: it stays for the next attempt.
        setForm({ status: 'sandbox-gone' });
    }
  }

  const submitting = form.status === 'submitting';
  const live = useIsLive();
  return (
    // method="post": should the browser ever submit it natively, the password stays out of the URL.
    <form
      className="login__form"
      method="post"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-busy={submitting}
    >
      {form.status === 'failed' && (
        <p role="alert" className="form-alert">
          {form.message}{' '}
          {form.locked !== undefined && (
            <Link to={`${UNLOCK_PAGE}?${new URLSearchParams({ email: form.locked }).toString()}`}>
              Email me an unlock link
            </Link>
          )}
        </p>
      )}
      {form.status === 'throttled' && (
        <p role="alert" className="form-alert">
          Too many failed attempts for this email. Try again at {timeOfDay.format(form.retryAt)}.
        </p>
      )}
      {form.status === 'sandbox-gone' && (
        <Suspense fallback={null}>
          <SandboxEndedAlert onLeft={() => setForm({ status: 'editing' })} />
        </Suspense>
      )}
      {form.status === 'unreachable' && (
        <p role="alert" className="form-alert">
          Could not reach the service. Check your connection and try again.
        </p>
      )}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        id={ids.email}
        inputRef={emailRef}
        error={fieldErrors.email}
        defaultValue={given}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        id={ids.password}
        inputRef={passwordRef}
        error={fieldErrors.password}
      />
      {/* A plain link, not a router Link (which follows its `to`, fixed at render): its address takes
          the email typed as it is followed, for a modified click (a new tab) too. */}
      <a
        href={FORGOT_PASSWORD_PAGE}
        onClick={(event) =>
          (event.currentTarget.search = `?email=${encodeURIComponent(emailRef.current?.value ?? '')}`)
        }
      >
        Forgot password?
      </a>
      <div className="field field--inline">
        <input id={ids.remember} name="remember" type="checkbox" />
        <label htmlFor={ids.remember}>Keep me logged in</label>
      </div>
      {/* Disabled until the page is live: the prerendered form cannot submit before its handler is there. */}
      <button type="submit" className="button" disabled={!live} aria-disabled={submitting}>
        {submitting ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}

interface FieldProps {
  label: string;
  name: string;
  type: 'email' | 'password';
  autoComplete: string;
  id: string;
  inputRef: React.Ref<HTMLInputElement>;
  error: string | undefined;
  defaultValue?: string;
}

function Field({ label, name, type, autoComplete, id, inputRef, error, defaultValue }: FieldProps) {
  const errorId = `${id}-error`;
  // Seeing what was typed beats retyping it: a password can be shown, by a button that never submits.
  const [revealed, setRevealed] = useState(false);
  const live = useIsLive();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field__control">
        {/* No maxLength and no trimming: what is typed, or pasted, is what is sent. */}
        <input
          id={id}
          name={name}
          type={type === 'password' && revealed ? 'text' : type}
          autoComplete={autoComplete}
          spellCheck={false}
          ref={inputRef}
          defaultValue={defaultValue}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
        />
        {type === 'password' && (
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={revealed}
            aria-controls={id}
            // Like the submit button: inert until the page is live, so it says so.
            disabled={!live}
            onClick={() => setRevealed((shown) => !shown)}
          >
            Show password
          </button>
        )}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** As saucedemo does, so anyone can explore. */
function DemoAccounts() {
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading">Demo accounts</h2>
      <p>
        Every account uses the password <code>{DEMO_PASSWORD}</code>.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {PERSONAS.map(({ reader, behaviour }) => (
            <tr key={reader.email}>
              <td>
                <code>
                  <Address email={reader.email} />
                </code>
              </td>
              <td>{behaviour}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * An address that may wrap only before its @ and after a dot, where a reader expects it to. The
 * <wbr>s would make assistive technology read it in pieces, so it hears the address whole instead.
 */
function Address({ email }: { email: string }) {
  return (
    <>
      <span className="visually-hidden">{email}</span>
      <span aria-hidden="true">
        {email.split(/(?=@)|(?<=\.)/).map((part, index) => (
          <Fragment key={index}>
            {index > 0 && <wbr />}
            {part}
          </Fragment>
        ))}
      </span>
    </>
  );
}
