// The route table: which screen answers which path.
import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ArticlePage } from './routes/ArticlePage.tsx';
import { HomePage } from './routes/HomePage.tsx';
import { Layout } from './routes/Layout.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { PageErrorBoundary } from './routes/PageErrorBoundary.tsx';
import { LoginPage, SubscribePage } from './routes/pages.ts';

function Loading({ what }: { what: string }) {
  return (
    <p className="page-status" role="status">
      Loading {what}…
    </p>
  );
}

export function App() {
  return (
    // The outer boundary is for the frame itself failing; each page has its own inside Layout.
    <PageErrorBoundary>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="articles/:slug" element={<ArticlePage />} />
          <Route
            path="login"
            element={
              <Suspense fallback={<Loading what="the login form" />}>
                <LoginPage />
              </Suspense>
            }
          />
          <Route
            path="subscribe"
            element={
              <Suspense fallback={<Loading what="the plans" />}>
                <SubscribePage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageErrorBoundary>
  );
}
