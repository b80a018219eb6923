// What stands where the gated text would be, whenever it is not shown.
import { Suspense, type Ref } from 'react';
import { Link } from 'react-router-dom';
import type { GateWording } from '../content/article.ts';
import type { Access } from '../paywall/access.ts';
import type { GatedTextState } from '../client-state/gated-text.ts';
import { toJoinPath, toLoginPath, toSubscribePath } from '../client-state/return-path.ts';
import { refreshSession, type SessionNotice } from '../client-state/session-store.ts';
import { useSession } from '../client-state/use-session.ts';
import { LongDate } from '../ui/LongDate.tsx';
import { LoginLink } from './LoginLink.tsx';
import { SandboxEndedAlert } from './pages.ts';
import { usedUpWords } from './meter-words.ts';

/** Access once known; until then, whether we are still asking or could not ask. */
export type GateView = Access | { kind: 'checking' } | { kind: 'unknown'; why: 'unreachable' | 'sandbox-gone' };

interface ArticleGateProps {
  view: GateView;
  gatedText: GatedTextState;
  onRetry: () => void;
  loginReturnPath: string;
  gate: GateWording;
  headingRef: Ref<HTMLHeadingElement>;
}

const NOTICES: Record<Exclude<SessionNotice, null>, string> = {
  expired: 'Your session has expired. Log in again to keep reading.',
  'logged-out-elsewhere': 'You logged out in another tab.',
  'device-limit':
    'Device limit reached: this account was logged in on another device, so this one was logged out. Log in again to keep reading here.',
  'ended-elsewhere': 'You were logged out from another device.',
};

/**
 * The source's own paywall words for anonymous readers, our words for every other state. It keeps
 * its space so unlocking does not jump.
 */
export function ArticleGate({ view, gatedText, onRetry, loginReturnPath, gate, headingRef }: ArticleGateProps) {
  const session = useSession();
  const loginPath = toLoginPath(loginReturnPath);
  const subscribePath = toSubscribePath(loginReturnPath);
  const heading = (
    <h2 className="gate__heading" id="gate-heading" ref={headingRef} tabIndex={-1}>
      {gate.heading}
    </h2>
  );

  if (view.kind === 'full' && gatedText.status !== 'failed') {
    return (
      <section className="gate gate--busy" aria-busy="true" aria-labelledby="gate-status">
        <p id="gate-status" role="status">
          Loading the full story…
        </p>
      </section>
    );
  }

  if (view.kind === 'full' && gatedText.status === 'failed') {
    return (
      <section className="gate" aria-labelledby="gate-heading">
        {heading}
        <p role="alert">{gatedText.message}</p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </section>
    );
  }

  if (view.kind === 'unknown') {
    return (
      <section className="gate" aria-labelledby="gate-heading">
        {heading}
        {view.why === 'sandbox-gone' ? (
          <Suspense fallback={null}>
            <SandboxEndedAlert onLeft={() => focusAfterRender(headingRef)} />
          </Suspense>
        ) : (
          <p role="alert">Could not reach the service to check whether you are logged in.</p>
        )}
        <p className="gate__actions">
          <button type="button" className="button" onClick={() => void refreshSession()}>
            Try again
          </button>
          <LoginLink to={loginPath}>{gate.linkText}</LoginLink>
        </p>
      </section>
    );
  }

  if (view.kind === 'preview' && view.reason === 'meter-used-up') {
    return (
      <section className="gate" aria-labelledby="gate-heading">
        {heading}
        <p>
          {usedUpWords(gatedText.status === 'refused' ? gatedText.meter : undefined)} Subscribe, or log in, to read the
          rest of this article.
        </p>
        <p className="gate__actions">
          <Link className="button" to={subscribePath}>
            Subscribe
          </Link>
          <LoginLink to={loginPath}>{gate.linkText}</LoginLink>
        </p>
      </section>
    );
  }

  if (view.kind === 'preview' && view.reason === 'register') {
    return (
      <section className="gate" aria-labelledby="gate-heading">
        {heading}
        <p>This article is free with an account. Create one, or log in, to read the rest of it.</p>
        <p className="gate__actions">
          <Link className="button" to={toJoinPath(loginReturnPath)}>
            Create a free account
          </Link>
          <LoginLink to={loginPath}>{gate.linkText}</LoginLink>
          <Link to={subscribePath}>Subscribe</Link>
        </p>
      </section>
    );
  }

  if (view.kind === 'preview' && view.reason !== 'sign-in') {
    const endedOn =
      session.status === 'signed-in' && session.reader.subscription.status === 'expired'
        ? session.reader.subscription.endedOn
        : undefined;
    return (
      <section className="gate" aria-labelledby="gate-heading">
        {heading}
        {view.reason === 'subscribe' ? (
          <p>Your account has no subscription, so the rest of this article is for subscribers only.</p>
        ) : (
          <p>
            Your subscription ended
            {endedOn === undefined ? '' : ' on '}
            {endedOn !== undefined && <LongDate date={endedOn} />}. Renew it to read the rest of this article.
          </p>
        )}
        <p className="gate__actions">
          <Link className="button" to={subscribePath}>
            {view.reason === 'subscribe' ? 'Subscribe' : 'Renew'}
          </Link>
          <LoginLink to={loginPath}>Log in with another account</LoginLink>
        </p>
      </section>
    );
  }

  // Anonymous, or not known yet: the source's own gate, and a way to subscribe beside the way to log
  // in, as a paywall offers. It is also what the prerendered page shows before the session is
  // known, so a page that hydrates does not change until the answer comes.
  const notice = session.status === 'anonymous' ? session.notice : null;
  return (
    <section className="gate" aria-labelledby="gate-heading" aria-busy={view.kind === 'checking'}>
      {notice !== null && (
        <p role="status" className="gate__notice">
          {NOTICES[notice]}
        </p>
      )}
      {heading}
      <p>{gate.question}</p>
      <p className="gate__actions">
        <LoginLink className="button" to={loginPath}>
          {gate.linkText}
        </LoginLink>
        <Link to={subscribePath}>Subscribe</Link>
      </p>
    </section>
  );
}

/** Focus on the gate's heading once the gate that replaces this one is on the screen. */
function focusAfterRender(headingRef: Ref<HTMLHeadingElement>): void {
  requestAnimationFrame(() => {
    if (typeof headingRef === 'object' && headingRef !== null) headingRef.current?.focus();
  });
}
