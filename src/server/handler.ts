// The mock backend: one web-standard (Request) => Promise<Response> for /api/*, no framework.
// It runs in Node inside Vite's dev and preview servers and is never bundled for the browser.
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Article } from '../content/article.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import { getAccess } from '../paywall/access.ts';
import { DEMO_PASSWORD, SLOW_RESPONSE_MS, normaliseEmail, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import { createAccountStore } from './accounts.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { PERSISTENT_SESSION, createSessionStore, expiresAt, type Session } from './sessions.ts';

export const SESSION_COOKIE = 'lede_session';

/** Deliberately the same for an unknown email and a wrong password: no account enumeration. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';
export const ACCOUNT_LOCKED = 'This account is locked.';
export const SERVICE_UNAVAILABLE = 'The service is unavailable. Try again.';

export interface ApiOptions {
  findArticle(slug: string): Article | undefined;
  /** Serve `POST /api/test/reset`. On in Vite's dev and preview servers. */
  testHooks?: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type ApiHandler = (request: Request) => Promise<Response>;

export function createApiHandler({
  findArticle,
  testHooks = false,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: ApiOptions): ApiHandler {
  const sessions = createSessionStore(now);
  const accounts = createAccountStore();
  const throttle = createLoginThrottle(now);

  /** The live session and its persona, if the request carries one. */
  function signedIn(request: Request): { session: Session; persona: Persona } | undefined {
    const session = sessions.touch(sessionId(request));
    const persona = session === undefined ? undefined : accounts.find(session.email);
    return session === undefined || persona === undefined ? undefined : { session, persona };
  }

  function sessionBody(session: Session, persona: Persona): { reader: Reader; expiresAt: string } {
    return { reader: accounts.readerOf(persona), expiresAt: new Date(expiresAt(session)).toISOString() };
  }

  async function logIn(request: Request): Promise<Response> {
    const body = await readJson(request);
    if (body.kind === 'invalid') return json(body.status, { error: body.error });
    const credentials = toCredentials(body.value);
    if (credentials === undefined) {
      return json(400, {
        error: 'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.',
      });
    }
    const email = normaliseEmail(credentials.email);
    const persona = accounts.find(email);
    const verdict = throttle.check(email);
    if (verdict.kind === 'refused') {
      const seconds = Math.ceil((verdict.retryAt - now()) / 1000);
      const minutes = Math.ceil(seconds / 60);
      return json(
        429,
        {
          error: `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
          retryAt: new Date(verdict.retryAt).toISOString(),
        },
        { 'Retry-After': String(seconds) },
      );
    }
    if (persona !== undefined && accounts.takeFlakyFailure(persona)) return json(503, { error: SERVICE_UNAVAILABLE });
    if (persona === undefined || credentials.password !== DEMO_PASSWORD) {
      throttle.recordFailure(email);
      return json(401, { error: WRONG_CREDENTIALS });
    }
    if (persona.fault === 'locked') return json(403, { error: ACCOUNT_LOCKED, reason: 'locked' });
    throttle.recordSuccess(email);
    sessions.remove(sessionId(request));
    const session = sessions.create(persona.reader.email, credentials.remember);
    const cookie = sessionCookie(
      request,
      session.id,
      session.persistent ? PERSISTENT_SESSION.absoluteMs / 1000 : undefined,
    );
    return json(200, sessionBody(session, persona), { 'Set-Cookie': cookie });
  }

  function logOut(request: Request): Response {
    sessions.remove(sessionId(request));
    return json(200, { reader: null }, { 'Set-Cookie': sessionCookie(request, '', 0) });
  }

  function whoAmI(request: Request): Response {
    const current = signedIn(request);
    return json(200, current === undefined ? { reader: null } : sessionBody(current.session, current.persona));
  }

  function readRest(request: Request, slug: string): Response {
    const article = findArticle(slug);
    if (article === undefined) return json(404, { error: `No article "${slug}".` });
    const gated = getGatedParagraphs(article);
    const current = signedIn(request);
    const reader = current === undefined ? null : accounts.readerOf(current.persona);
    const access = getAccess(reader, { gatedCount: gated.length });
    if (access.kind === 'full') {
      const expiry =
        current === undefined ? {} : { expiresAt: sessionBody(current.session, current.persona).expiresAt };
      return json(200, { paragraphs: gated, ...expiry });
    }
    switch (access.reason) {
      case 'sign-in':
        return json(401, { error: 'Log in to read the rest of this article.', reason: access.reason });
      case 'subscribe':
        return json(403, { error: 'This account has no subscription.', reason: access.reason });
      case 'renew':
        return json(403, { error: 'This account’s subscription has ended.', reason: access.reason });
    }
  }

  function subscribe(request: Request): Response {
    const current = signedIn(request);
    if (current === undefined) return json(401, { error: 'Log in to subscribe.' });
    accounts.startSubscription(current.persona);
    return json(200, sessionBody(current.session, current.persona));
  }

  /** Body optional: `{ "keepSessions": true }` keeps logged-in sessions (saved storageState stays valid). */
  async function reset(request: Request): Promise<Response> {
    let keepSessions = false;
    if ((await request.clone().text()).trim() !== '') {
      const body = await readJson(request);
      if (body.kind === 'invalid') return json(body.status, { error: body.error });
      const { value } = body;
      keepSessions =
        typeof value === 'object' && value !== null && 'keepSessions' in value && value.keepSessions === true;
    }
    throttle.reset();
    accounts.reset();
    if (!keepSessions) sessions.clear();
    return json(200, {
      cleared: keepSessions ? ['throttles', 'subscriptions'] : ['sessions', 'throttles', 'subscriptions'],
    });
  }

  async function route(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const { method } = request;
    // CSRF: SameSite=Lax already keeps the cookie off cross-site POSTs; this also stops another
    // site from logging a reader in or resetting the server (an empty POST needs no preflight).
    if (method !== 'GET' && method !== 'HEAD' && isCrossOrigin(request)) {
      return json(403, { error: 'Cross-origin request refused.' });
    }
    if (pathname === '/api/session') {
      if (method === 'GET') return whoAmI(request);
      if (method === 'POST') return logIn(request);
      if (method === 'DELETE') return logOut(request);
      return methodNotAllowed('GET, POST, DELETE');
    }
    if (pathname === '/api/subscription') {
      return method === 'POST' ? subscribe(request) : methodNotAllowed('POST');
    }
    if (testHooks && pathname === '/api/test/reset') {
      return method === 'POST' ? reset(request) : methodNotAllowed('POST');
    }
    // Slugs are ASCII letters, digits and '-', so the path needs no decoding.
    const rest = /^\/api\/articles\/([^/]+)\/rest$/.exec(pathname);
    if (rest?.[1] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      return readRest(request, rest[1]);
    }
    return json(404, { error: `No such endpoint: ${method} ${pathname}` });
  }

  return async function handleApi(request: Request): Promise<Response> {
    const slow = await involvesSlowPersona(request);
    const response = await route(request);
    if (slow) await sleep(SLOW_RESPONSE_MS);
    return response;
  };

  /** The slow persona's requests: by its session, or by the email it tries to log in with. */
  async function involvesSlowPersona(request: Request): Promise<boolean> {
    const session = sessions.peek(sessionId(request));
    const live = session !== undefined && expiresAt(session) > now();
    const byCookie = live ? accounts.find(session.email) : undefined;
    if (byCookie?.fault === 'slow') return true;
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/api/session') return false;
    const body = await readJson(request.clone());
    const credentials = body.kind === 'ok' ? toCredentials(body.value) : undefined;
    return credentials !== undefined && accounts.find(credentials.email)?.fault === 'slow';
  }
}

/** A browser request from another origin says so in `Origin`; tools (curl, Playwright's request) send none. */
function isCrossOrigin(request: Request): boolean {
  const origin = request.headers.get('Origin');
  return origin !== null && origin !== new URL(request.url).origin;
}

function sessionId(request: Request): string | undefined {
  return parseCookie(request.headers.get('Cookie') ?? '')[SESSION_COOKIE];
}

type JsonBody = { kind: 'ok'; value: unknown } | { kind: 'invalid'; status: 400 | 415; error: string };

async function readJson(request: Request): Promise<JsonBody> {
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { kind: 'invalid', status: 415, error: 'Send the body as JSON, with Content-Type: application/json.' };
  }
  const text = await request.text();
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', status: 400, error: `The request body is not valid JSON: ${reason}` };
  }
}

function toCredentials(value: unknown): { email: string; password: string; remember: boolean } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!('email' in value) || !('password' in value)) return undefined;
  const { email, password } = value;
  const remember = 'remember' in value ? value.remember : false;
  if (typeof email !== 'string' || typeof password !== 'string' || typeof remember !== 'boolean') return undefined;
  return { email, password, remember };
}

function sessionCookie(request: Request, value: string, maxAgeSeconds?: number): string {
  return stringifySetCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: new URL(request.url).protocol === 'https:',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

function methodNotAllowed(allow: string): Response {
  return json(405, { error: `Method not allowed. Allowed: ${allow}.` }, { Allow: allow });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
