// Property tests for the mock API: whatever arrives, and in whatever order, the answer is JSON
// with Cache-Control: no-store, never a 5xx (bar the flaky persona's one deliberate 503), and
// gated text only for a session whose reader is entitled at that moment.
//
// Each run is a fresh handler (injected clock and no-op sleep) with real sessions logged in up
// front, then a sequence of generated requests: real route shapes, real and broken cookies, odd
// methods, paths, headers and bodies. A small model follows the state that decides entitlement
// (live sessions, mock subscriptions, the flaky persona's failure) from the answers themselves.
import fc from 'fast-check';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { loadRealSeed } from '../seed-files/real-seed.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import {
  DEMO_PASSWORD,
  PERSONAS,
  findPersona,
  normaliseEmail,
  type Persona,
  type PersonaId,
} from '../paywall/personas.ts';
import { persona, personaIdByEmail } from '../paywall/personas.testing.ts';
import { MINUTE, T0, fakeClock } from './fake-clock.testing.ts';
import { SERVICE_UNAVAILABLE, SESSION_COOKIE, createApiHandler, type ApiHandler } from './handler.ts';
import { createContract } from './openapi-contract.testing.ts';
import { createOpenApiDocument, documentedPaths } from './openapi-document.ts';
import { routeModules } from './route-modules.ts';
import { DEMO_RECOVERY_CODES } from './two-factor.ts';

const article = loadRealSeed();
const gated = getGatedParagraphs(article);
const REST = `/api/articles/${article.slug}/rest`;
const TWO_FACTOR = '/api/session/two-factor';

/** Answers the API reference's contract must have held each of its operations to. */
const MIN_PER_OPERATION = 5;

/** Runs × requests per run ≥ 10,000 generated requests (the setup logins come on top). */
const RUNS = 400;
const REQUESTS_PER_RUN = { minLength: 25, maxLength: 30 };

/**
 * What gives gated text away: the start of each gated paragraph, as it would appear in a JSON
 * body (escaped). Generated requests never contain these, so an echo cannot be mistaken for a leak.
 */
const GATED_MARKS = gated.map((paragraph) => JSON.stringify(paragraph.slice(0, 60)).slice(1, -1));

/** How an entitled read's body starts: the paragraphs, then the session's expiry. */
const GATED_JSON = JSON.stringify({ paragraphs: gated }).slice(0, -1);
const CLEARS_SESSION = new RegExp(`^${SESSION_COOKIE}=;.*\\bMax-Age=0(;|$)`, 'i');

/** Checked by hand, not with expect: ten thousand requests × several expects is seconds of overhead. */
function check(ok: boolean, what: string, where: string): void {
  if (!ok) throw new Error(`${what}: ${where}`);
}

function findArticle(slug: string): typeof article | undefined {
  return slug === article.slug ? article : undefined;
}

/** The personas whose sessions exist before each run; locked cannot log in, flaky's 503 is left to the run. */
const HOLDERS = ['subscriber', 'slow', 'reader', 'expired'] as const;
type Holder = (typeof HOLDERS)[number];

// ---------------------------------------------------------------------------------------------
// The generated requests, as data: shrinkable and printable when a property fails.

type CookieSpec =
  | { kind: 'none' }
  /** A session logged in before the run: `who`'s, or one that expired before the run started. */
  | { kind: 'held'; who: Holder | 'expired-session' }
  /** A session a login earlier in this run set (the n-th, modulo how many there are). */
  | { kind: 'harvested'; index: number }
  /** A held id tampered with: still shaped like a cookie, naming no session. */
  | { kind: 'forged'; who: Holder; how: 'truncate' | 'flip' | 'pad' | 'twice' | 'with-junk-twin' }
  | { kind: 'junk-session'; value: string }
  /** A whole Cookie header of junk, which may or may not mention the session cookie. */
  | { kind: 'raw'; header: string };

type BodySpec =
  | { kind: 'none' }
  | { kind: 'credentials'; email: string; password: string; remember: unknown }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'sized'; bytes: number }
  /**
   * The second step of a two-factor login: a challenge an earlier answer gave (the n-th, modulo
   * how many) or junk; a code of the world's start time (± steps), a recovery code, or junk.
   */
  | {
      kind: 'two-factor';
      challenge: { kind: 'harvested'; index: number } | { kind: 'junk'; value: string };
      code: { kind: 'totp'; steps: number } | { kind: 'recovery'; index: number } | { kind: 'junk'; value: string };
      trustDevice: boolean;
    };

interface RequestSpec {
  base: string;
  method: string;
  path: string;
  cookie: CookieSpec;
  otherCookies: string[];
  contentType: string | undefined;
  origin: 'none' | 'same' | string;
  headers: [string, string][];
  body: BodySpec;
}

/** A sandbox id that names no sandbox: the handler's own sandboxes are made by POST /api/sandboxes. */
const UNKNOWN_SANDBOX = '00000000-0000-4000-8000-000000000000';

/** Sign-in with Example ID and the mock provider's site: redirects and pages besides JSON. */
const EXAMPLE_ID_ROUTES = [
  '/api/oauth/example-id/start',
  '/api/oauth/example-id/callback',
  '/example-id/authorize',
  '/example-id/token',
  '/example-id/userinfo',
  '/example-id/style.css',
];

const ROUTES = [
  '/api/session',
  '/api/session/two-factor',
  '/api/session/status',
  '/api/subscription',
  '/api/accounts',
  '/api/subscription/cancel',
  '/api/subscription/resume',
  '/api/sessions',
  '/api/sessions/others',
  '/api/gifts',
  '/api/test/reset',
  '/api/test/clock',
  '/api/test/paywall',
  '/api/test/inbox',
  '/api/test/requests',
  '/api/test/faults',
  '/api/sign-in-links',
  '/api/session/link',
  '/api/session/code',
  '/api/password-resets',
  '/api/password-resets/check',
  '/api/password-resets/complete',
  '/api/unlock-links',
  '/api/unlock',
  '/api/account/verification',
  '/api/account/verification/complete',
  '/api/meter',
  '/api/paywall',
  '/api/sandboxes',
  '/api/sandboxes/leave',
  `/api/sandboxes/${UNKNOWN_SANDBOX}`,
  '/api/openapi.json',
  '/api/sandboxes/join',
  '/api/sandboxes/current',
  REST,
  ...EXAMPLE_ID_ROUTES,
];

const latin1 = fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code));
/** What a header value can hold once Node has read it: Latin-1, no controls, no outer spaces. */
const headerValue = fc.string({ unit: latin1, maxLength: 40 }).map((value) => value.trim());

const emailArb = fc.oneof(
  fc.constantFrom(...PERSONAS.map((persona) => persona.reader.email)),
  fc.constantFrom('SUBSCRIBER@example.com', '  reader@EXAMPLE.com ', 'flaky@example.com', 'nobody@example.com'),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 250, max: 300 }).map((length) => `${'a'.repeat(length - 12)}@example.com`),
);

const bodyArb: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('credentials' as const),
      email: emailArb,
      password: fc.oneof(
        { weight: 3, arbitrary: fc.constant(DEMO_PASSWORD) },
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 1000, max: 1100 }).map((length) => 'p'.repeat(length)),
      ),
      remember: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, fc.jsonValue({ maxDepth: 1 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '{}',
          '{"plan":"monthly"}',
          '{"keepSessions":true}',
          '{"keepSessions":false}',
          '{"advanceBy":60000}',
          '{"advanceBy":-1}',
          '{"now":"2030-01-01T00:00:00Z"}',
          '{"model":"metered","meter":{"limit":1}}',
          '{"model":"free"}',
          'null',
          '[]',
        ),
        fc.json({ maxDepth: 3 }),
        fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify({ plan: value, keepSessions: value })),
        fc.integer({ min: 1, max: 2000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      )
      .map((text) => ({ kind: 'json' as const, text })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        { weight: 8, arbitrary: fc.integer({ min: 16 * 1024 - 4, max: 16 * 1024 + 4 }) },
        { weight: 1, arbitrary: fc.constantFrom(100_000, 1_000_000) },
      )
      .map((bytes) => ({ kind: 'sized' as const, bytes })),
  },
);

const cookieArb: fc.Arbitrary<CookieSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('held' as const),
      who: fc.constantFrom(...HOLDERS, 'expired-session' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('harvested' as const), index: fc.nat(8) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('forged' as const),
      who: fc.constantFrom(...HOLDERS),
      how: fc.constantFrom(
        'truncate' as const,
        'flip' as const,
        'pad' as const,
        'twice' as const,
        'with-junk-twin' as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ unit: latin1, maxLength: 50 }).filter((value) => !value.includes(';')),
        fc.constantFrom('%E0%A4%A', '%', '%%', '"quoted"', '', 'A'.repeat(43), `${'x'.repeat(8000)}`),
      )
      .map((value) => ({ kind: 'junk-session' as const, value: value.trim() })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(headerValue, fc.constantFrom(';;;', '=;=;=', `${SESSION_COOKIE}`, `${SESSION_COOKIE}=;${SESSION_COOKIE}=`))
      .map((header) => ({ kind: 'raw' as const, header })),
  },
);

const methodArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE') },
  { weight: 3, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'HEAD', 'get', 'post', 'delete') },
  {
    weight: 1,
    arbitrary: fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,11}$/)
      .filter((method) => !['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase()))
      // undici warns about a lower-case `patch`; the server would see it as any other odd method.
      .filter((method) => method !== 'patch'),
  },
);

const segmentArb = fc.oneof(
  fc.webSegment(),
  fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', '%E0%A4%A', '%', 'articles', 'rest', 'session', article.slug),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: 200, max: 20_000 }).map((length) => 'x'.repeat(length)),
);

const pathArb = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...ROUTES) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), fc.constantFrom('/', '//', '/..', '?x=1', '#frag', '%00', '%2F', '/rest', 'ü'))
      .map(([route, suffix]) => `${route}${suffix}`),
  },
  { weight: 2, arbitrary: segmentArb.map((slug) => `/api/articles/${slug}/rest`) },
  {
    weight: 2,
    arbitrary: fc.array(segmentArb, { minLength: 0, maxLength: 5 }).map((segments) => `/api/${segments.join('/')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('//api/session', '/api//session', '/api/session/.', '/API/SESSION') },
);

const baseArb = fc.constantFrom('http://localhost', 'http://localhost', 'https://localhost', 'http://127.0.0.1:4173');
const otherCookiesArb = fc.array(
  fc.oneof(fc.constantFrom('theme=dark', 'a=%E0%A4%A', 'lede=1', 'LEDE_SESSION=x'), headerValue),
  { maxLength: 2 },
);
const jsonTypeArb = fc.constantFrom('application/json', 'application/json; charset=utf-8');
const anyTypeArb = fc.oneof(
  { weight: 6, arbitrary: jsonTypeArb },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('APPLICATION/JSON', 'text/plain', 'application/jsonp', 'multipart/form-data; boundary=x'),
      headerValue,
    ),
  },
);
const originArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('none' as const) },
  { weight: 3, arbitrary: fc.constant('same' as const) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('null', 'https://evil.example'), headerValue) },
);
const junkHeadersArb = fc.array(
  fc.tuple(
    fc.constantFrom('X-Junk', 'Accept', 'Content-Length', 'Authorization', 'X-Forwarded-For', 'Lede-Sandbox'),
    fc.oneof(headerValue, fc.uuid({ version: 4 })),
  ),
  { maxLength: 2 },
);
const NO_BODY: BodySpec = { kind: 'none' };

/** PUT /api/test/paywall bodies: every model, meters valid and not, and near misses. */
const paywallBodyArb: fc.Arbitrary<BodySpec> = fc
  .oneof(
    fc.record({
      model: fc.constantFrom('hard', 'metered', 'registration', 'free', 'soft', 'METERED'),
      meter: fc.option(
        fc.record(
          {
            limit: fc.oneof(fc.integer({ min: -2, max: 102 }), fc.double(), fc.constant('3')),
            window: fc.constantFrom('rolling-30-days', 'calendar-month', 'weekly'),
            counts: fc.constantFrom('articles', 'views', 'words'),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
    }),
    fc.jsonValue({ maxDepth: 2 }).map((meter) => ({ model: 'metered', meter })),
  )
  .map((value) => ({ kind: 'json' as const, text: JSON.stringify(value) }));

const twoFactorBodyArb: fc.Arbitrary<BodySpec> = fc.record({
  kind: fc.constant('two-factor' as const),
  challenge: fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('harvested' as const), index: fc.nat(4) }) },
    fc.record({ kind: fc.constant('junk' as const), value: fc.string({ maxLength: 50 }) }),
  ),
  code: fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('totp' as const), steps: fc.integer({ min: -2, max: 2 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('recovery' as const), index: fc.nat(DEMO_RECOVERY_CODES.length) }),
    },
    fc.record({ kind: fc.constant('junk' as const), value: fc.string({ maxLength: 12 }) }),
  ),
  trustDevice: fc.boolean(),
});

/** The two-factor persona's authenticator, as a tester's test would make it. */
const authenticator = new TOTP({
  secret: Secret.fromBase32(findPersona('mfa@example.com')?.totpSecret ?? ''),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

/** What the app and a tester would send: a real route, its method, a body of about the right shape. */
const plausibleArb: fc.Arbitrary<RequestSpec> = fc
  .record({
    call: fc.oneof(
      { weight: 12, arbitrary: fc.constant('read' as const) },
      { weight: 4, arbitrary: fc.constant('who-am-i' as const) },
      { weight: 2, arbitrary: fc.constant('session-status' as const) },
      { weight: 6, arbitrary: fc.constant('log-in' as const) },
      { weight: 2, arbitrary: fc.constant('log-out' as const) },
      { weight: 4, arbitrary: fc.constant('subscribe' as const) },
      { weight: 1, arbitrary: fc.constant('reset' as const) },
      { weight: 2, arbitrary: fc.constant('set-model' as const) },
      { weight: 1, arbitrary: fc.constant('meter' as const) },
      { weight: 2, arbitrary: fc.constant('create-account' as const) },
      { weight: 2, arbitrary: fc.constant('ask-link' as const) },
      { weight: 1, arbitrary: fc.constant('link-sign-in' as const) },
      { weight: 1, arbitrary: fc.constant('code-sign-in' as const) },
      { weight: 1, arbitrary: fc.constant('example-id-start' as const) },
      { weight: 1, arbitrary: fc.constant('example-id-callback' as const) },
      { weight: 3, arbitrary: fc.constant('log-in-two-factor' as const) },
      { weight: 4, arbitrary: fc.constant('two-factor' as const) },
      { weight: 1, arbitrary: fc.constant('ask-reset' as const) },
      { weight: 1, arbitrary: fc.constant('ask-unlock' as const) },
      { weight: 1, arbitrary: fc.constant('resend-verification' as const) },
      { weight: 1, arbitrary: fc.constant('set-faults' as const) },
      { weight: 1, arbitrary: fc.constant('sandbox' as const) },
    ),
    sandboxCall: fc.constantFrom(
      { method: 'POST', path: '/api/sandboxes' },
      { method: 'POST', path: '/api/sandboxes/leave' },
      { method: 'GET', path: `/api/sandboxes/${UNKNOWN_SANDBOX}` },
      { method: 'DELETE', path: `/api/sandboxes/${UNKNOWN_SANDBOX}` },
    ),
    // Rules for a path no generated request names (a fault there would fail requests on purpose), or junk.
    faults: fc.oneof(
      fc
        .constantFrom('[]', '[{"path":"/api/never-asked-by-this-suite","status":503,"times":1}]')
        .map((text): BodySpec => ({ kind: 'json', text })),
      bodyArb,
    ),
    base: baseArb,
    cookie: cookieArb,
    otherCookies: otherCookiesArb,
    contentType: fc.oneof({ weight: 9, arbitrary: jsonTypeArb }, anyTypeArb),
    origin: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('none' as const, 'same' as const) }, originArb),
    headers: junkHeadersArb,
    credentials: bodyArb,
    secondStep: fc.oneof({ weight: 6, arbitrary: twoFactorBodyArb }, bodyArb),
    model: fc.oneof(
      { weight: 4, arbitrary: paywallBodyArb },
      bodyArb.map((spec) => (spec.kind === 'credentials' ? NO_BODY : spec)),
    ),
    // A guessed link or code: never one that was sent, so it signs nobody in.
    token: fc.oneof(fc.string({ maxLength: 50 }), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)),
    code: fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^\d{6}$/) }, fc.string({ maxLength: 8 })),
    order: fc.oneof(
      fc.constant(NO_BODY),
      fc
        .constantFrom('{"plan":"monthly"}', '{}', '{"keepSessions":true}', '{"keepSessions":false}')
        .map((text): BodySpec => ({ kind: 'json', text })),
      bodyArb,
    ),
  })
  .map(({ call, credentials, secondStep, model, order, token, code, sandboxCall, faults, ...rest }): RequestSpec => {
    switch (call) {
      case 'read':
        return { ...rest, method: 'GET', path: REST, body: NO_BODY };
      case 'who-am-i':
        return { ...rest, method: 'GET', path: '/api/session', body: NO_BODY };
      case 'session-status':
        return { ...rest, method: 'GET', path: '/api/session/status', body: NO_BODY };
      case 'log-in':
        return { ...rest, method: 'POST', path: '/api/session', body: credentials };
      case 'log-out':
        return { ...rest, method: 'DELETE', path: '/api/session', body: NO_BODY };
      case 'subscribe':
        return { ...rest, method: 'POST', path: '/api/subscription', body: order };
      case 'reset':
        return { ...rest, method: 'POST', path: '/api/test/reset', body: order };
      case 'set-model':
        return { ...rest, method: 'PUT', path: '/api/test/paywall', body: model };
      case 'meter':
        return { ...rest, method: 'GET', path: '/api/meter', body: NO_BODY };
      case 'create-account':
        return { ...rest, method: 'POST', path: '/api/accounts', body: credentials };
      case 'ask-link':
        return { ...rest, method: 'POST', path: '/api/sign-in-links', body: credentials };
      case 'link-sign-in':
        return {
          ...rest,
          method: 'POST',
          path: '/api/session/link',
          body: { kind: 'json', text: JSON.stringify({ token }) },
        };
      case 'code-sign-in': {
        const email = credentials.kind === 'credentials' ? credentials.email : 'reader@example.com';
        return {
          ...rest,
          method: 'POST',
          path: '/api/session/code',
          body: { kind: 'json', text: JSON.stringify({ email, code }) },
        };
      }
      case 'example-id-start':
        return { ...rest, method: 'GET', path: '/api/oauth/example-id/start?next=/articles/x', body: NO_BODY };
      case 'example-id-callback':
        return { ...rest, method: 'GET', path: '/api/oauth/example-id/callback?code=made-up&state=x', body: NO_BODY };
      case 'log-in-two-factor': {
        const password = credentials.kind === 'credentials' ? credentials.password : DEMO_PASSWORD;
        const body: BodySpec = { kind: 'credentials', email: 'mfa@example.com', password, remember: false };
        return { ...rest, method: 'POST', path: '/api/session', body };
      }
      case 'two-factor':
        return { ...rest, method: 'POST', path: '/api/session/two-factor', body: secondStep };
      case 'ask-reset':
        return { ...rest, method: 'POST', path: '/api/password-resets', body: credentials };
      case 'ask-unlock':
        return { ...rest, method: 'POST', path: '/api/unlock-links', body: credentials };
      case 'resend-verification':
        return { ...rest, method: 'POST', path: '/api/account/verification', body: NO_BODY };
      case 'set-faults':
        return { ...rest, method: 'PUT', path: '/api/test/faults', body: faults };
      case 'sandbox':
        return { ...rest, ...sandboxCall, body: NO_BODY };
    }
  });

/** Anything at all: each part drawn on its own. */
const junkArb: fc.Arbitrary<RequestSpec> = fc.record({
  base: baseArb,
  method: methodArb,
  path: pathArb,
  cookie: cookieArb,
  otherCookies: otherCookiesArb,
  contentType: anyTypeArb,
  origin: originArb,
  headers: junkHeadersArb,
  body: bodyArb,
});

const requestArb = fc.oneof({ weight: 3, arbitrary: plausibleArb }, { weight: 2, arbitrary: junkArb });

// ---------------------------------------------------------------------------------------------
// One run's world: the handler, its pre-made sessions, and the model of what is entitled.

interface World {
  api: ApiHandler;
  held: Record<Holder | 'expired-session', string>;
  /** Session ids set by logins during the run, in order. */
  harvested: string[];
  /** Two-factor challenges the password step answered during the run, in order. */
  challenges: string[];
  /** Live session id → whose it is, as far as the answers so far tell. */
  live: Map<string, AccountHolder>;
  subscribed: Set<AccountHolder>;
  /** Addresses POST /api/accounts was answered 202 for (no persona's): accounts that may now exist. */
  created: Set<string>;
  flakyFailureTaken: boolean;
  /** Once the world's clock has moved, sessions the model holds may have ended without a word. */
  clockMoved: boolean;
  /** The world's paywall model, as the last 200 from PUT /api/test/paywall (or a reset) left it. */
  paywall: 'hard' | 'metered' | 'registration' | 'free';
}

function sessionIdFrom(response: Response): string | undefined {
  const match = new RegExp(`^${SESSION_COOKIE}=([A-Za-z0-9_-]+);`).exec(response.headers.get('Set-Cookie') ?? '');
  return match?.[1];
}

async function logInOrThrow(api: ApiHandler, email: string): Promise<string> {
  const response = await api(
    new Request('http://localhost/api/session', {
      method: 'POST',
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      headers: { 'Content-Type': 'application/json' },
    }),
  );
  const id = sessionIdFrom(response);
  if (response.status !== 200 || id === undefined) throw new Error(`setup login for ${email}: ${response.status}`);
  return id;
}

async function createWorld(): Promise<World> {
  const clock = fakeClock(T0 - 31 * MINUTE);
  const api = createApiHandler({ findArticle, testHooks: true, now: clock.now, sleep: () => Promise.resolve() });
  const expiredSession = await logInOrThrow(api, persona('subscriber').reader.email);
  clock.advance(31 * MINUTE);
  const live = new Map<string, AccountHolder>();
  const held: Partial<Record<Holder, string>> = {};
  for (const who of HOLDERS) {
    const id = await logInOrThrow(api, persona(who).reader.email);
    held[who] = id;
    live.set(id, who);
  }
  const { subscriber, slow, reader, expired } = held;
  if (subscriber === undefined || slow === undefined || reader === undefined || expired === undefined) {
    throw new Error('setup: a session is missing');
  }
  return {
    api,
    held: { subscriber, slow, reader, expired, 'expired-session': expiredSession },
    harvested: [],
    challenges: [],
    live,
    subscribed: new Set(),
    created: new Set(),
    flakyFailureTaken: false,
    clockMoved: false,
    paywall: 'hard',
  };
}

/** A persona, or an account created during the run (by its normalised address). */
type AccountHolder = PersonaId | `created ${string}`;

function isEntitled(world: World, who: AccountHolder): boolean {
  if (who.startsWith('created ')) return world.subscribed.has(who);
  return persona(who as PersonaId).reader.subscription.status === 'active' || world.subscribed.has(who);
}

/** The session-cookie values the header will carry (none, one, or several). */
function sessionValues(world: World, cookie: CookieSpec): string[] | 'unknown' {
  switch (cookie.kind) {
    case 'none':
      return [];
    case 'held':
      return [world.held[cookie.who]];
    case 'harvested': {
      const id = world.harvested[cookie.index % Math.max(1, world.harvested.length)];
      return id === undefined ? [] : [id];
    }
    case 'forged':
      return forge(world.held[cookie.who], cookie.how);
    case 'junk-session':
      return [cookie.value];
    case 'raw':
      return 'unknown';
  }
}

function forge(id: string, how: Extract<CookieSpec, { kind: 'forged' }>['how']): string[] {
  switch (how) {
    case 'truncate':
      return [id.slice(0, -1)];
    case 'flip':
      return [`${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`];
    case 'pad':
      return [`${id}A`];
    case 'twice':
      return [id, id];
    case 'with-junk-twin':
      return [id, 'junk'];
  }
}

function cookieHeader(spec: RequestSpec, values: string[] | 'unknown'): string | undefined {
  if (spec.cookie.kind === 'raw') return spec.cookie.header;
  const pairs = [...spec.otherCookies, ...(values === 'unknown' ? [] : values).map((v) => `${SESSION_COOKIE}=${v}`)];
  return pairs.length === 0 ? undefined : pairs.join('; ');
}

function bodyOf(body: BodySpec, world: World): BodyInit | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'credentials':
      return JSON.stringify({ email: body.email, password: body.password, remember: body.remember });
    case 'json':
    case 'text':
      return body.text;
    case 'bytes':
      return body.bytes;
    case 'sized':
      return `"${'a'.repeat(body.bytes - 2)}"`;
    case 'two-factor': {
      const { challenge: which, code, trustDevice } = body;
      const challenge =
        which.kind === 'junk'
          ? which.value
          : (world.challenges[which.index % Math.max(1, world.challenges.length)] ?? '');
      // The world's clock stands at T0 until a test hook moves it.
      const answer =
        code.kind === 'totp'
          ? { code: authenticator.generate({ timestamp: T0 + code.steps * 30_000 }) }
          : code.kind === 'recovery'
            ? { recoveryCode: DEMO_RECOVERY_CODES[code.index] ?? 'not-a-code' }
            : { code: code.value };
      return JSON.stringify({ challenge, ...answer, trustDevice });
    }
  }
}

function toRequest(spec: RequestSpec, values: string[] | 'unknown', world: World): Request {
  const headers = new Headers();
  for (const [name, value] of spec.headers) headers.append(name, value);
  const cookie = cookieHeader(spec, values);
  if (cookie !== undefined) headers.set('Cookie', cookie);
  if (spec.contentType !== undefined) headers.set('Content-Type', spec.contentType);
  if (spec.origin !== 'none') headers.set('Origin', spec.origin === 'same' ? spec.base : spec.origin);
  const method = spec.method;
  const takesNoBody = ['GET', 'HEAD'].includes(method.toUpperCase());
  const body = takesNoBody ? undefined : bodyOf(spec.body, world);
  return new Request(`${spec.base}${spec.path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

// ---------------------------------------------------------------------------------------------

/**
 * Every answer is held to the API reference (GET /api/openapi.json) as it comes: its operation,
 * its status, its body and headers. The document is the one the handler serves.
 */
const contract = createContract(
  createOpenApiDocument(documentedPaths(routeModules({ issueSession: () => Promise.reject(new Error('unused')) }))),
);

const tally = {
  requests: 0,
  entitledReads: 0,
  readsAfterSubscribing: 0,
  refusedReads: 0,
  flaky503: 0,
  modelsSet: 0,
  challenges: 0,
  secondSteps: 0,
  statuses: new Map<number, number>(),
};

/** A meter as the API shows it, with used within the limit (and at least `least`: 1 once a read was paid for). */
function isMeterWithin(meter: unknown, least = 1): boolean {
  if (typeof meter !== 'object' || meter === null) return false;
  const { used, limit, remaining } = meter as Record<string, unknown>;
  return (
    typeof used === 'number' &&
    typeof limit === 'number' &&
    remaining === limit - used &&
    used >= least &&
    used <= limit &&
    limit <= 100
  );
}

async function sendAndCheck(world: World, spec: RequestSpec): Promise<void> {
  const values = sessionValues(world, spec.cookie);
  const request = toRequest(spec, values, world);
  const { pathname } = new URL(request.url);
  const carried = values !== 'unknown' && values.length === 1 && values[0] !== undefined ? values[0] : undefined;
  const carriedWho = carried === undefined ? undefined : world.live.get(carried);
  const entitled = carriedWho !== undefined && isEntitled(world, carriedWho);
  const staleCookie = values !== 'unknown' && values.length > 0 && carriedWho === undefined;

  // /api/sandboxes and the API reference are outside every world: no session is read there, so none is cleared.
  const outsideWorlds =
    pathname === '/api/sandboxes' || pathname.startsWith('/api/sandboxes/') || pathname === '/api/openapi.json';
  // A request for a sandbox (this world has none) is answered 400 or 404, and changes nothing.
  const forSandbox = request.headers.has('Lede-Sandbox') && !outsideWorlds;
  const response = await world.api(request);
  const text = await response.text();
  tally.requests += 1;
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  const where = `${request.method} ${pathname.slice(0, 120)} → ${response.status} ${text.slice(0, 200)}`;

  // Always JSON, never cached; Example ID's routes may also redirect, or answer a page or its stylesheet.
  check(response.headers.get('Cache-Control') === 'no-store', 'not Cache-Control: no-store', where);
  const contentType = response.headers.get('Content-Type') ?? '';
  const exampleId = EXAMPLE_ID_ROUTES.includes(pathname);
  let json: unknown;
  if (exampleId && response.status === 302) {
    check(
      new URL(response.headers.get('Location') ?? '').origin === new URL(request.url).origin,
      'a redirect to another origin',
      where,
    );
  } else if (exampleId && /^text\/(html|css); charset=utf-8$/.test(contentType)) {
    check(!/<script/i.test(text), 'a page with a script', where);
  } else {
    check(/^application\/json/.test(contentType), 'not JSON', where);
    try {
      json = JSON.parse(text);
    } catch {
      check(false, 'a body that is not JSON', where);
    }
  }
  if (response.status === 405)
    check(/^[A-Z, ]+$/.test(response.headers.get('Allow') ?? ''), 'a 405 without Allow', where);
  const broken = contract.check({ method: request.method, pathname, response, text, json });
  if (broken !== undefined) check(false, 'an answer the API reference does not describe', broken);

  // Never a 5xx, except the flaky persona's one deliberate 503 on its first login attempt.
  const flakyLogin =
    request.method === 'POST' &&
    pathname === '/api/session' &&
    spec.body.kind === 'credentials' &&
    personaIdByEmail(spec.body.email) === 'flaky';
  if (response.status === 503 && flakyLogin && !world.flakyFailureTaken) {
    check(text === JSON.stringify({ error: SERVICE_UNAVAILABLE }), 'a 503 that is not the flaky one', where);
    world.flakyFailureTaken = true;
    tally.flaky503 += 1;
  } else {
    check(response.status < 500, 'a 5xx', where);
  }

  // Gated text only for an entitled session, or for anyone under the free model, or paid for by
  // a meter the answer shows with room (the real seed is a subscriber article); and an entitled
  // session asking for it gets it.
  const paidByMeter =
    world.paywall === 'metered' &&
    typeof json === 'object' &&
    json !== null &&
    'meter' in json &&
    isMeterWithin(json.meter);
  if (!entitled && world.paywall !== 'free' && !paidByMeter) {
    check(!GATED_MARKS.some((mark) => text.includes(mark)), 'gated text for a visitor who is not entitled', where);
  }
  const readsTheRest = request.method === 'GET' && pathname === REST;
  if (outsideWorlds) return;
  if (forSandbox) {
    check(response.status === 400 || response.status === 404, 'a request for an unknown sandbox served', where);
    return;
  }
  if (readsTheRest && entitled && !world.clockMoved) {
    check(response.status === 200 && text.startsWith(GATED_JSON), 'an entitled reader refused the rest', where);
    tally.entitledReads += 1;
    if (world.subscribed.has(carriedWho)) tally.readsAfterSubscribing += 1;
  } else if (readsTheRest) {
    tally.refusedReads += 1;
  }

  // A session cookie that names no live session is cleared, unless a login replaces it; a live
  // one is cleared only by logging out.
  const clears = response.headers.getSetCookie().some((cookie) => CLEARS_SESSION.test(cookie));
  if (staleCookie && sessionIdFrom(response) === undefined) check(clears, 'a stale session cookie not cleared', where);
  const logsOut = request.method === 'DELETE' && pathname === '/api/session';
  if (carriedWho !== undefined && !logsOut && !world.clockMoved) {
    check(!clears, 'a live session cookie cleared', where);
  }

  // A two-factor account's password never signs in alone: it answers a challenge, and no session.
  const logsIn = request.method === 'POST' && (pathname === '/api/session' || pathname === TWO_FACTOR);
  const loginReason = typeof json === 'object' && json !== null && 'reason' in json ? json.reason : undefined;
  if (request.method === 'POST' && pathname === '/api/session') {
    const address = spec.body.kind === 'credentials' ? spec.body.email : '';
    const twoFactor = personaIdByEmail(address) === 'mfa';
    check(!(twoFactor && response.status === 200), 'a two-factor account signed in by its password alone', where);
    if (loginReason === 'two-factor-required') {
      check(response.status === 401 && sessionIdFrom(response) === undefined, 'a session before the code', where);
      const challenge = (json as { challenge?: unknown }).challenge;
      if (typeof challenge === 'string') world.challenges.push(challenge);
      tally.challenges += 1;
    }
  }
  if (response.status === 200 && pathname === TWO_FACTOR) tally.secondSteps += 1;

  // Follow the state that decides entitlement, from the answers.
  const answeredOk = response.status === 200;
  if (answeredOk && logsIn) {
    if (carried !== undefined) world.live.delete(carried);
    const id = sessionIdFrom(response);
    const email = typeof json === 'object' && json !== null && 'reader' in json ? json.reader : undefined;
    const address =
      typeof email === 'object' && email !== null && 'email' in email && typeof email.email === 'string'
        ? email.email
        : undefined;
    const who: AccountHolder | undefined =
      address === undefined
        ? undefined
        : (personaIdByEmail(address) ??
          (world.created.has(normaliseEmail(address)) ? `created ${normaliseEmail(address)}` : undefined));
    check(address === undefined || who !== undefined, 'a login to an account nobody made', where);
    if (id !== undefined && who !== undefined) {
      world.live.set(id, who);
      world.harvested.push(id);
      // The devices persona keeps its newest sessions; the oldest beyond its limit end.
      const found: Persona | undefined = who.startsWith('created ') ? undefined : persona(who as PersonaId);
      const limit = found?.deviceLimit;
      if (limit !== undefined) {
        const own = [...world.live].filter(([, holder]) => holder === who).map(([session]) => session);
        for (const old of own.slice(0, Math.max(0, own.length - limit))) world.live.delete(old);
      }
    }
  }
  if (answeredOk && request.method === 'DELETE' && pathname === '/api/session' && carried !== undefined) {
    world.live.delete(carried);
  }
  if (answeredOk && request.method === 'DELETE' && pathname === '/api/sessions/others' && carriedWho !== undefined) {
    for (const [session, holder] of world.live)
      if (holder === carriedWho && session !== carried) world.live.delete(session);
  }
  if (answeredOk && request.method === 'POST' && pathname === '/api/subscription' && carriedWho !== undefined) {
    world.subscribed.add(carriedWho);
  }
  if (answeredOk && request.method === 'POST' && pathname === '/api/test/clock') world.clockMoved = true;
  if (answeredOk && request.method === 'PUT' && pathname === '/api/test/paywall') {
    const model = typeof json === 'object' && json !== null && 'model' in json ? json.model : undefined;
    check(
      model === 'hard' || model === 'metered' || model === 'registration' || model === 'free',
      'a model stored that is none',
      where,
    );
    world.paywall = model as World['paywall'];
    tally.modelsSet += 1;
  }
  if (answeredOk && request.method === 'GET' && pathname === '/api/meter') {
    const meter = typeof json === 'object' && json !== null && 'meter' in json ? json.meter : undefined;
    check(
      world.paywall === 'metered' ? meter === null || isMeterWithin(meter, 0) : meter === null,
      'a meter out of place',
      where,
    );
  }
  if (answeredOk && request.method === 'GET' && pathname === '/api/paywall') {
    const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    check(body.model === world.paywall, 'a model other than the one set', where);
    check(
      world.paywall === 'metered' ? body.meter === null || isMeterWithin(body.meter, 0) : body.meter === null,
      'a meter out of place',
      where,
    );
  }
  if (response.status === 202 && request.method === 'POST' && pathname === '/api/accounts') {
    check(spec.body.kind === 'credentials', 'an account made from a body without credentials', where);
    if (spec.body.kind === 'credentials' && personaIdByEmail(spec.body.email) === undefined) {
      world.created.add(normaliseEmail(spec.body.email));
    }
  }
  if (answeredOk && request.method === 'POST' && pathname === '/api/test/reset') {
    world.paywall = 'hard';
    world.subscribed.clear();
    world.created.clear();
    world.flakyFailureTaken = false;
    if (text.includes('"sessions"')) world.live.clear();
  }
}

describe('the API under generated requests', () => {
  test(`${RUNS} runs of ${REQUESTS_PER_RUN.minLength}–${REQUESTS_PER_RUN.maxLength} requests: JSON, no-store, no 5xx, no gated text unless entitled`, async () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, REQUESTS_PER_RUN), async (specs) => {
        const world = await createWorld();
        for (const spec of specs) await sendAndCheck(world, spec);
      }),
      { numRuns: RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    // Not vacuous: enough requests, and both sides of the paywall were reached.
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS * REQUESTS_PER_RUN.minLength);
    expect(tally.entitledReads).toBeGreaterThan(0);
    expect(tally.readsAfterSubscribing).toBeGreaterThan(0);
    expect(tally.refusedReads).toBeGreaterThan(0);
    expect(tally.flaky503).toBeGreaterThan(0);
    expect(tally.modelsSet).toBeGreaterThan(0);
    expect(tally.challenges).toBeGreaterThan(0);
    expect(tally.secondSteps).toBeGreaterThan(0);
    for (const status of [200, 400, 401, 403, 404, 405, 413, 415])
      expect(tally.statuses.get(status)).toBeGreaterThan(0);
    // The contract held for every answer, and every operation was met often enough to mean it.
    const validated = contract.operations.map((operation) => [operation, contract.counts.get(operation) ?? 0] as const);
    const rare = validated.filter(([, count]) => count < MIN_PER_OPERATION);
    expect(rare, `operations met fewer than ${MIN_PER_OPERATION} times`).toEqual([]);
    console.info(
      `API reference: ${validated.reduce((sum, [, count]) => sum + count, 0)} answers validated by operation, ${contract.counts.get('unlisted') ?? 0} to unlisted methods or paths; ` +
        validated.map(([operation, count]) => `${operation} ${count}`).join(', '),
    );
    console.info(
      `${tally.requests} generated requests in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU); statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}; ` +
        `${tally.entitledReads} entitled reads (${tally.readsAfterSubscribing} after subscribing), ${tally.refusedReads} refused, ${tally.flaky503} flaky 503s, ` +
        `${tally.challenges} two-factor challenges, ${tally.secondSteps} second steps signed in`,
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Paywall models under generated sequences: placeholder articles at every access level, models
// set and changed mid-run, browsers that keep (or drop) their visitor cookie, logged-in readers,
// and the world's clock moved across windows. A model of the rules, written apart from the
// server's, says what each read must get — status, reason, meter — and gated text goes only
// where it says.

const PLACEHOLDER_LEVELS = ['free', 'registered', 'metered', 'metered', 'subscriber', 'subscriber'] as const;
type Level = (typeof PLACEHOLDER_LEVELS)[number];
const PLACEHOLDER_TEXT = 'Placeholder paragraph.';
const placeholders = PLACEHOLDER_LEVELS.map((access, index) => ({
  ...article,
  file: `seeds/placeholder-${index + 1}.txt`,
  slug: `placeholder-article-${index + 1}`,
  headline: `Placeholder article ${index + 1}`,
  dateline: 'PLACEHOLDER',
  figure: { caption: 'Placeholder caption.', credit: '(Placeholder)' },
  lead: 'Placeholder lead.',
  body: ['Placeholder free paragraph.', PLACEHOLDER_TEXT, PLACEHOLDER_TEXT],
  meta: { freeParagraphs: 1, access },
}));

type ModelName = 'hard' | 'metered' | 'registration' | 'free';
interface Meter {
  limit: number;
  window: 'rolling-30-days' | 'calendar-month';
  counts: 'articles' | 'views';
}
type Who = 'browser-0' | 'browser-1' | 'browser-2' | 'no-cookies' | 'reader' | 'expired' | 'subscriber';
type Op =
  | { kind: 'set-model'; model: ModelName; meter: Partial<Meter> | undefined }
  | { kind: 'read'; who: Who; article: number }
  | { kind: 'meter'; who: Who }
  | { kind: 'advance'; ms: number }
  | { kind: 'reset' };

const whoArb = fc.constantFrom<Who>(
  'browser-0',
  'browser-1',
  'browser-2',
  'no-cookies',
  'reader',
  'expired',
  'subscriber',
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set-model' as const),
      model: fc.constantFrom<ModelName>('hard', 'metered', 'metered', 'metered', 'registration', 'free'),
      meter: fc.option(
        fc.record(
          {
            limit: fc.integer({ min: 1, max: 3 }),
            window: fc.constantFrom('rolling-30-days' as const, 'calendar-month' as const),
            counts: fc.constantFrom('articles' as const, 'views' as const),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      who: whoArb,
      article: fc.nat(PLACEHOLDER_LEVELS.length - 1),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('meter' as const), who: whoArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(
        MINUTE,
        6 * 24 * 60 * MINUTE,
        29 * 24 * 60 * MINUTE,
        30 * 24 * 60 * MINUTE,
        31 * 24 * 60 * MINUTE,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

interface PaywallRun {
  api: ApiHandler;
  sessions: Record<'reader' | 'expired' | 'subscriber', string>;
  /** Each browser's visitor id, once the server gave it one. */
  visitors: Partial<Record<Who, string>>;
  now: number;
  model: ModelName;
  meter: Meter;
  /** Counted reads by meter key (`visitor:<id>` or `account:<email>`), oldest first. */
  reads: Map<string, { at: number; slug: string }[]>;
}

const paywallTally = { reads: 0, byMeter: 0, usedUp: 0, requests: 0 };

/** The reads that count, by the rules as the docs state them, computed apart from src/paywall/meter.ts. */
function counted(run: PaywallRun, key: string): { at: number; slug: string }[] {
  const month = new Date(run.now).toISOString().slice(0, 7);
  const inWindow = (run.reads.get(key) ?? []).filter(({ at }) =>
    run.meter.window === 'calendar-month'
      ? new Date(at).toISOString().slice(0, 7) === month
      : at > run.now - 30 * 24 * 60 * MINUTE,
  );
  const firsts =
    run.meter.counts === 'views'
      ? inWindow
      : inWindow.filter((read, i) => inWindow.findIndex((r) => r.slug === read.slug) === i);
  return firsts.slice(0, run.meter.limit);
}

function request(path: string, run: PaywallRun, who: Who, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  const cookies: string[] = [];
  if (who === 'reader' || who === 'expired' || who === 'subscriber')
    cookies.push(`${SESSION_COOKIE}=${run.sessions[who]}`);
  const visitor = run.visitors[who];
  if (visitor !== undefined) cookies.push(`lede_visitor=${visitor}`);
  if (cookies.length > 0) headers.set('Cookie', cookies.join('; '));
  return new Request(`http://localhost${path}`, { ...init, headers });
}

function subscriptionOf(who: Who): 'active' | 'none' | 'expired' | undefined {
  if (who === 'subscriber') return 'active';
  if (who === 'reader') return 'none';
  if (who === 'expired') return 'expired';
  return undefined;
}

/** What a read must get: 200 (and whether the meter pays), or the reason. */
function expectedRead(
  run: PaywallRun,
  who: Who,
  level: Level,
  key: string,
  slug: string,
): { status: number; reason?: string; meter?: 'reads' | 'counted' | 'used-up' } {
  const subscription = subscriptionOf(who);
  const bySubscription = (): { status: number; reason?: string } => {
    if (subscription === undefined) return { status: 401, reason: 'sign-in' };
    if (subscription === 'active') return { status: 200 };
    return { status: 403, reason: subscription === 'none' ? 'subscribe' : 'renew' };
  };
  if (run.model === 'free' || level === 'free') return { status: 200 };
  switch (run.model) {
    case 'hard':
      if (level === 'registered')
        return subscription === undefined ? { status: 401, reason: 'sign-in' } : { status: 200 };
      return bySubscription();
    case 'registration':
      if (level === 'subscriber') return bySubscription();
      return subscription === undefined ? { status: 401, reason: 'register' } : { status: 200 };
    case 'metered': {
      if (level === 'registered')
        return subscription === undefined ? { status: 401, reason: 'register' } : { status: 200 };
      if (subscription === 'active') return { status: 200 };
      const reads = counted(run, key);
      if (run.meter.counts === 'articles' && reads.some((read) => read.slug === slug))
        return { status: 200, meter: 'counted' };
      if (reads.length < run.meter.limit) return { status: 200, meter: 'reads' };
      return { status: 403, reason: 'meter-used-up', meter: 'used-up' };
    }
  }
}

function meterKey(run: PaywallRun, who: Who): string | undefined {
  if (who === 'reader' || who === 'expired' || who === 'subscriber') return `account:${persona(who).reader.email}`;
  const visitor = run.visitors[who];
  return visitor === undefined ? undefined : `visitor:${visitor}`;
}

async function step(run: PaywallRun, op: Op): Promise<void> {
  paywallTally.requests += 1;
  switch (op.kind) {
    case 'set-model': {
      const sent =
        op.model === 'metered' && op.meter !== undefined ? { model: op.model, meter: op.meter } : { model: op.model };
      const response = await run.api(
        new Request('http://localhost/api/test/paywall', {
          method: 'PUT',
          body: JSON.stringify(sent),
          headers: { 'Content-Type': 'application/json' },
        }),
      );
      check(response.status === 200, 'a valid model refused', JSON.stringify(sent));
      run.model = op.model;
      if (op.model === 'metered') run.meter = { limit: 3, window: 'calendar-month', counts: 'articles', ...op.meter };
      return;
    }
    case 'advance': {
      const response = await run.api(
        new Request('http://localhost/api/test/clock', {
          method: 'POST',
          body: JSON.stringify({ advanceBy: op.ms }),
          headers: { 'Content-Type': 'application/json' },
        }),
      );
      check(response.status === 200, 'the clock did not move', String(op.ms));
      run.now += op.ms;
      // A session lives 30 minutes unused: the readers log in again, to the same accounts.
      for (const who of ['reader', 'expired', 'subscriber'] as const) {
        run.sessions[who] = await logInOrThrow(run.api, persona(who).reader.email);
      }
      return;
    }
    case 'reset': {
      const response = await run.api(
        new Request('http://localhost/api/test/reset', {
          method: 'POST',
          body: '{"keepSessions":true}',
          headers: { 'Content-Type': 'application/json' },
        }),
      );
      check(response.status === 200, 'reset failed', '');
      run.model = 'hard';
      run.reads.clear();
      return;
    }
    case 'meter': {
      const response = await run.api(request('/api/meter', run, op.who));
      const text = await response.text();
      const where = `GET /api/meter as ${op.who} → ${response.status} ${text}`;
      check(response.status === 200, 'meter not 200', where);
      const { meter } = JSON.parse(text) as { meter: { used: number; limit: number } | null };
      if (run.model !== 'metered' || op.who === 'subscriber') {
        check(meter === null, 'a meter where none applies', where);
        return;
      }
      const key = meterKey(run, op.who);
      const used = key === undefined ? 0 : counted(run, key).length;
      check(meter?.used === used && meter.limit === run.meter.limit, `a meter other than used ${used}`, where);
      check(response.headers.getSetCookie().length === 0, 'the meter set a cookie', where);
      return;
    }
    case 'read': {
      const target = placeholders[op.article];
      const level = PLACEHOLDER_LEVELS[op.article];
      if (target === undefined || level === undefined) throw new Error('no such placeholder');
      const key = meterKey(run, op.who);
      const expected = expectedRead(run, op.who, level, key ?? 'visitor:new', target.slug);
      const response = await run.api(request(`/api/articles/${target.slug}/rest`, run, op.who));
      const text = await response.text();
      const where = `read ${target.slug} (${level}) as ${op.who} under ${run.model} ${JSON.stringify(run.meter)} → ${response.status} ${text.slice(0, 300)}`;
      check(response.status < 500, 'a 5xx', where);
      check(
        response.status === expected.status,
        `not ${expected.status}${expected.reason === undefined ? '' : ` ${expected.reason}`}`,
        where,
      );
      const json = JSON.parse(text) as { reason?: string; meter?: { used: number; remaining: number; limit: number } };
      check(json.reason === expected.reason, `reason not ${String(expected.reason)}`, where);
      check(
        text.includes(PLACEHOLDER_TEXT) === (expected.status === 200),
        'gated text where the rules give none, or none where they give it',
        where,
      );
      const setVisitor = response.headers
        .getSetCookie()
        .find((cookie) => cookie.startsWith('lede_visitor='))
        ?.split(';')[0]
        ?.slice('lede_visitor='.length);
      paywallTally.reads += 1;
      if (expected.meter === undefined) {
        check(json.meter === undefined && setVisitor === undefined, 'a meter or cookie with nothing metered', where);
        return;
      }
      if (expected.meter === 'used-up') paywallTally.usedUp += 1;
      const anonymousWithoutCookie = key === undefined;
      check((setVisitor !== undefined) === anonymousWithoutCookie, 'the visitor cookie set other than once', where);
      const readKey = key ?? `visitor:${setVisitor ?? ''}`;
      if (op.who !== 'no-cookies' && setVisitor !== undefined) run.visitors[op.who] = setVisitor;
      if (expected.meter === 'reads') {
        run.reads.set(readKey, [...(run.reads.get(readKey) ?? []), { at: run.now, slug: target.slug }]);
        paywallTally.byMeter += 1;
      }
      const used = counted(run, readKey).length;
      check(
        json.meter?.used === used &&
          json.meter.remaining === run.meter.limit - used &&
          json.meter.limit === run.meter.limit,
        `meter not used ${used}`,
        where,
      );
      return;
    }
  }
}

describe('paywall models under generated sequences', () => {
  const PAYWALL_RUNS = 150;

  test(`${PAYWALL_RUNS} runs: every read gets what the rules give, gated text only then, the meter counted exactly`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 15, maxLength: 40 }), async (generated) => {
        // Most runs start metered, with a small allowance, so the meter is used up often.
        const ops: Op[] = [{ kind: 'set-model', model: 'metered', meter: { limit: 2 } }, ...generated];
        const clock = fakeClock(T0);
        const api = createApiHandler({
          findArticle: (slug) => placeholders.find((each) => each.slug === slug),
          testHooks: true,
          now: clock.now,
          sleep: () => Promise.resolve(),
        });
        const run: PaywallRun = {
          api,
          sessions: {
            reader: await logInOrThrow(api, 'reader@example.com'),
            expired: await logInOrThrow(api, 'expired@example.com'),
            subscriber: await logInOrThrow(api, 'subscriber@example.com'),
          },
          visitors: {},
          now: T0,
          model: 'hard',
          meter: { limit: 3, window: 'calendar-month', counts: 'articles' },
          reads: new Map(),
        };
        for (const op of ops) await step(run, op);
      }),
      { numRuns: PAYWALL_RUNS },
    );
    expect(paywallTally.byMeter).toBeGreaterThan(0);
    expect(paywallTally.usedUp).toBeGreaterThan(0);
    console.info(
      `${paywallTally.requests} paywall steps: ${paywallTally.reads} reads, ${paywallTally.byMeter} paid by the meter, ${paywallTally.usedUp} refused as used up`,
    );
  }, 60_000);
});
