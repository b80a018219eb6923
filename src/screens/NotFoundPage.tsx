// Any path that names no screen or no article.
import { Link, useLocation } from 'react-router-dom';
import { HOME_PATH, NOT_FOUND_PAGE_PATH } from '../config/paths.ts';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="not-found">
      <title>Page not found — Lede</title>
      <h1>Page not found</h1>
      {/* The page the server sends with every 404 is prerendered for /404: without JavaScript it is
          all a reader sees, so there it names no path rather than the wrong one. */}
      {pathname === NOT_FOUND_PAGE_PATH ? (
        <p>There is no page at this address.</p>
      ) : (
        <p>
          There is no page at <code>{pathname}</code>.
        </p>
      )}
      <p>
        <Link to={HOME_PATH}>Go to the front page</Link>
      </p>
    </section>
  );
}
