// Pages downloaded when first needed, not with the entry script: the article page, the one most
// readers land on, does not carry the login form or the plans page. A page can be preloaded (when
// the reader shows intent, or before prerendering), and then renders at once without suspending.
// React.lazy remembers a failed download for good, so "Try again" on the error page retries
// exactly the downloads that failed (see PageErrorBoundary).
import { createElement, lazy, useState, type ComponentType } from 'react';

interface LazyPage {
  load: () => Promise<ComponentType>;
  component: ComponentType;
  /** Set once downloaded through preload(): rendered directly, with no suspending. */
  loaded?: ComponentType;
  failed: boolean;
}

export type PreloadablePage = ComponentType & { preload: () => Promise<void> };

const pages: LazyPage[] = [];

function toLazy(page: LazyPage): ComponentType {
  return lazy(() =>
    page.load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        page.failed = true;
        throw error;
      },
    ),
  );
}

function preload(page: LazyPage): Promise<void> {
  return page.load().then(
    (component) => {
      page.loaded = component;
    },
    () => {
      // Rendering the page will try again and report the failure where the reader sees it.
    },
  );
}

export function lazyPage(load: () => Promise<ComponentType>): PreloadablePage {
  const page: LazyPage = { load, component: () => null, failed: false };
  page.component = toLazy(page);
  pages.push(page);
  function LazyPage() {
    // Chosen once per mount: switching a mounted page from the lazy to the loaded component
    // would remount it and lose its state. After a retry the page mounts afresh.
    const [Component] = useState(() => page.loaded ?? page.component);
    return createElement(Component);
  }
  return Object.assign(LazyPage, { preload: () => preload(page) });
}

/** Downloads every lazy page: the prerenderer renders them whole, never a fallback. */
export async function preloadAllPages(): Promise<void> {
  await Promise.all(pages.map(preload));
}

export function retryFailedPages(): void {
  for (const page of pages) {
    if (!page.failed) continue;
    page.failed = false;
    page.component = toLazy(page);
  }
}

/** A failed download of a module (each browser words it differently), not a bug in rendering. */
export function isDownloadFailure(error: unknown): boolean {
  return (
    error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}
