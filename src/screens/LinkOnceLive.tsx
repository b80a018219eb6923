// A link whose address a prerendered page cannot know: it carries the page's own `?next=` (where
// to return), and a page is prerendered without a query. Until the app runs it is a placeholder,
// an `a` with no href (HTML's "placeholder for where a link might otherwise have been placed"): no
// link to click, focus or open in a new tab, so nothing can leave with the wrong return path. Then
// it is the link. Like the controls that need the app (see use-is-live.ts).
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useIsLive } from '../client-state/use-is-live.ts';

/** `app`: a route of the app, followed without reloading. `server`: a URL the server answers (a sign-in it starts). */
export type LinkTarget = { kind: 'app'; to: string } | { kind: 'server'; href: string };

export function LinkOnceLive({ target, children }: { target: LinkTarget; children: ReactNode }) {
  if (!useIsLive()) return <a>{children}</a>;
  return target.kind === 'app' ? <Link to={target.to}>{children}</Link> : <a href={target.href}>{children}</a>;
}
