// Mounts the app: hydrates a page prerendered for this URL, renders fresh otherwise; starts the session.
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app/App.tsx';
import { primeCatalog } from './client-state/catalog.ts';
import { startPreferences } from './client-state/preferences.ts';
import { startSession } from './client-state/session-store.ts';
import './app/styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const app = (
  <StrictMode>
    {/* Navigations render at once, not as transitions: no route suspends, and logging in must
        reach the unlocked article without a frame of the login page in between. */}
    <BrowserRouter useTransitions={false}>
      <App />
    </BrowserRouter>
  </StrictMode>
);

startPreferences();
const carried = readCarriedPage();
if (carried !== undefined && carried.path === window.location.pathname) {
  if (carried.data !== null) primeCatalog(carried.data.url, carried.data.value);
  hydrateRoot(container, app, {
    onRecoverableError: (error) => console.error('Lede: hydration mismatch', error),
  });
} else {
  // Not prerendered (or prerendered for another URL and served as the SPA fallback): start clean.
  container.replaceChildren();
  createRoot(container).render(app);
  delete document.documentElement.dataset.fresh;
}
startSession();

/** The page data scripts/prerender.mjs left in the page, if this is a prerendered page. */
function readCarriedPage(): { path: string; data: { url: string; value: unknown } | null } | undefined {
  const text = document.getElementById('lede-page')?.textContent;
  if (text === undefined || text === null) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || !('path' in value) || !('data' in value)) return undefined;
  const { path, data } = value;
  if (typeof path !== 'string') return undefined;
  if (data === null) return { path, data: null };
  if (typeof data !== 'object' || !('url' in data) || !('value' in data) || typeof data.url !== 'string')
    return undefined;
  return { path, data: { url: data.url, value: data.value } };
}
