// The mock backend: one web-standard (Request) => Promise<Response> for /api/*, no framework.
// It runs in Node inside Vite's dev and preview servers and is never bundled for the browser.
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Article } from '../content/article.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import { getAccess } from '../paywall/access.ts';
import { DEMO_PASSWORD, findPersona } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import { createSessionStore, type SessionStore } from './sessions.ts';

export const SESSION_COOKIE = 'lede_session';

/** Deliberately the same for an unknown email and a wrong password: no account enumeration. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';

export interface ApiOptions {
  findArticle(slug: string): Article | undefined;
  sessions?: SessionStore;
}

export type ApiHandler = (request: Request) => Promise<Response>;

export function createApiHandler({ findArticle, sessions = createSessionStore() }: ApiOptions): ApiHandler {
  function currentReader(request: Request): Reader | null {
    const id = parseCookie(request.headers.get('Cookie') ?? '')[SESSION_COOKIE];
    const session = sessions.find(id);
    return session === undefined ? null : (findPersona(session.email)?.reader ?? null);
  }

  async function logIn(request: Request): Promise<Response> {
    const body = await readJson(request);
    if (body.kind === 'invalid') return json(body.status, { error: body.error });
    const credentials = toCredentials(body.value);
    if (credentials === undefined) {
      return json(400, { error: 'Expected a JSON object { "email": string, "password": string }.' });
    }
    const persona = findPersona(credentials.email);
    if (persona === undefined || credentials.password !== DEMO_PASSWORD) {
      return json(401, { error: WRONG_CREDENTIALS });
    }
    sessions.remove(parseCookie(request.headers.get('Cookie') ?? '')[SESSION_COOKIE]);
    const session = sessions.create(persona.reader.email);
    return json(200, { reader: persona.reader }, { 'Set-Cookie': sessionCookie(request, session.id) });
  }

  function logOut(request: Request): Response {
    sessions.remove(parseCookie(request.headers.get('Cookie') ?? '')[SESSION_COOKIE]);
    return json(200, { reader: null }, { 'Set-Cookie': sessionCookie(request, '', 0) });
  }

  function readRest(request: Request, slug: string): Response {
    const article = findArticle(slug);
    if (article === undefined) return json(404, { error: `No article "${slug}".` });
    const gated = getGatedParagraphs(article);
    const access = getAccess(currentReader(request), { gatedCount: gated.length });
    if (access.kind === 'full') return json(200, { paragraphs: gated });
    switch (access.reason) {
      case 'sign-in':
        return json(401, { error: 'Log in to read the rest of this article.', reason: access.reason });
      case 'subscribe':
        return json(403, { error: 'This account has no subscription.', reason: access.reason });
    }
  }

  return async function handleApi(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const { method } = request;
    if (pathname === '/api/session') {
      if (method === 'GET') return json(200, { reader: currentReader(request) });
      if (method === 'POST') return logIn(request);
      if (method === 'DELETE') return logOut(request);
      return methodNotAllowed('GET, POST, DELETE');
    }
    // Slugs are ASCII letters, digits and '-', so the path needs no decoding.
    const rest = /^\/api\/articles\/([^/]+)\/rest$/.exec(pathname);
    if (rest?.[1] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      return readRest(request, rest[1]);
    }
    return json(404, { error: `No such endpoint: ${method} ${pathname}` });
  };
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

function toCredentials(value: unknown): { email: string; password: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!('email' in value) || !('password' in value)) return undefined;
  const { email, password } = value;
  if (typeof email !== 'string' || typeof password !== 'string') return undefined;
  return { email, password };
}

function sessionCookie(request: Request, value: string, maxAge?: number): string {
  return stringifySetCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: new URL(request.url).protocol === 'https:',
    ...(maxAge === undefined ? {} : { maxAge }),
  });
}

function methodNotAllowed(allow: string): Response {
  return json(405, { error: `Method not allowed. Allowed: ${allow}.` }, { Allow: allow });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
