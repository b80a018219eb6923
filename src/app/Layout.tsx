// The frame around every screen: skip link, masthead with who is logged in, and the outlet.
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { toLoginPath } from '../client-state/return-path.ts';
import { useAnnouncement } from '../client-state/announcer.ts';
import { DisplaySettings } from './DisplaySettings.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { LoginLink } from '../screens/LoginLink.tsx';
import { SubscriptionNotice } from '../screens/pages.ts';
import { logOut } from '../client-state/session-store.ts';
import { useSession } from '../client-state/use-session.ts';
import { ACCOUNT_PATH, HOME_PATH, LAB_PATH, LOGIN_PATH } from '../config/paths.ts';

export function Layout() {
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <Link className="masthead__name" to={HOME_PATH}>
          Lede
        </Link>
        <DisplaySettings />
        <AccountBar />
      </header>
      <main id="main" tabIndex={-1}>
        {/* Keyed by path: going elsewhere leaves a failed page behind. */}
        <PageErrorBoundary key={pathname}>
          <Outlet />
        </PageErrorBoundary>
        <SubscriptionNoticeSlot />
      </main>
      <LiveRegion />
      <footer className="colophon">
        <p>
          Lede is a reading app with a simulated paywall. Articles are reproduced from their sources for demonstration;
          no payment is ever taken. <Link to={LAB_PATH}>Test lab</Link>
        </p>
      </footer>
    </>
  );
}

/** The notice's code is downloaded only for a reader whose subscription is about to change, or who is unverified. */
function SubscriptionNoticeSlot() {
  const session = useSession();
  const { subscription, verified } = session.status === 'signed-in' ? session.reader : { subscription: undefined };
  if (verified ?? (subscription?.status !== 'active' || subscription.standing === undefined)) return null;
  return (
    <Suspense fallback={null}>
      <SubscriptionNotice session={session} />
    </Suspense>
  );
}

function LiveRegion() {
  const { message, id } = useAnnouncement();
  return (
    // aria-live, not role="status": the page's visible statuses stay the only ones tests find by role.
    <div aria-live="polite" className="visually-hidden">
      {/* A new node per announcement: screen readers announce the same words again. */}
      <p key={id}>{message}</p>
    </div>
  );
}

function AccountBar() {
  const session = useSession();
  const location = useLocation();
  const [logout, setLogout] = useState<'idle' | 'pending' | 'failed'>('idle');
  const loginLink = useRef<HTMLAnchorElement>(null);
  const previous = useRef(session.status);

  // "Log out" disappears with the session; keep keyboard focus somewhere sensible. (On an
  // article, the article page then moves it on to the gate.)
  // Only a logout the reader asked for: when a session ends by itself, focus and scroll stay put.
  const askedToLogOut = session.status === 'anonymous' && session.notice === null;
  useEffect(() => {
    const loggedOut = previous.current === 'signed-in' && askedToLogOut;
    previous.current = session.status;
    if (loggedOut && document.activeElement === document.body) {
      (loginLink.current ?? document.getElementById('main'))?.focus();
    }
  }, [session.status, askedToLogOut]);

  async function handleLogOut() {
    if (logout === 'pending') return;
    setLogout('pending');
    const result = await logOut();
    setLogout(result.kind === 'ok' ? 'idle' : 'failed');
  }

  switch (session.status) {
    case 'checking':
      return <div className="account" aria-hidden="true" />;
    case 'signed-in':
      return (
        <div className="account">
          <Link className="account__who" title={session.reader.email} to={ACCOUNT_PATH}>
            <span className="account__prefix">Logged in as </span>
            <strong>{session.reader.email}</strong>
          </Link>
          <button
            type="button"
            className="button button--quiet"
            aria-disabled={logout === 'pending'}
            onClick={() => void handleLogOut()}
          >
            {logout === 'pending' ? 'Logging out…' : 'Log out'}
          </button>
          {logout === 'failed' && (
            <p role="alert" className="account__error">
              Could not reach the service to log out. Try again.
            </p>
          )}
        </div>
      );
    case 'anonymous':
    case 'unknown':
      return (
        <div className="account">
          {location.pathname !== LOGIN_PATH && (
            <LoginLink
              ref={loginLink}
              className="button button--quiet"
              to={toLoginPath(location.pathname + location.search)}
            >
              Log in
            </LoginLink>
          )}
        </div>
      );
  }
}
