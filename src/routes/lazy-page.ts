// Pages downloaded when first needed, not with the entry script. React.lazy remembers a failed
// download for good, so each page here can start over: "Try again" on the error page retries
// exactly the downloads that failed (see PageErrorBoundary).
import { createElement, lazy, type ComponentType } from 'react';

interface LazyPage {
  load: () => Promise<ComponentType>;
  component: ComponentType;
  failed: boolean;
}

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

export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const page: LazyPage = { load, component: () => null, failed: false };
  page.component = toLazy(page);
  pages.push(page);
  // Rendered through this wrapper, so that after a retry the fresh component takes the old one's place.
  return function LazyPage() {
    return createElement(page.component);
  };
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
