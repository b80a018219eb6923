// Every URL Lede answers, defined once: the app's routes, the public data files, the API. The
// app, the mock API, the production server, the build scripts, the benchmarks and the e2e tests
// all import these, so a path changes in one place. Pure: no React, no Node.

export const HOME_PATH = '/';
export const LOGIN_PATH = '/login';
export const SUBSCRIBE_PATH = '/subscribe';
/** Creating a free account. */
export const JOIN_PATH = '/join';
/** A logged-in reader's account: subscription and sessions. */
export const ACCOUNT_PATH = '/account';
/** The test inbox: what Lede "sent" by email in the visitor's world. */
export const INBOX_PATH = '/inbox';
/** The test lab: sandbox, paywall model, faults, clock, request log and reset, for testers by hand. */
export const LAB_PATH = '/lab';
/**
 * Where the "Page not found" page is prerendered (dist/404.html), which the production server
 * sends with every 404; no link leads there.
 */
export const NOT_FOUND_PAGE_PATH = '/404';
/** The route of an article's page, as React Router matches it. */
export const ARTICLE_ROUTE = '/articles/:slug';

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}

/** ARTICLE_ROUTE as React Router matches it: one segment after /articles/, a trailing slash allowed. */
const ARTICLE_PATH = /^\/articles\/([^/]+)\/?$/;

/**
 * The slug of the article a path names (its query and hash ignored), or undefined when it names
 * none: `/articles/x?a=1#p` → `x`.
 */
export function slugFromPath(path: string): string | undefined {
  const [pathname = ''] = path.split(/[?#]/, 1);
  return ARTICLE_PATH.exec(pathname)?.[1];
}

/** The front page's data: a static JSON file, so no article weighs on the entry bundle. */
export const INDEX_DATA_PATH = '/data/index.json';

export function articleDataPath(slug: string): string {
  return `/data/articles/${slug}.json`;
}

export const API_PATHS = {
  session: '/api/session',
  /**
   * GET: the session as /api/session answers it, without counting as the reader's activity (it
   * never moves the idle deadline): what an open page asks while it waits for changes.
   */
  sessionStatus: '/api/session/status',
  subscription: '/api/subscription',
  /** POST: cancel the reader's subscription (it runs to its end); POST …/resume takes that back. */
  cancelSubscription: '/api/subscription/cancel',
  resumeSubscription: '/api/subscription/resume',
  /** POST: a subscriber's gift link for one article. */
  gifts: '/api/gifts',
  /** GET: the reader's live sessions. */
  sessions: '/api/sessions',
  /** DELETE: ends every session of the reader but the current one. */
  otherSessions: '/api/sessions/others',
  /** POST: create an account (answered alike whether the address had one or not). */
  accounts: '/api/accounts',
  sandboxes: '/api/sandboxes',
  leaveSandbox: '/api/sandboxes/leave',
  testReset: '/api/test/reset',
  testClock: '/api/test/clock',
  testPaywall: '/api/test/paywall',
  /** Where the reader stands with the meter, without counting a read. */
  meter: '/api/meter',
  /** The caller's world's paywall model and, under a meter, where the reader stands: counts nothing. */
  paywall: '/api/paywall',
} as const;

export function sandboxPath(id: string): string {
  return `${API_PATHS.sandboxes}/${id}`;
}

/** Where the build writes the security headers the production server sends (outside dist/). */
export const SECURITY_HEADERS_FILE = 'dist-host/security-headers.json';

/** The gated text of an article: the only way its paragraphs reach a browser. */
export function gatedTextPath(slug: string): string {
  return `/api/articles/${encodeURIComponent(slug)}/rest`;
}
