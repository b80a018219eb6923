// The API paths of the testers' toolkit (the test hooks besides reset, clock and paywall model).
// Apart from paths.ts, which rides in every page's first view: no page needs these.
export const TESTER_API = {
  /** GET: the world's last 200 API requests, newest first; DELETE empties the log. */
  testRequests: '/api/test/requests',
} as const satisfies Record<string, `/api/test/${string}`>;
