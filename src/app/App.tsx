// The route table: which screen answers which path.
import { Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ArticlePage } from '../screens/ArticlePage.tsx';
import { HomePage } from '../screens/HomePage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from '../screens/NotFoundPage.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { AccountRoutes, InboxPage, JoinPage, LoginPage, SubscribePage } from '../screens/pages.ts';
import { ACCOUNT_PATH, ARTICLE_ROUTE, INBOX_PATH, JOIN_PATH, LOGIN_PATH, SUBSCRIBE_PATH } from '../config/paths.ts';

/** A page downloaded on first use, with what to say while it comes. */
function Downloaded({ what, children }: { what: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="page-status" role="status">
          Loading {what}…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export function App() {
  return (
    // The outer boundary is for the frame itself failing; each page has its own inside Layout.
    <PageErrorBoundary>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path={ARTICLE_ROUTE} element={<ArticlePage />} />
          <Route
            path={LOGIN_PATH}
            element={
              <Downloaded what="the login form">
                <LoginPage />
              </Downloaded>
            }
          />
          <Route
            path={SUBSCRIBE_PATH}
            element={
              <Downloaded what="the plans">
                <SubscribePage />
              </Downloaded>
            }
          />
          <Route
            path={JOIN_PATH}
            element={
              <Downloaded what="the account form">
                <JoinPage />
              </Downloaded>
            }
          />
          <Route
            path={`${ACCOUNT_PATH}/*`}
            element={
              <Downloaded what="your account">
                <AccountRoutes />
              </Downloaded>
            }
          />
          <Route
            path={INBOX_PATH}
            element={
              <Downloaded what="the inbox">
                <InboxPage />
              </Downloaded>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageErrorBoundary>
  );
}
