// Prerendering at build time (scripts/prerender.mjs): the app rendered to HTML for one URL,
// with the public data that page needs already in the catalog. Never shipped to the browser.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router-dom';
import { App } from './app/App.tsx';
import { primeCatalog } from './client-state/catalog.ts';
import type { PublicArticle } from './content/article.ts';
import { articleHeadTags } from './content/article-head.ts';
import { GATED_CONTENT_CLASS } from './screens/ArticlePage.tsx';

export { escapeHtml, jsonForScript } from './content/article-head.ts';
// The paths the prerender script writes pages and data for, defined once (config/paths.ts).
export {
  HOME_PATH,
  INDEX_DATA_PATH,
  LOGIN_PATH,
  NOT_FOUND_PAGE_PATH,
  SECURITY_HEADERS_FILE,
  articleDataPath,
  articlePath,
} from './config/paths.ts';
export { DEFAULT_PREFERENCES, PREFERENCES_KEY, TEXT_SIZES, THEMES } from './client-state/preferences.ts';

/** Data a page carries for the client, by the URL it would otherwise be fetched from. */
export interface PageData {
  url: string;
  value: unknown;
}

/** Call once before renderPage: the lazily loaded pages are rendered whole, never as a fallback. */
export { preloadAllPages } from './screens/lazy-page.ts';

export function renderPage(location: string, data: PageData | undefined): string {
  if (data !== undefined) primeCatalog(data.url, data.value);
  return renderToString(
    <StrictMode>
      <StaticRouter location={location}>
        <App />
      </StaticRouter>
    </StrictMode>,
  );
}

export function articleHead(article: PublicArticle, siteUrl: string): string {
  return articleHeadTags(article, { siteUrl, gatedClass: GATED_CONTENT_CLASS });
}
