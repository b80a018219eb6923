// The harness every handler test shares: the real seed, a handler with an injected clock and a
// recording sleep, and small builders for requests. Tests are split by endpoint
// (handler.<endpoint>.test.ts); this file holds nothing but what they share.
import { expect } from 'vitest';
import { loadRealSeed } from '../seed-files/real-seed.ts';
import type { Article } from '../content/article.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import type { AccessLevel } from '../paywall/paywall-model.ts';
import { DEMO_PASSWORD, type PersonaId } from '../paywall/personas.ts';
import { reader } from '../paywall/personas.testing.ts';
import type { Reader } from '../paywall/reader.ts';
import {
  SANDBOX_HEADER,
  SESSION_COOKIE,
  createApiHandler,
  createProcessStore,
  type ApiHandler,
  type ServerLimits,
} from './handler.ts';
import type { Store } from './store/store.ts';
import { fakeClock } from './fake-clock.testing.ts';

export const article = loadRealSeed();
export const gated = getGatedParagraphs(article);
export const REST = `/api/articles/${article.slug}/rest`;

export { SECOND, MINUTE, HOUR, DAY, T0 } from './fake-clock.testing.ts';
export { reader } from '../paywall/personas.testing.ts';

export function findArticle(slug: string): typeof article | undefined {
  return slug === article.slug ? article : undefined;
}

/** The text of every placeholder article's paragraphs: plainly no news. */
export const PLACEHOLDER_PARAGRAPH = 'Placeholder paragraph.';

/**
 * A synthetic article at `access`, plainly a placeholder: "Placeholder article <n>", one free
 * paragraph and three gated ones. Its slug is `placeholder-article-<n>`.
 */
export function placeholderArticle(n: number, access: AccessLevel = 'subscriber'): Article {
  return {
    file: `seeds/placeholder-${n}.txt`,
    slug: `placeholder-article-${n}`,
    headline: `Placeholder article ${n}`,
    dateline: 'PLACEHOLDER',
    figure: { caption: 'Placeholder caption.', credit: '(Placeholder)' },
    lead: 'Placeholder lead.',
    body: [PLACEHOLDER_PARAGRAPH, PLACEHOLDER_PARAGRAPH, PLACEHOLDER_PARAGRAPH, PLACEHOLDER_PARAGRAPH],
    gate: { heading: 'Placeholder gate', question: 'Placeholder question?', linkText: 'Placeholder link' },
    meta: { freeParagraphs: 1, access },
  };
}

export function restPath(slug: string): string {
  return `/api/articles/${slug}/rest`;
}

export interface Harness {
  api: ApiHandler;
  /** The ms of every `sleep` the handler asked for, in order. */
  sleeps: number[];
  advance(ms: number): void;
  now(): number;
}

export interface HarnessOptions {
  testHooks?: boolean;
  limits?: Partial<ServerLimits>;
  /** Replaces the recording sleep (which returns at once). */
  sleep?: (ms: number) => Promise<void>;
  /** Wraps the store the handler would use (this process's memory, on the harness clock). */
  store?: (store: Store) => Store;
  /** Served besides the real seed (placeholder articles). */
  articles?: readonly Article[];
}

/** A handler with an injected real clock starting at T0 and a sleep that records and returns at once. */
export function setup({ testHooks = true, limits, sleep, store, articles = [] }: HarnessOptions = {}): Harness {
  const { now, advance } = fakeClock();
  const sleeps: number[] = [];
  const api = createApiHandler({
    findArticle: (slug) => findArticle(slug) ?? articles.find((each) => each.slug === slug),
    testHooks,
    now,
    ...(store === undefined ? {} : { store: store(createProcessStore(now, limits?.sandboxes)) }),
    sleep: (ms) => {
      sleeps.push(ms);
      return sleep === undefined ? Promise.resolve() : sleep(ms);
    },
    ...(limits === undefined ? {} : { limits }),
  });
  return {
    api,
    sleeps,
    advance,
    now,
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function withActiveSubscription(id: PersonaId): Reader {
  return { ...reader(id), subscription: { status: 'active' } };
}

export function request(path: string, init: RequestInit & { cookie?: string } = {}): Request {
  const { cookie, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (cookie !== undefined) headers.set('Cookie', `${SESSION_COOKIE}=${cookie}`);
  return new Request(`http://localhost${path}`, { ...rest, headers });
}

export function post(path: string, body: string, extra: { cookie?: string; contentType?: string } = {}): Request {
  return request(path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': extra.contentType ?? 'application/json' },
    ...(extra.cookie === undefined ? {} : { cookie: extra.cookie }),
  });
}

export function postLogin(body: string, extra: { cookie?: string; contentType?: string } = {}): Request {
  return post('/api/session', body, extra);
}

export function credentials(email: string, password = DEMO_PASSWORD, remember?: boolean): string {
  return JSON.stringify(remember === undefined ? { email, password } : { email, password, remember });
}

/** The session id a response sets, or fails the test. */
export function sessionIdFrom(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
  if (match?.[1] === undefined) throw new Error(`no ${SESSION_COOKIE} cookie in: ${header}`);
  return match[1];
}

export async function logIn(api: ApiHandler, email: string, remember?: boolean): Promise<string> {
  const response = await api(postLogin(credentials(email, DEMO_PASSWORD, remember)));
  expect(response.status).toBe(200);
  return sessionIdFrom(response);
}

export async function failLogins(api: ApiHandler, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const response = await api(postLogin(credentials(email, 'wrong')));
    expect(response.status).toBe(401);
  }
}

export async function body(response: Response): Promise<unknown> {
  const value: unknown = await response.json();
  return value;
}

export function whoAmI(api: ApiHandler, cookie: string): Promise<unknown> {
  return api(request('/api/session', { cookie })).then(body);
}

export function expectNoGatedText(text: string): void {
  for (const paragraph of gated) expect(text).not.toContain(paragraph);
  expect(text).not.toContain('Officials are also concerned');
}

export const TOO_MANY = 'Too many failed attempts. Try again in 15 minutes.';

/** The same request, sent in a sandbox by the Lede-Sandbox header. */
export function inSandbox(id: string, original: Request): Request {
  const headers = new Headers(original.headers);
  headers.set(SANDBOX_HEADER, id);
  return new Request(original, { headers });
}

/** Creates a sandbox, or fails the test; its id. */
export async function createSandbox(api: ApiHandler): Promise<string> {
  const response = await api(request('/api/sandboxes', { method: 'POST' }));
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return id;
}

/** The handler as a client of one sandbox sees it: every request carries the Lede-Sandbox header. */
export function sandboxed(api: ApiHandler, id: string): ApiHandler {
  return (original) => api(inSandbox(id, original));
}

/** Waits (a few ms at most) until `condition` holds, e.g. until a request reaches its sleep. */
export async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
}
