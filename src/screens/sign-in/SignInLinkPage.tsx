// Signing in by email, as Ghost and Memberful do: without a token, a form that emails a link and a
// 6-digit code, then "Check your inbox" with a field for the code; with ?token=… (the emailed link),
// signing in and going on to `next`. A link that no longer works says why and offers a new one.
// api-sign-in-links.ts makes the calls; enter-session.ts enters the session and navigates.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  requestSignInLink,
  signInByCode,
  signInByLink,
  type CallFailure,
  type Refusal,
  type SignInResult,
} from '../../client-state/api-sign-in-links.ts';
import { enterSessionAndReturn } from '../../client-state/enter-session.ts';
import { toLoginPath, toReturnPath } from '../../client-state/return-path.ts';
import { useIsLive } from '../../client-state/use-is-live.ts';
import { INBOX_PATH } from '../../config/paths.ts';
import { looksLikeEmail } from '../../paywall/new-account.ts';
import { SandboxEndedAlert } from '../SandboxEnded.tsx';
import { AccountField } from './AccountField.tsx';

const TITLE = 'Sign in with a link or code';
const EMAIL_ERROR = 'Enter an email address, like name@example.com.';
const CODE_ERROR = 'Enter the 6-digit code from the email.';
const UNREACHABLE = 'Could not reach the service. Check your connection and try again.';
const timeOfDay = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });

type Trouble =
  | { kind: 'failed'; message: string }
  | { kind: 'throttled'; retryAt: number }
  | CallFailure
  /** A link or a code that no longer works, in Lede's words. */
  | { kind: 'refused'; reason: Refusal; message: string };

export function SignInLinkPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const returnPath = toReturnPath(searchParams.get('next'));
  return (
    <section className="login" aria-labelledby="sign-in-link-heading">
      {token === null ? <ByEmail returnPath={returnPath} /> : <OpenLink token={token} returnPath={returnPath} />}
    </section>
  );
}

/** The request form, then "Check your inbox" with the code form; the email is kept between them. */
function ByEmail({
  returnPath,
  initialEmail = '',
  notice,
}: {
  returnPath: string;
  initialEmail?: string;
  notice?: ReactNode;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [remember, setRemember] = useState(false);
  const [step, setStep] = useState<'ask' | 'check-inbox' | 'ask-again'>('ask');
  return step === 'check-inbox' ? (
    <CheckInbox email={email} remember={remember} returnPath={returnPath} onAskAgain={() => setStep('ask-again')} />
  ) : (
    <>
      {step === 'ask' && notice !== undefined ? (
        notice
      ) : (
        <PageHeading focus={step === 'ask-again'}>{TITLE}</PageHeading>
      )}
      <p>We will email you a link and a 6-digit code. Either signs you in: no password needed.</p>
      <AskForm
        email={email}
        setEmail={setEmail}
        remember={remember}
        setRemember={setRemember}
        returnPath={returnPath}
        onSent={() => setStep('check-inbox')}
      />
      <p>
        Rather use your password? <Link to={toLoginPath(returnPath)}>Log in</Link>
      </p>
    </>
  );
}

interface AskFormProps {
  email: string;
  setEmail(email: string): void;
  remember: boolean;
  setRemember(remember: boolean): void;
  returnPath: string;
  onSent(): void;
}

function AskForm({ email, setEmail, remember, setRemember, returnPath, onSent }: AskFormProps) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | undefined>();
  const [emailError, setEmailError] = useState<string | undefined>();
  const emailRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const ids = { email: useId(), remember: useId() };
  const live = useIsLive();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return; // a double click sends one request
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setTrouble(undefined);
      setEmailError(EMAIL_ERROR);
      return emailRef.current?.focus();
    }
    setEmailError(undefined);
    setBusy(true);
    inFlight.current = true;
    const result = await requestSignInLink(address, remember, returnPath);
    inFlight.current = false;
    setBusy(false);
    // Whatever went wrong, what was typed stays for the next attempt.
    if (result.kind === 'sent') return onSent();
    if (result.kind === 'invalid-email') {
      setEmailError(EMAIL_ERROR);
      return emailRef.current?.focus();
    }
    setTrouble(result);
  }

  return (
    <form
      className="login__form"
      method="post"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-busy={busy}
    >
      {trouble !== undefined && (
        <TroubleAlert trouble={trouble} onLeft={() => setTrouble(undefined)}>
          {trouble.kind === 'throttled' &&
            `Too many sign-in emails asked for this address. Try again at ${timeOfDay.format(trouble.retryAt)}.`}
        </TroubleAlert>
      )}
      <AccountField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        id={ids.email}
        inputRef={emailRef}
        error={emailError}
        value={email}
        onChange={setEmail}
      />
      <div className="field field--inline">
        <input
          id={ids.remember}
          name="remember"
          type="checkbox"
          checked={remember}
          onChange={(event) => setRemember(event.target.checked)}
        />
        <label htmlFor={ids.remember}>Keep me logged in</label>
      </div>
      <button type="submit" className="button" disabled={!live} aria-disabled={busy}>
        {busy ? 'Sending…' : 'Email me a sign-in link'}
      </button>
    </form>
  );
}

interface CheckInboxProps {
  email: string;
  remember: boolean;
  returnPath: string;
  onAskAgain(): void;
}

function CheckInbox({ email, remember, returnPath, onAskAgain }: CheckInboxProps) {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const codeRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef(false);
  const ids = { code: useId() };
  const live = useIsLive();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    // As people copy codes: "123 456", "123-456".
    const digits = code.replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setTrouble(undefined);
      setCodeError(CODE_ERROR);
      return codeRef.current?.focus();
    }
    setCodeError(undefined);
    setBusy(true);
    inFlight.current = true;
    const result = await signInByCode(email, digits, remember);
    inFlight.current = false;
    if (result.kind === 'ok') return enterSessionAndReturn(result.session, returnPath, navigate);
    setBusy(false);
    if (result.kind === 'refused' && (result.reason === 'wrong-code' || result.reason === 'bad-code')) {
      setTrouble(undefined);
      setCodeError(result.message);
      codeRef.current?.focus();
      return codeRef.current?.select();
    }
    setTrouble(result);
  }

  const spent = trouble?.kind === 'refused' && trouble.reason !== 'locked';
  return (
    <>
      <PageHeading focus>Check your inbox</PageHeading>
      <p>
        If an account uses <strong>{email}</strong>, a sign-in link and a 6-digit code are on their way. Both work for
        24 hours: open the link, or enter the code here.
      </p>
      <p>
        In a test world no email leaves Lede: it lands in the <Link to={INBOX_PATH}>test inbox</Link> at{' '}
        <code>{INBOX_PATH}</code>.
      </p>
      <form
        className="login__form"
        method="post"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
        aria-busy={busy}
      >
        {trouble !== undefined && <TroubleAlert trouble={trouble} onLeft={() => setTrouble(undefined)} />}
        <AccountField
          label="6-digit code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          id={ids.code}
          inputRef={codeRef}
          error={codeError}
          value={code}
          onChange={setCode}
        />
        <button type="submit" className="button" disabled={!live || spent} aria-disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        No email, or the wrong address?{' '}
        <button type="button" className="button button--quiet" onClick={onAskAgain}>
          Ask for a new link and code
        </button>
      </p>
    </>
  );
}

type LinkState = { kind: 'signing-in' } | Exclude<SignInResult, { kind: 'ok' }>;

const LINK_HEADINGS: Partial<Record<Refusal, string>> = {
  invalid: 'This sign-in link is not valid',
  expired: 'This sign-in link has expired',
  used: 'This sign-in link has been used',
  locked: 'This account is locked',
};

/** The emailed link: signs in at once, and goes on to `next`; otherwise says why, and offers a new one. */
function OpenLink({ token, returnPath }: { token: string; returnPath: string }) {
  const navigate = useNavigate();
  const [state, setState] = useState<LinkState>({ kind: 'signing-in' });
  const [attempt, setAttempt] = useState(0);
  // One request per attempt, even when React runs the effect twice (StrictMode in development).
  const started = useRef(-1);

  useEffect(() => {
    if (started.current === attempt) return;
    started.current = attempt;
    setState({ kind: 'signing-in' });
    void signInByLink(token).then((result) =>
      result.kind === 'ok' ? enterSessionAndReturn(result.session, returnPath, navigate) : setState(result),
    );
  }, [token, attempt, returnPath, navigate]);

  switch (state.kind) {
    case 'signing-in':
      return (
        <>
          <title>{`${TITLE} — Lede`}</title>
          <h1 id="sign-in-link-heading">{TITLE}</h1>
          <p role="status">Signing you in…</p>
        </>
      );
    case 'refused': {
      const heading = LINK_HEADINGS[state.reason] ?? 'This sign-in link did not work';
      if (state.reason === 'locked') {
        return (
          <>
            <PageHeading focus>{heading}</PageHeading>
            <p>{state.message}</p>
          </>
        );
      }
      return (
        <ByEmail
          returnPath={returnPath}
          initialEmail={state.email ?? ''}
          notice={
            <>
              <PageHeading focus>{heading}</PageHeading>
              <p>{state.message}</p>
            </>
          }
        />
      );
    }
    default:
      return (
        <>
          <PageHeading focus>Signing in did not finish</PageHeading>
          <TroubleAlert trouble={state} onLeft={() => setAttempt((n) => n + 1)} />
          <p className="gate__actions">
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </p>
        </>
      );
  }
}

/**
 * The page's one h1 and its title. `focus`: it names what just changed (the step before is gone),
 * so it takes focus once, when it appears.
 */
function PageHeading({ children, focus = false }: { children: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <>
      <title>{`${children} — Lede`}</title>
      <h1 id="sign-in-link-heading" tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}

/** A failure in Lede's words, in an alert; `children` for a kind only the form knows how to say. */
function TroubleAlert({ trouble, onLeft, children }: { trouble: Trouble; onLeft(): void; children?: ReactNode }) {
  switch (trouble.kind) {
    case 'sandbox-gone':
      return <SandboxEndedAlert onLeft={onLeft} />;
    case 'unreachable':
      return (
        <p role="alert" className="form-alert">
          {UNREACHABLE}
        </p>
      );
    case 'throttled':
      return (
        <p role="alert" className="form-alert">
          {children}
        </p>
      );
    default:
      return (
        <p role="alert" className="form-alert">
          {trouble.message}
        </p>
      );
  }
}
