// Any path that names no screen or no article.
import { Link, useLocation } from 'react-router-dom';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="not-found">
      <title>Page not found — Lede</title>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/">Go to the front page</Link>
      </p>
    </section>
  );
}
