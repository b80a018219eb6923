// A screen that fails to render shows this instead of a blank page: what happened, a way to try
// again and a way home. A part of Lede that could not be downloaded (a lazily loaded page, on a
// bad connection) says so in its own words; trying again downloads it again, and nothing here
// ever reloads the page by itself, so a failure cannot turn into a reload loop.
import { Component, useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isDownloadFailure, retryFailedPages } from '../screens/lazy-page.ts';
import { HOME_PATH } from '../config/paths.ts';

type Failure = 'download' | 'render';

interface Props {
  children: ReactNode;
}

interface State {
  failure: Failure | null;
}

export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failure: null };

  static getDerivedStateFromError(error: unknown): State {
    return { failure: isDownloadFailure(error) ? 'download' : 'render' };
  }

  override render() {
    const { failure } = this.state;
    if (failure === null) return this.props.children;
    return (
      <PageFailed
        failure={failure}
        onRetry={() => {
          if (failure === 'download') retryFailedPages();
          this.setState({ failure: null });
        }}
      />
    );
  }
}

const WORDS: Record<Failure, { title: string; body: string }> = {
  download: {
    title: 'This page could not be downloaded',
    body: 'Check your connection, then try again.',
  },
  render: {
    title: 'Something went wrong',
    body: 'This page could not be shown. Trying again may help; the front page should work.',
  },
};

function PageFailed({ failure, onRetry }: { failure: Failure; onRetry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The reader's attention belongs on what happened: the page they expected is not there.
  useEffect(() => heading.current?.focus(), []);
  const { title, body } = WORDS[failure];
  return (
    <section className="page-failed" aria-labelledby="page-failed-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="page-failed-heading" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>{body}</p>
      <p className="gate__actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
        <Link to={HOME_PATH}>Go to the front page</Link>
      </p>
    </section>
  );
}
