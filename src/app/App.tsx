// The route table: which screen answers which path.
import { Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ArticlePage } from '../screens/ArticlePage.tsx';
import { HomePage } from '../screens/HomePage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from '../screens/NotFoundPage.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { AccountRoutes, InboxPage, JoinPage, LabPage, LoginPage, SubscribePage } from '../screens/pages.ts';
import {
  ACCOUNT_PATH,
  ARTICLE_ROUTE,
  INBOX_PATH,
  JOIN_PATH,
  LAB_PATH,
  LOGIN_PATH,
  SUBSCRIBE_PATH,
} from '../config/paths.ts';

/** Pages downloaded on first use: their route, what to say while one comes, and the page. */
const DOWNLOADED: [path: string, what: string, Page: ComponentType][] = [
  [LOGIN_PATH, 'the login form', LoginPage],
  [SUBSCRIBE_PATH, 'the plans', SubscribePage],
  [JOIN_PATH, 'the account form', JoinPage],
  [`${ACCOUNT_PATH}/*`, 'your account', AccountRoutes],
  [INBOX_PATH, 'the inbox', InboxPage],
  [LAB_PATH, 'the test lab', LabPage],
];

export function App() {
  return (
    // The outer boundary is for the frame itself failing; each page has its own inside Layout.
    <PageErrorBoundary>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path={ARTICLE_ROUTE} element={<ArticlePage />} />
          {DOWNLOADED.map(([path, what, Page]) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense
                  fallback={
                    <p className="page-status" role="status">
                      Loading {what}…
                    </p>
                  }
                >
                  <Page />
                </Suspense>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageErrorBoundary>
  );
}
