// One article's page: the public part for everyone, the gated text for entitled readers.
import { startTransition, Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { retryArticle, useArticle } from '../client-state/catalog.ts';
import { articlePath } from '../config/paths.ts';
import type { PublicArticle } from '../content/article.ts';
import { getAccess, HARD_SITE, type SiteAccess } from '../paywall/access.ts';
import type { PaywallModelName } from '../paywall/paywall-model.ts';
import { readerViewer, useGatedText, type GatedTextState, type Viewer } from '../client-state/gated-text.ts';
import { usePaywallModel } from '../client-state/paywall-model.ts';
import { useIsLive } from '../client-state/use-is-live.ts';
import { isFocusGated } from '../client-state/return-path.ts';
import type { SessionState } from '../client-state/session-store.ts';
import { useSession } from '../client-state/use-session.ts';
import { ArticleFigure } from '../ui/ArticleFigure.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';
import { LongDate } from '../ui/LongDate.tsx';
import { ReadingTime } from '../ui/ReadingTime.tsx';
import { SourceLink } from '../ui/SourceLink.tsx';
import { announce } from '../client-state/announcer.ts';
import { ArticleGate, type GateView } from './ArticleGate.tsx';
import { GiftArticle, GiftNote, MeterStatus } from './pages.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

const UNLOCKED = 'The full story is unlocked.';

/** The class of the element where gated text goes. */
export const GATED_CONTENT_CLASS = 'gated-content';

export function ArticlePage() {
  const { slug = '' } = useParams();
  const article = useArticle(slug);
  switch (article.status) {
    case 'loaded':
      return <ArticleView key={slug} article={article.value} />;
    case 'missing':
      return <NotFoundPage />;
    case 'loading':
      return (
        <p className="page-status" role="status">
          Loading the article…
        </p>
      );
    case 'failed':
      return <LoadFailed what="the article" onRetry={() => retryArticle(slug)} />;
  }
}

function ArticleView({ article }: { article: PublicArticle }) {
  const session = useSession();
  const model = usePaywallModel();
  // What the page expects the server to allow; the server decides (and counts the meter).
  const expected = toGateView(session, article, siteOf(model));
  const giftToken = useSearchParams()[0].get('gift') ?? undefined;
  const live = useIsLive();
  const viewer = article.gatedCount > 0 ? viewerFor(expected, session, giftToken) : null;
  const { gatedText, retry } = useGatedText(article.slug, viewer);
  const decided: GateView =
    gatedText.status === 'refused'
      ? { kind: 'preview', reason: gatedText.reason }
      : viewer?.kind === 'gift' && gatedText.status === 'loaded'
        ? { kind: 'full', by: 'gift' }
        : expected;
  // A visitor a meter, an open model or a gift link may let read keeps the gate on screen until
  // the answer: the page changes once (to the text, or to the gate that says why not), never twice.
  const waiting = (viewer?.kind === 'visitor' || viewer?.kind === 'gift') && gatedText.status === 'loading';
  const view: GateView = waiting
    ? expected.kind === 'full'
      ? { kind: 'preview', reason: 'sign-in' }
      : expected
    : decided;
  const meter = gatedText.status === 'loaded' ? gatedText.meter : undefined;
  const mayGift =
    gatedText.status === 'loaded' &&
    gatedText.gift === undefined &&
    session.status === 'signed-in' &&
    session.reader.subscription.status === 'active';
  const loaded = gatedText.status === 'loaded';
  const firstGated = useFocusFirstGated(loaded);
  const { container: gatedContainer, heading: gateHeading } = useKeepPlaceWhenTextGoes(view, session, loaded);

  return (
    <article className="article" data-access={toDataAccess(view, gatedText)}>
      <title>{`${article.headline} — Lede`}</title>
      <header className="article__header">
        {/* elementtiming: the benchmark reads when these paint (Element Timing API). */}
        <h1 elementtiming="headline">{article.headline}</h1>
        <p className="byline">
          {article.published !== undefined && <LongDate date={article.published} />}
          {article.source !== undefined && <SourceLink source={article.source} />}
          <ReadingTime minutes={article.readingMinutes} />
        </p>
      </header>
      <ArticleFigure figure={article.figure} variant="full" />
      <p className="dateline">{article.dateline}</p>
      <div className="article__body">
        <p className="lead" elementtiming="lead">
          {article.lead}
        </p>
        {article.freeBody.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
        {article.gatedCount > 0 && meter !== undefined && (
          <Suspense fallback={null}>
            <MeterStatus meter={meter} />
          </Suspense>
        )}
        {/* After hydration only: the prerendered page knows no gift link. */}
        {giftToken !== undefined && live && (
          <Suspense fallback={null}>
            <GiftNote gatedText={gatedText} />
          </Suspense>
        )}
        {article.gatedCount > 0 && (
          <div className={GATED_CONTENT_CLASS} ref={gatedContainer}>
            {gatedText.status === 'loaded' ? (
              gatedText.paragraphs.map((paragraph, index) => (
                <p
                  key={index}
                  ref={index === 0 ? firstGated : undefined}
                  tabIndex={index === 0 ? -1 : undefined}
                  elementtiming={index === 0 ? 'unlocked' : undefined}
                >
                  {paragraph}
                </p>
              ))
            ) : (
              <ArticleGate
                view={view}
                gatedText={gatedText}
                onRetry={retry}
                loginReturnPath={articlePath(article.slug)}
                gate={article.gate}
                headingRef={gateHeading}
              />
            )}
          </div>
        )}
      </div>
      {mayGift && (
        <Suspense fallback={null}>
          <GiftArticle slug={article.slug} />
        </Suspense>
      )}
    </article>
  );
}

function toGateView(session: SessionState, article: PublicArticle, site: SiteAccess): GateView {
  switch (session.status) {
    case 'checking':
      return { kind: 'checking' };
    case 'unknown':
      return { kind: 'unknown', why: session.why };
    case 'anonymous':
      return getAccess(null, article, site);
    case 'signed-in':
      return getAccess(session.reader, article, site);
  }
}

/**
 * The site as the page weighs it. Until the model is known, the hard paywall's (what a
 * prerendered page shows). Under a meter the page cannot know the reader's standing: it asks, and
 * the server counts, or says the allowance is used up.
 */
function siteOf(model: PaywallModelName | undefined): SiteAccess {
  if (model === undefined || model === 'hard') return HARD_SITE;
  if (model !== 'metered') return { model };
  return { model: 'metered', meter: { used: 0, limit: 1, counted: true } };
}

/** Who asks for the text: whoever the page expects the server to let read, or a gift link's holder. */
function viewerFor(expected: GateView, session: SessionState, giftToken: string | undefined): Viewer | null {
  const own = viewerOf(session);
  if (expected.kind === 'full') return own;
  if (expected.kind !== 'preview' || giftToken === undefined || own === null || own.kind === 'gift') return null;
  return { kind: 'gift', token: giftToken, as: own };
}

function viewerOf(session: SessionState): Viewer | null {
  if (session.status === 'signed-in') return readerViewer(session.reader);
  return session.status === 'anonymous' ? { kind: 'visitor' } : null;
}

function toDataAccess(view: GateView, gatedText: GatedTextState): string {
  // Entitled, but the text is not on the page yet (loading, or failed and waiting for a retry).
  if (view.kind === 'full') {
    return gatedText.status === 'loading' || gatedText.status === 'failed' ? 'unlocking' : 'unlocked';
  }
  if (view.kind === 'preview') return view.reason === 'sign-in' ? 'anonymous' : 'locked';
  return view.kind;
}

/** After logging in, keyboard focus goes to the first paragraph the reader could not read before. */
function useFocusFirstGated(loaded: boolean) {
  const ref = useRef<HTMLParagraphElement>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const wantsFocus = isFocusGated(location.state);
  const wasLoaded = useRef(loaded);
  // Text that appears while the reader is here (the session came through) is announced too.
  useEffect(() => {
    if (loaded && !wasLoaded.current && !wantsFocus) announce(UNLOCKED);
    wasLoaded.current = loaded;
  }, [loaded, wantsFocus]);
  useEffect(() => {
    if (!loaded || !wantsFocus) return;
    ref.current?.focus();
    announce(UNLOCKED);
    // Forget the request, so a reload or Back does not jump here again. As a transition: it changes
    // nothing on screen, so it must not hold up painting the text.
    startTransition(() => void navigate(location, { replace: true, state: null }));
  }, [loaded, wantsFocus, location, navigate]);
  return ref;
}

/**
 * When the gated text is taken away. After a logout the reader asked for, focus goes to the gate
 * that took its place. When the session ended by itself (expiry, another tab), the reader keeps
 * their place: the container keeps the height the text had and the gate sticks in view, so the
 * scroll position does not move; focus, if it was in the text, goes to the gate without scrolling.
 */
function useKeepPlaceWhenTextGoes(view: GateView, session: SessionState, loaded: boolean) {
  const container = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const textHeight = useRef(0);
  const previous = useRef(view.kind);
  const deliberate = session.status === 'anonymous' && session.notice === null;

  // Remember the text's height as the browser lays it out; reading it in every commit would force
  // an extra layout before the unlocked text can paint.
  useEffect(() => {
    const element = container.current;
    if (!loaded || element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) textHeight.current = entry.borderBoxSize[0]?.blockSize ?? element.offsetHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loaded]);

  useLayoutEffect(() => {
    const element = container.current;
    const textTaken = previous.current === 'full' && view.kind === 'preview';
    previous.current = view.kind;
    if (element === null) return;
    if (view.kind === 'full') element.style.minHeight = '';
    if (!textTaken) return;
    if (deliberate) {
      heading.current?.focus();
      announce('You are logged out. The rest of the story is hidden again.');
      return;
    }
    element.style.minHeight = `${textHeight.current}px`;
    if (document.activeElement === document.body) heading.current?.focus({ preventScroll: true });
  }, [view.kind, deliberate]);

  return { container, heading };
}
