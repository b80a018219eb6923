// The route table: which screen answers which path.
import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ArticlePage } from './routes/ArticlePage.tsx';
import { HomePage } from './routes/HomePage.tsx';
import { Layout } from './routes/Layout.tsx';
import { LoginPage } from './routes/LoginPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { lazyPage } from './routes/lazy-page.ts';
import { PageErrorBoundary } from './routes/PageErrorBoundary.tsx';

// The mock plans page is off the reading path: it is downloaded when first opened.
const SubscribePage = lazyPage(() => import('./routes/SubscribePage.tsx').then((module) => module.SubscribePage));

export function App() {
  return (
    // The outer boundary is for the frame itself failing; each page has its own inside Layout.
    <PageErrorBoundary>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="articles/:slug" element={<ArticlePage />} />
          <Route path="login" element={<LoginPage />} />
          <Route
            path="subscribe"
            element={
              <Suspense
                fallback={
                  <p className="page-status" role="status">
                    Loading the plans…
                  </p>
                }
              >
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
