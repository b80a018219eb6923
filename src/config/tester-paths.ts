// The API paths of the testers' toolkit (the test hooks besides reset, clock and paywall model).
// Apart from paths.ts, which rides in every page's first view: no page needs these.
export const TESTER_API = {
  /** GET: the world's last 200 API requests, newest first; DELETE empties the log. */
  testRequests: '/api/test/requests',
  /** PUT: the world's fault rules (a list); GET: them, with how often each fired; DELETE: none. */
  testFaults: '/api/test/faults',
} as const satisfies Record<string, `/api/test/${string}`>;

/** GET: the API reference, an OpenAPI 3.1 document of every route (served in any world, never faulted). */
export const OPENAPI_PATH = '/api/openapi.json';

/** Which sandbox a browser is in, and putting it in one: what the test lab (/lab) asks. */
export const SANDBOX_API = {
  /** POST { id }: puts the browser in a live sandbox (the server sets the `lede_sandbox` cookie). */
  join: '/api/sandboxes/join',
  /** GET: the sandbox the request names (by header or cookie) and when it ends, or none. */
  current: '/api/sandboxes/current',
} as const satisfies Record<string, `/api/sandboxes/${string}`>;
