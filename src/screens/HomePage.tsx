// The front page: every bundled article, newest first.
import { Link } from 'react-router-dom';
import { retryArticleIndex, useArticleIndex } from '../client-state/catalog.ts';
import { articlePath } from '../config/paths.ts';
import type { ArticleSummary } from '../content/summary.ts';
import { ArticleFigure } from '../ui/ArticleFigure.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { LongDate } from '../ui/LongDate.tsx';
import { ReadingTime } from '../ui/ReadingTime.tsx';
import { SourceLink } from '../ui/SourceLink.tsx';

export function HomePage() {
  const index = useArticleIndex();
  return (
    <section className="front-page" aria-labelledby="front-page-heading">
      <title>Lede — the front page</title>
      <h1 id="front-page-heading">Latest stories</h1>
      {index.status === 'loading' && <p role="status">Loading the stories…</p>}
      {index.status === 'failed' && <LoadFailed what="the stories" onRetry={retryArticleIndex} />}
      {index.status === 'loaded' && <StoryList articles={index.value} />}
    </section>
  );
}

function StoryList({ articles }: { articles: ArticleSummary[] }) {
  if (articles.length === 0) return <p>No articles yet: drop a seed file into seeds/ to add one.</p>;
  return (
    <ul className="story-list">
      {articles.map((article) => (
        <li key={article.slug}>
          <article className="story-card">
            <ArticleFigure figure={article.figure} variant="thumbnail" />
            <div>
              <h2 className="story-card__headline">
                <Link to={articlePath(article.slug)}>{article.headline}</Link>
              </h2>
              <p className="byline">
                <span className="byline__dateline">{article.dateline}</span>
                {article.published !== undefined && <LongDate date={article.published} />}
                {article.source !== undefined && <SourceLink source={article.source} />}
                <ReadingTime minutes={article.readingMinutes} />
              </p>
              <p className="story-card__lead">{article.lead}</p>
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
