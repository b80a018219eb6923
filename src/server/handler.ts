// The mock backend: one web-standard (Request) => Promise<Response> for /api/*, no framework.
// It runs in Node inside Vite's dev and preview servers and is never bundled for the browser.
// Whatever a client sends, the answer is JSON with Cache-Control: no-store; a client's mistake is
// a 4xx, never a 500, and a session cookie that names no live session reads as anonymous.
import type { Article } from '../content/article.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import { getAccess } from '../paywall/access.ts';
import { DEMO_PASSWORD, SLOW_RESPONSE_MS, normaliseEmail, type Persona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import { createAccountStore } from './accounts.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { discardBody, readRequestBody, type RequestBody } from './request-body.ts';
import { expiredSessionCookie, readSessionCookie, sessionCookie } from './session-cookie.ts';
import { PERSISTENT_SESSION, createSessionStore, expiresAt, type Session } from './sessions.ts';

export { SESSION_COOKIE } from './session-cookie.ts';

/** Deliberately the same for an unknown email and a wrong password: no account enumeration. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';
export const ACCOUNT_LOCKED = 'This account is locked.';
export const SERVICE_UNAVAILABLE = 'The service is unavailable. Try again.';
export const CREDENTIALS_EXPECTED =
  'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.';

/** RFC 5321's limit for an address; the throttle keeps one entry per email tried, so it is bounded too. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_PLAN_LENGTH = 64;

export interface ApiOptions {
  findArticle(slug: string): Article | undefined;
  /** Serve `POST /api/test/reset`. On in Vite's dev and preview servers. */
  testHooks?: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type ApiHandler = (request: Request) => Promise<Response>;

/** Who sent the request, decided once from its session cookie. */
type Visitor =
  | { kind: 'anonymous' }
  /**
   * Sent a session cookie that names no live session (malformed, forged, logged out, expired):
   * served as anonymous, and the answer clears the cookie.
   */
  | { kind: 'stale' }
  | { kind: 'signed-in'; session: Session; persona: Persona };

/** A request as the routes see it: read and checked once, at the edge. */
interface Call {
  method: string;
  url: URL;
  /** The `Origin` header: browsers send it on cross-origin requests, tools send none. */
  origin: string | null;
  visitor: Visitor;
  body: RequestBody;
}

interface Credentials {
  email: string;
  password: string;
  remember: boolean;
}

type Checked<T> = { kind: 'ok'; value: T } | { kind: 'invalid'; error: string };

export function createApiHandler({
  findArticle,
  testHooks = false,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: ApiOptions): ApiHandler {
  const sessions = createSessionStore(now);
  const accounts = createAccountStore();
  const throttle = createLoginThrottle(now);

  /** Any request carrying a live session counts as activity: it moves the idle timeout on. */
  function identify(request: Request): Visitor {
    const cookie = readSessionCookie(request.headers.get('Cookie'));
    if (cookie.kind === 'none') return { kind: 'anonymous' };
    const session = cookie.kind === 'id' ? sessions.touch(cookie.id) : undefined;
    const persona = session === undefined ? undefined : accounts.find(session.email);
    return session === undefined || persona === undefined ? { kind: 'stale' } : { kind: 'signed-in', session, persona };
  }

  function sessionBody(session: Session, persona: Persona): { reader: Reader; expiresAt: string } {
    return { reader: accounts.readerOf(persona), expiresAt: new Date(expiresAt(session)).toISOString() };
  }

  function logIn({ url, visitor, body }: Call): Response {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const credentials = toCredentials(body);
    if (credentials.kind === 'invalid') return json(400, { error: credentials.error });
    const { password, remember } = credentials.value;
    // Longer than any account's: it cannot match, and gets the same answer as a wrong guess
    // (no hint about which field), without being kept by the throttle.
    if (credentials.value.email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      return json(401, { error: WRONG_CREDENTIALS });
    }
    const email = normaliseEmail(credentials.value.email);
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
    if (persona === undefined || password !== DEMO_PASSWORD) {
      throttle.recordFailure(email);
      return json(401, { error: WRONG_CREDENTIALS });
    }
    if (persona.fault === 'locked') return json(403, { error: ACCOUNT_LOCKED, reason: 'locked' });
    throttle.recordSuccess(email);
    if (visitor.kind === 'signed-in') sessions.remove(visitor.session.id);
    const session = sessions.create(persona.reader.email, remember);
    const cookie = sessionCookie(
      url,
      session.id,
      session.persistent ? PERSISTENT_SESSION.absoluteMs / 1000 : undefined,
    );
    return json(200, sessionBody(session, persona), { 'Set-Cookie': cookie });
  }

  function logOut({ url, visitor }: Call): Response {
    if (visitor.kind === 'signed-in') sessions.remove(visitor.session.id);
    return json(200, { reader: null }, { 'Set-Cookie': expiredSessionCookie(url) });
  }

  function whoAmI({ visitor }: Call): Response {
    return json(200, visitor.kind === 'signed-in' ? sessionBody(visitor.session, visitor.persona) : { reader: null });
  }

  function readRest({ visitor }: Call, slug: string): Response {
    const article = findArticle(slug);
    if (article === undefined) return json(404, { error: `No article "${echo(slug)}".` });
    const gated = getGatedParagraphs(article);
    const reader = visitor.kind === 'signed-in' ? accounts.readerOf(visitor.persona) : null;
    const access = getAccess(reader, { gatedCount: gated.length });
    if (access.kind === 'full') {
      const expiry =
        visitor.kind === 'signed-in' ? { expiresAt: sessionBody(visitor.session, visitor.persona).expiresAt } : {};
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

  /** Body optional (the plans page sends `{ "plan": "monthly" }`; the mock takes any plan). */
  function subscribe({ visitor, body }: Call): Response {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to subscribe.' });
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const order = toPlanOrder(body);
    if (order.kind === 'invalid') return json(400, { error: order.error });
    accounts.startSubscription(visitor.persona);
    return json(200, sessionBody(visitor.session, visitor.persona));
  }

  /** Body optional: `{ "keepSessions": true }` keeps logged-in sessions (saved storageState stays valid). */
  function reset({ body }: Call): Response {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const options = toResetOptions(body);
    if (options.kind === 'invalid') return json(400, { error: options.error });
    const { keepSessions } = options.value;
    throttle.reset();
    accounts.reset();
    if (!keepSessions) sessions.clear();
    return json(200, {
      cleared: keepSessions ? ['throttles', 'subscriptions'] : ['sessions', 'throttles', 'subscriptions'],
    });
  }

  function route(call: Call): Response {
    const { method, url } = call;
    const { pathname } = url;
    // CSRF: SameSite=Lax already keeps the cookie off cross-site POSTs; this also stops another
    // site from logging a reader in or resetting the server (an empty POST needs no preflight).
    if (method !== 'GET' && method !== 'HEAD' && isCrossOrigin(call)) {
      return json(403, { error: 'Cross-origin request refused.' });
    }
    if (pathname === '/api/session') {
      if (method === 'GET') return whoAmI(call);
      if (method === 'POST') return logIn(call);
      if (method === 'DELETE') return logOut(call);
      return methodNotAllowed('GET, POST, DELETE');
    }
    if (pathname === '/api/subscription') {
      return method === 'POST' ? subscribe(call) : methodNotAllowed('POST');
    }
    if (testHooks && pathname === '/api/test/reset') {
      return method === 'POST' ? reset(call) : methodNotAllowed('POST');
    }
    // Slugs are ASCII letters, digits and '-', so the path needs no decoding: an encoded slug names no article.
    const rest = /^\/api\/articles\/([^/]+)\/rest$/.exec(pathname);
    if (rest?.[1] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      return readRest(call, rest[1]);
    }
    return json(404, { error: `No such endpoint: ${echo(method)} ${echo(pathname)}` });
  }

  return async function handleApi(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const visitor = identify(request);
    // Read every POST body, even one the route will refuse, so a 413 is decided at the edge. Any
    // other method takes no body: whatever was sent is discarded unread.
    const body: RequestBody = request.method === 'POST' ? await readRequestBody(request) : await ignoreBody(request);
    const call: Call = { method: request.method, url, origin: request.headers.get('Origin'), visitor, body };
    const response = route(call);
    if (visitor.kind === 'stale' && !response.headers.has('Set-Cookie')) {
      response.headers.set('Set-Cookie', expiredSessionCookie(url));
    }
    if (involvesSlowPersona(call)) await sleep(SLOW_RESPONSE_MS);
    return response;
  };

  /** The slow persona's requests: by its session, or by the email it tries to log in with. */
  function involvesSlowPersona({ method, url, visitor, body }: Call): boolean {
    if (visitor.kind === 'signed-in' && visitor.persona.fault === 'slow') return true;
    if (method !== 'POST' || url.pathname !== '/api/session') return false;
    const credentials = toCredentials(body);
    return credentials.kind === 'ok' && accounts.find(credentials.value.email)?.fault === 'slow';
  }
}

async function ignoreBody(request: Request): Promise<RequestBody> {
  await discardBody(request);
  return { kind: 'empty' };
}

function isCrossOrigin({ origin, url }: Call): boolean {
  return origin !== null && origin !== url.origin;
}

function toCredentials(body: RequestBody): Checked<Credentials> {
  if (body.kind !== 'json') return invalid(CREDENTIALS_EXPECTED);
  const { value } = body;
  if (typeof value !== 'object' || value === null) return invalid(CREDENTIALS_EXPECTED);
  if (!('email' in value) || !('password' in value)) return invalid(CREDENTIALS_EXPECTED);
  const { email, password } = value;
  const remember = 'remember' in value ? value.remember : false;
  if (typeof email !== 'string' || typeof password !== 'string' || typeof remember !== 'boolean') {
    return invalid(CREDENTIALS_EXPECTED);
  }
  return { kind: 'ok', value: { email, password, remember } };
}

function toPlanOrder(body: RequestBody): Checked<{ plan: string | undefined }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { plan: undefined } };
  const expected = 'Expected no body, or a JSON object { "plan"?: string }.';
  if (body.kind !== 'json') return invalid(expected);
  const { value } = body;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(expected);
  const plan = 'plan' in value ? value.plan : undefined;
  if (plan !== undefined && typeof plan !== 'string') return invalid(expected);
  if (plan !== undefined && plan.length > MAX_PLAN_LENGTH) {
    return invalid(`"plan" is longer than ${MAX_PLAN_LENGTH} characters.`);
  }
  return { kind: 'ok', value: { plan } };
}

function toResetOptions(body: RequestBody): Checked<{ keepSessions: boolean }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { keepSessions: false } };
  const expected = 'Expected no body, or a JSON object { "keepSessions"?: boolean }.';
  if (body.kind !== 'json') return invalid(expected);
  const { value } = body;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(expected);
  const keepSessions = 'keepSessions' in value ? value.keepSessions : false;
  return typeof keepSessions === 'boolean' ? { kind: 'ok', value: { keepSessions } } : invalid(expected);
}

function invalid(error: string): { kind: 'invalid'; error: string } {
  return { kind: 'invalid', error };
}

/** A client's text quoted back in an error, cut short: a 100 KB path need not come back whole. */
function echo(text: string): string {
  const LIMIT = 200;
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}

function methodNotAllowed(allow: string): Response {
  return json(405, { error: `Method not allowed. Allowed: ${allow}.` }, { Allow: allow });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
