// The route table: which screen answers which path.
import { Route, Routes } from 'react-router-dom';
import { ArticlePage } from './routes/ArticlePage.tsx';
import { HomePage } from './routes/HomePage.tsx';
import { Layout } from './routes/Layout.tsx';
import { LoginPage } from './routes/LoginPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { SubscribePage } from './routes/SubscribePage.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="articles/:slug" element={<ArticlePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="subscribe" element={<SubscribePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
