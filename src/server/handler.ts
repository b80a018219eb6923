// The mock backend's HTTP edge and route table: one web-standard (Request) => Promise<Response>
// for /api/* (and /example-id/*, the mock identity provider's site: example-id.ts), no framework. It runs in Node, mounted by the production server (src/host/) and by
// Vite's dev and preview servers, and is never bundled for the browser. Each request is read once
// here — its world (the default one or a sandbox), its visitor, its body — and the routes get it
// checked. Whatever a client sends, the answer is JSON with Cache-Control: no-store (bar the
// sign-in redirects and Example ID's own pages); a client's mistake is a 4xx, never a 500.
import { OPENAPI_PATH, SANDBOX_API, TESTER_API } from '../config/tester-paths.ts';
import { API_PATHS, articlePath, sandboxPath } from '../config/paths.ts';
import { EXAMPLE_ID_PREFIX } from '../config/account-paths.ts';
import type { Article } from '../content/article.ts';
import { getGatedParagraphs } from '../content/split-article.ts';
import { getAccess, type Access } from '../paywall/access.ts';
import { meterStanding, recordedReadOpens, resetsAt, type MeterRead } from '../paywall/meter.ts';
import type { MeterSettings, PaywallModel } from '../paywall/paywall-model.ts';
import { SLOW_RESPONSE_MS, findPersona, normaliseEmail } from '../paywall/personas.ts';
import type { Reader } from '../paywall/reader.ts';
import type { Account } from './accounts.ts';
import { decideLogin } from './login.ts';
import { discardBody, readRequestBody, type RequestBody } from './request-body.ts';
import { meterArticleKey, type MeterKey } from './meters.ts';
import { GIFT_READS } from './gifts.ts';
import {
  toClockMove,
  toCredentials,
  toGiftRequest,
  toNewAccount,
  toPaywallModel,
  toPlanOrder,
  toResetOptions,
  toSandboxOptions,
} from './request-schemas.ts';
import { expiredSandboxCookie, readJoinRequest, readSandboxChoice, sandboxCookie } from './sandbox-choice.ts';
import { MAX_SANDBOXES, SANDBOX_IDLE_MS, createSandboxRegistry } from './sandboxes.ts';
import { SESSION_COOKIE, expiredSessionCookie, readSessionCookie, sessionCookie } from './session-cookie.ts';
import { PERSISTENT_SESSION, expiresAt, sessionHandle, type Session } from './sessions.ts';
import type { Call, Place, Visitor } from './call.ts';
import { loggedPath } from './request-log.ts';
import { dropConnection } from './dropped-connection.ts';
import {
  FAULT_HEADER,
  FAULT_HEADER_EXPECTED,
  MAX_FAULT_DELAY_MS,
  NEVER_FAULTED_PREFIX,
  parseFaultHeader,
  type Fault,
} from './faults.ts';
import { routeModules } from './route-modules.ts';
import { serveOpenApi } from './openapi-document.ts';
import { readTrustedDeviceCookie } from './trusted-device-cookie.ts';
import { askForSecondFactor } from './two-factor-routes.ts';
import { sendVerification } from './verification-routes.ts';
import type { RouteHandler, RouteTable } from './routes.ts';
import { echo, httpDate, iso, json, methodNotAllowed, notFound } from './http.ts';
import { createMemoryStore } from './store/memory-store.ts';
import { StoreUnavailableError, type Store } from './store/store.ts';
import { DEFAULT_WORLD_LIMITS, SANDBOX_WORLD_LIMITS, openWorld, type World, type WorldLimits } from './world.ts';
import { LATEST_CLOCK_TIME } from './world-clock.ts';
import { newVisitorId, readVisitorCookie, visitorCookie } from './visitor-cookie.ts';

export { SESSION_COOKIE } from './session-cookie.ts';
export { SANDBOX_COOKIE, SANDBOX_HEADER } from './sandbox-choice.ts';
export { VISITOR_COOKIE } from './visitor-cookie.ts';
export { CREDENTIALS_EXPECTED, MAX_PLAN_LENGTH } from './request-schemas.ts';

/** The answer to every well-formed account request, whether the address had an account or not. */
export const ACCOUNT_REQUESTED = 'If this address had no account, it has one now: log in with it and its password.';

/** Deliberately the same for an unknown email and a wrong password: no account enumeration. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';
export const ACCOUNT_LOCKED = 'This account is locked.';
export const SERVICE_UNAVAILABLE = 'The service is unavailable. Try again.';

/** RFC 5321's limit for an address; the throttle keeps one entry per email tried, so it is bounded too. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

export interface ServerLimits {
  /** The most sandboxes alive at once; creating one more is refused with 503. */
  sandboxes: number;
  defaultWorld: WorldLimits;
  sandboxWorld: WorldLimits;
}

export interface ApiOptions {
  findArticle(slug: string): Article | undefined;
  /**
   * Serve the test hooks (`/api/test/reset`, `/api/test/clock`) in the default world. In a
   * sandbox they are always served: a sandbox's reset or clock touches nobody else.
   */
  testHooks?: boolean;
  /**
   * Where sessions, throttles, accounts and sandboxes are kept (store/store.ts); this process's
   * memory unless given. Instances given one shared store (Redis) behave as one server.
   */
  store?: Store;
  /** The real clock; each world's clock runs from it (world-clock.ts). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  limits?: Partial<ServerLimits>;
}

export type ApiHandler = (request: Request) => Promise<Response>;

/** Where a reader stands with the meter, as the API shows it. */
interface MeterView {
  used: number;
  limit: number;
  remaining: number;
  window: MeterSettings['window'];
  counts: MeterSettings['counts'];
  /** calendar-month only: when the allowance starts afresh. */
  resetsAt?: string;
}

const SANDBOX_PATH = /^\/api\/sandboxes\/([^/]+)$/;
const REST_PATH = /^\/api\/articles\/([^/]+)\/rest$/;

/**
 * This process's memory as the API's store. A scope unused for an hour is forgotten, as a sandbox
 * is: room for every live sandbox's world, the default world and the sandbox registry.
 */
export function createProcessStore(now: () => number = Date.now, sandboxCap = MAX_SANDBOXES): Store {
  return createMemoryStore({ now, scopeIdleMs: SANDBOX_IDLE_MS, maxScopes: sandboxCap + 2 });
}

export function createApiHandler({
  findArticle,
  testHooks = false,
  store: given,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  limits = {},
}: ApiOptions): ApiHandler {
  const sandboxCap = limits.sandboxes ?? MAX_SANDBOXES;
  const store = given ?? createProcessStore(now, sandboxCap);
  // Held here for the server's life: the default world is never forgotten for being unused.
  const defaultScope = store.scope('default');
  const defaultLimits = limits.defaultWorld ?? DEFAULT_WORLD_LIMITS;
  const sandboxes = createSandboxRegistry({
    store,
    realNow: now,
    cap: sandboxCap,
    worldLimits: limits.sandboxWorld ?? SANDBOX_WORLD_LIMITS,
  });

  /**
   * Any request carrying a live session counts as activity: it moves the idle timeout on. Except
   * GET /api/session/status, an open page's check for changes, which would otherwise keep a
   * session alive for as long as a tab stays open.
   */
  async function identify({ sessions, accounts }: World, request: Request): Promise<Visitor> {
    const cookie = readSessionCookie(request.headers.get('Cookie'));
    if (cookie.kind === 'none') return { kind: 'anonymous' };
    const activity = new URL(request.url).pathname !== API_PATHS.sessionStatus;
    const id = cookie.kind === 'id' ? cookie.id : undefined;
    const session = activity ? await sessions.touch(id) : await sessions.peek(id);
    const account = session === undefined ? undefined : await accounts.find(session.email);
    if (session !== undefined && account !== undefined) {
      // A password reset ends the sessions the account lists at once; one older than the reset that
      // the list no longer held (past its last LISTED_SESSIONS) ends here, when it is next used.
      if (account.passwordSetAt !== undefined && session.createdAt < account.passwordSetAt) {
        await sessions.end(session.id, 'ended-elsewhere');
        return { kind: 'stale', ended: 'ended-elsewhere' };
      }
      return { kind: 'signed-in', session, account };
    }
    const ended = cookie.kind === 'id' ? await sessions.endedBecause(cookie.id) : undefined;
    return ended === undefined ? { kind: 'stale' } : { kind: 'stale', ended };
  }

  async function sessionBody(
    world: World,
    session: Session,
    account: Account,
  ): Promise<{ reader: Reader; expiresAt: string }> {
    return { reader: await world.accounts.readerOf(account), expiresAt: iso(expiresAt(session)) };
  }

  async function logIn(call: Call): Promise<Response> {
    const {
      place: { world },
      body,
    } = call;
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const credentials = toCredentials(body);
    if (credentials.kind === 'invalid') return json(400, { error: credentials.error });
    const { email, password, remember } = credentials.value;
    // Longer than any account's: it cannot match, and gets the same answer as a wrong guess
    // (no hint about which field), without being kept by the throttle.
    if (email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      return json(401, { error: WRONG_CREDENTIALS });
    }
    const trustedDevice = readTrustedDeviceCookie(call.headers.get('Cookie'));
    const outcome = await decideLogin(world, { email, password, trustedDevice });
    switch (outcome.kind) {
      case 'throttled': {
        const seconds = Math.ceil((outcome.retryAt - world.now) / 1000);
        const minutes = Math.ceil(seconds / 60);
        return json(
          429,
          {
            error: `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
            retryAt: iso(outcome.retryAt),
          },
          { 'Retry-After': String(seconds) },
        );
      }
      case 'unavailable':
        return json(503, { error: SERVICE_UNAVAILABLE });
      case 'wrong-credentials':
        return json(401, { error: WRONG_CREDENTIALS });
      case 'locked':
        return json(403, { error: ACCOUNT_LOCKED, reason: 'locked' });
      case 'second-factor':
        return askForSecondFactor(call, outcome.account, remember);
      case 'signed-in':
        return issueSession(call, outcome.account, remember);
    }
  }

  /** Every way of signing in ends here: see RouteKit.issueSession. */
  async function issueSession({ url, place: { world }, visitor }: Call, account: Account, remember: boolean) {
    if (visitor.kind === 'signed-in') await world.sessions.remove(visitor.session.id);
    const session = await world.sessions.create(account.address, remember);
    await enforceDeviceLimit(world, account);
    const maxAge = session.persistent ? PERSISTENT_SESSION.absoluteMs / 1000 : undefined;
    return json(200, await sessionBody(world, session, account), {
      'Set-Cookie': sessionCookie(url, session.id, maxAge),
    });
  }

  /** The routes that live in modules of their own (route-modules.ts), by path. */
  const modules: RouteTable = routeModules({ issueSession });

  async function logOut({ url, place: { world }, visitor }: Call): Promise<Response> {
    if (visitor.kind === 'signed-in') await world.sessions.remove(visitor.session.id);
    return json(200, { reader: null }, { 'Set-Cookie': expiredSessionCookie(url) });
  }

  async function whoAmI({ place: { world }, visitor }: Call): Promise<Response> {
    if (visitor.kind === 'signed-in') return json(200, await sessionBody(world, visitor.session, visitor.account));
    // A session the server ended says why, once: the answer clears its cookie.
    return json(
      200,
      visitor.kind === 'stale' && visitor.ended !== undefined
        ? { reader: null, ended: visitor.ended }
        : { reader: null },
    );
  }

  /** A persona with a device limit keeps its newest sessions: the oldest beyond it end, and say why. */
  async function enforceDeviceLimit(world: World, account: Account): Promise<void> {
    const limit = account.persona.deviceLimit;
    if (limit === undefined) return;
    const live = await world.sessions.sessionsOf(account.address);
    const oldestFirst = [...live].sort((a, b) => a.createdAt - b.createdAt);
    await Promise.all(
      oldestFirst.slice(0, Math.max(0, live.length - limit)).map((old) => world.sessions.end(old.id, 'device-limit')),
    );
  }

  /** GET /api/sessions: the reader's live sessions, by handle (never their ids), the current one marked. */
  async function listSessions({ place: { world }, visitor }: Call): Promise<Response> {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to see your sessions.' });
    const sessions = await world.sessions.sessionsOf(visitor.account.address);
    return json(200, {
      sessions: sessions.map((session) => ({
        handle: sessionHandle(session),
        current: session.id === visitor.session.id,
        persistent: session.persistent,
        createdAt: iso(session.createdAt),
        lastSeenAt: iso(session.lastSeenAt),
      })),
    });
  }

  /** DELETE /api/sessions/others: ends every other session of the reader; their browsers are told. */
  async function endOtherSessions({ place: { world }, visitor }: Call): Promise<Response> {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to manage your sessions.' });
    const others = (await world.sessions.sessionsOf(visitor.account.address)).filter(
      (session) => session.id !== visitor.session.id,
    );
    await Promise.all(others.map((session) => world.sessions.end(session.id, 'ended-elsewhere')));
    return json(200, { ended: others.length });
  }

  /**
   * The gated text, decided by getAccess with the article's level, the world's paywall model and,
   * under a meter, the reader's standing with it. A read the meter pays for is recorded before the
   * text is sent; gated text never leaves without one of these entitlements.
   */
  async function readRest(call: Call, slug: string): Promise<Response> {
    const answer = await readRestByAccess(call, slug);
    const token = call.url.searchParams.get('gift');
    // A gift link opens the text only for someone who could not read it otherwise: it is not spent then.
    if (token === null || (answer.status !== 401 && answer.status !== 403)) return answer;
    const article = findArticle(slug);
    if (article === undefined) return answer;
    const { world } = call.place;
    const read = await world.gifts.read(token, slug, world.now);
    if (read.kind === 'ok') {
      return json(200, { paragraphs: getGatedParagraphs(article), gift: { readsLeft: read.readsLeft } });
    }
    // The ordinary refusal, with why the link opened nothing.
    const refusal = (await answer.json()) as Record<string, unknown>;
    const headers = new Headers(answer.headers);
    return new Response(JSON.stringify({ ...refusal, gift: read.why }), { status: answer.status, headers });
  }

  /** POST /api/gifts: a subscriber makes a gift link for one article. */
  async function giveArticle({ place: { world }, visitor, body }: Call): Promise<Response> {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to gift an article.' });
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const request = toGiftRequest(body);
    if (request.kind === 'invalid') return json(400, { error: request.error });
    const { slug } = request.value;
    if (findArticle(slug) === undefined) return json(404, { error: `No article "${echo(slug)}".` });
    const reader = await world.accounts.readerOf(visitor.account);
    if (reader.subscription.status !== 'active') {
      return json(403, { error: 'Only subscribers can gift articles.', reason: 'subscribe' });
    }
    const given = await world.gifts.give(visitor.account.address, slug, world.now);
    if (given.kind === 'limit') {
      return json(429, {
        error: 'You have given all your gift articles this month.',
        reason: 'gift-limit',
        giftsLeft: 0,
      });
    }
    return json(201, {
      url: `${articlePath(slug)}?gift=${given.token}`,
      expiresAt: iso(given.gift.expiresAt),
      readsLeft: GIFT_READS,
      giftsLeft: given.giftsLeft,
    });
  }

  /**
   * The gated text by the reader's own access: the article's level, the world's paywall model and,
   * under a meter, the reader's standing with it.
   */
  async function readRestByAccess(call: Call, slug: string): Promise<Response> {
    const {
      place: { world },
      visitor,
    } = call;
    const article = findArticle(slug);
    if (article === undefined) return json(404, { error: `No article "${echo(slug)}".` });
    const gated = getGatedParagraphs(article);
    const reader = visitor.kind === 'signed-in' ? await world.accounts.readerOf(visitor.account) : null;
    const paywall = await world.paywall.get();
    const subject = { gatedCount: gated.length, access: article.meta.access };
    if (paywall.model !== 'metered') return restAnswer(call, gated, getAccess(reader, subject, paywall));
    const settings = paywall.meter;
    // Whether the meter could open it at all (a reader with room left); if not, nothing is counted or read.
    const fresh = getAccess(reader, subject, {
      model: 'metered',
      meter: { used: 0, limit: settings.limit, counted: false },
    });
    if (fresh.kind !== 'full' || fresh.by !== 'meter') return restAnswer(call, gated, fresh);

    const { key, setCookie } = meterKeyOf(call);
    const reads = setCookie === undefined ? await world.meters.reads(key) : [];
    const articleKey = meterArticleKey(slug);
    const standing = meterStanding(reads, settings, world.now, articleKey);
    const access = getAccess(reader, subject, { model: 'metered', meter: standing });
    if (access.kind !== 'full') return restAnswer(call, gated, access, meterView(reads, settings, world.now));
    // Read before in this window (counts=articles): open again, and counted once only.
    if (standing.counted) return restAnswer(call, gated, access, meterView(reads, settings, world.now));
    const after = await world.meters.record(key, { at: world.now, slug: articleKey }, settings.limit);
    const view = meterView(after, settings, world.now);
    // Of two first reads at once with one left, the store's order decides: the later is refused.
    const answer = recordedReadOpens(after, settings, world.now)
      ? restAnswer(call, gated, access, view)
      : restAnswer(call, gated, { kind: 'preview', reason: 'meter-used-up' }, view);
    if (setCookie !== undefined) answer.headers.append('Set-Cookie', setCookie);
    return answer;
  }

  function restAnswer(call: Call, gated: string[], access: Access, meter?: MeterView): Response {
    const { visitor } = call;
    const withMeter = meter === undefined ? {} : { meter };
    if (access.kind === 'full') {
      const expiry = visitor.kind === 'signed-in' ? { expiresAt: iso(expiresAt(visitor.session)) } : {};
      return json(200, { paragraphs: gated, ...expiry, ...withMeter });
    }
    switch (access.reason) {
      case 'sign-in':
        return json(401, { error: 'Log in to read the rest of this article.', reason: access.reason });
      case 'register':
        return json(401, {
          error: 'Create a free account, or log in, to read the rest of this article.',
          reason: access.reason,
        });
      case 'subscribe':
        return json(403, { error: 'This account has no subscription.', reason: access.reason });
      case 'renew':
        return json(403, { error: 'This account’s subscription has ended.', reason: access.reason });
      case 'meter-used-up':
        return json(403, {
          error: meterUsedUp(meter),
          reason: access.reason,
          ...withMeter,
        });
    }
  }

  /**
   * Whose reads the meter counts: a logged-in reader's account, or the visitor the cookie names —
   * a new one, with the cookie to set, when none came.
   */
  function meterKeyOf({ url, visitor, visitorId }: Call): { key: MeterKey; setCookie?: string } {
    if (visitor.kind === 'signed-in') return { key: { kind: 'account', address: visitor.account.address } };
    if (visitorId !== undefined) return { key: { kind: 'visitor', id: visitorId } };
    const id = newVisitorId();
    return { key: { kind: 'visitor', id }, setCookie: visitorCookie(url, id) };
  }

  /** GET /api/meter: where the reader stands, counting nothing; null when no meter applies to them. */
  async function readMeter(call: Call): Promise<Response> {
    const paywall = await call.place.world.paywall.get();
    return json(200, { meter: await meterOf(call, paywall) });
  }

  /** GET /api/paywall: the world's model for the page, and the reader's meter as GET /api/meter gives it. */
  async function readPublicPaywall(call: Call): Promise<Response> {
    const paywall = await call.place.world.paywall.get();
    return json(200, { model: paywall.model, meter: await meterOf(call, paywall) });
  }

  async function meterOf(
    { place: { world }, visitor, visitorId }: Call,
    paywall: PaywallModel,
  ): Promise<MeterView | null> {
    if (paywall.model !== 'metered') return null;
    const reader = visitor.kind === 'signed-in' ? await world.accounts.readerOf(visitor.account) : null;
    if (reader?.subscription.status === 'active') return null;
    const key: MeterKey | undefined =
      visitor.kind === 'signed-in'
        ? { kind: 'account', address: visitor.account.address }
        : visitorId === undefined
          ? undefined
          : { kind: 'visitor', id: visitorId };
    const reads = key === undefined ? [] : await world.meters.reads(key);
    return meterView(reads, paywall.meter, world.now);
  }

  function readPaywall({ place: { world } }: Call): Promise<Response> {
    return world.paywall.get().then((model) => json(200, model));
  }

  async function setPaywall({ place: { world }, body }: Call): Promise<Response> {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const model = toPaywallModel(body);
    if (model.kind === 'invalid') return json(400, { error: model.error });
    await world.paywall.set(model.value);
    return json(200, model.value);
  }

  /** Body optional (the plans page sends `{ "plan": "monthly" }`; the mock takes any plan). */
  async function subscribe({ place: { world }, visitor, body }: Call): Promise<Response> {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to subscribe.' });
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const order = toPlanOrder(body);
    if (order.kind === 'invalid') return json(400, { error: order.error });
    await world.accounts.startSubscription(visitor.account);
    return json(200, await sessionBody(world, visitor.session, visitor.account));
  }

  /** POST /api/subscription/cancel and …/resume: 200 with the reader as it now stands, 409 when there is nothing to change. */
  async function changeSubscription(
    { place: { world }, visitor, body }: Call,
    change: 'cancel' | 'resume',
  ): Promise<Response> {
    if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to manage your subscription.' });
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const reader =
      change === 'cancel'
        ? await world.accounts.cancelSubscription(visitor.account)
        : await world.accounts.resumeSubscription(visitor.account);
    if (reader === undefined) {
      return change === 'cancel'
        ? json(409, { error: 'There is no subscription to cancel.', reason: 'nothing-to-cancel' })
        : json(409, { error: 'There is no cancelled subscription to resume.', reason: 'nothing-to-resume' });
    }
    return json(200, { reader, expiresAt: iso(expiresAt(visitor.session)) });
  }

  /**
   * POST /api/accounts: creates the account unless the address has one — and answers both alike,
   * so nothing tells a caller whether an address is registered. Whoever owns the address logs in
   * with its password; a new account has no subscription.
   */
  async function createAccount(call: Call): Promise<Response> {
    const {
      place: { world },
      body,
    } = call;
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const request = toNewAccount(body);
    if (request.kind === 'invalid') {
      return json(400, { error: request.error, ...(request.fields === undefined ? {} : { fields: request.fields }) });
    }
    const created = await world.accounts.create(request.value.email, request.value.password);
    // A new account is sent a verification link; an address that had one is issued a link it is
    // not sent, so both answers cost the same.
    const address = normaliseEmail(request.value.email);
    const account = await world.accounts.find(address);
    await sendVerification(call, address, created === 'created' ? account : undefined);
    return json(202, { email: request.value.email, message: ACCOUNT_REQUESTED });
  }

  /** Body optional: `{ "keepSessions": true }` keeps logged-in sessions, and the clock they live by. */
  async function reset({ place: { world }, body }: Call): Promise<Response> {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const options = toResetOptions(body);
    if (options.kind === 'invalid') return json(400, { error: options.error });
    const cleared = await world.reset(options.value);
    const at = cleared.includes('clock') ? now() : world.now;
    return json(200, { cleared }, { Date: httpDate(at) });
  }

  function readClock({ place: { world } }: Call): Response {
    return json(200, { now: iso(world.now) });
  }

  async function moveClock({ place: { world }, body }: Call): Promise<Response> {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const move = toClockMove(body);
    if (move.kind === 'invalid') return json(400, { error: move.error });
    const target = 'advanceBy' in move.value ? world.now + move.value.advanceBy : Date.parse(move.value.now);
    const moved = await world.clock.moveTo(target);
    switch (moved.kind) {
      case 'moved':
        return json(200, { now: iso(moved.now) }, { Date: httpDate(moved.now) });
      case 'backwards':
        return json(400, {
          error: `The server clock only moves forward; it is ${iso(moved.now)}.`,
          now: iso(moved.now),
        });
      case 'too-far':
        return json(400, {
          error: `The server clock cannot go past ${iso(LATEST_CLOCK_TIME)}.`,
          now: iso(moved.now),
        });
    }
  }

  /** The world's routes; each path's entry in the API reference is in handler-docs.ts (HANDLER_PATHS). */
  function route(call: Call): Response | Promise<Response> {
    const { method, url, origin, place } = call;
    const { pathname } = url;
    if (isCrossOrigin(method, origin, url)) return crossOriginRefused();
    if (pathname === API_PATHS.session) {
      if (method === 'GET') return whoAmI(call);
      if (method === 'POST') return logIn(call);
      if (method === 'DELETE') return logOut(call);
      return methodNotAllowed('GET, POST, DELETE');
    }
    if (pathname === API_PATHS.sessionStatus) {
      return method === 'GET' ? whoAmI(call) : methodNotAllowed('GET');
    }
    if (pathname === API_PATHS.subscription) {
      return method === 'POST' ? subscribe(call) : methodNotAllowed('POST');
    }
    if (pathname === API_PATHS.cancelSubscription) {
      return method === 'POST' ? changeSubscription(call, 'cancel') : methodNotAllowed('POST');
    }
    if (pathname === API_PATHS.resumeSubscription) {
      return method === 'POST' ? changeSubscription(call, 'resume') : methodNotAllowed('POST');
    }
    if (pathname === API_PATHS.gifts) {
      return method === 'POST' ? giveArticle(call) : methodNotAllowed('POST');
    }
    if (pathname === API_PATHS.sessions) {
      return method === 'GET' ? listSessions(call) : methodNotAllowed('GET');
    }
    if (pathname === API_PATHS.otherSessions) {
      return method === 'DELETE' ? endOtherSessions(call) : methodNotAllowed('DELETE');
    }
    if (pathname === API_PATHS.accounts) {
      return method === 'POST' ? createAccount(call) : methodNotAllowed('POST');
    }
    if (place.hooks && pathname === API_PATHS.testReset) {
      return method === 'POST' ? reset(call) : methodNotAllowed('POST');
    }
    if (place.hooks && pathname === API_PATHS.testPaywall) {
      if (method === 'GET') return readPaywall(call);
      if (method === 'PUT') return setPaywall(call);
      return methodNotAllowed('GET, PUT');
    }
    if (pathname === API_PATHS.meter) {
      return method === 'GET' ? readMeter(call) : methodNotAllowed('GET');
    }
    if (pathname === API_PATHS.paywall) {
      return method === 'GET' ? readPublicPaywall(call) : methodNotAllowed('GET');
    }
    if (place.hooks && pathname === API_PATHS.testClock) {
      if (method === 'GET') return readClock(call);
      if (method === 'POST') return moveClock(call);
      return methodNotAllowed('GET, POST');
    }
    // Slugs are ASCII letters, digits and '-', so the path needs no decoding: an encoded slug names no article.
    const rest = REST_PATH.exec(pathname);
    if (rest?.[1] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      return readRest(call, rest[1]);
    }
    const module = modules[pathname];
    if (module !== undefined && (place.hooks || module.hook !== true)) {
      const handle = (module.methods as Partial<Record<string, RouteHandler>>)[method];
      return handle !== undefined ? handle(call) : methodNotAllowed(Object.keys(module.methods).join(', '));
    }
    return notFound(method, pathname);
  }

  /**
   * `/api/sandboxes` and `/api/sandboxes/<id>`: outside every world, on the real clock. Each path's
   * entry in the API reference is in handler-docs.ts (SANDBOX_PATHS).
   */
  async function routeSandboxes(method: string, url: URL, headers: Headers, body: RequestBody): Promise<Response> {
    const { pathname } = url;
    // A browser leaving its sandbox (the page offers it when its sandbox has ended): the cookie goes.
    if (pathname === API_PATHS.leaveSandbox) {
      if (method !== 'POST') return methodNotAllowed('POST');
      return json(200, { left: true }, { 'Set-Cookie': expiredSandboxCookie(url) });
    }
    if (pathname === SANDBOX_API.join) {
      return method === 'POST' ? joinSandbox(url, body) : methodNotAllowed('POST');
    }
    if (pathname === SANDBOX_API.current) {
      return method === 'GET' ? currentSandbox(headers) : methodNotAllowed('GET');
    }
    if (pathname === API_PATHS.sandboxes) {
      if (method !== 'POST') return methodNotAllowed('POST');
      if (body.kind === 'refused') return json(body.status, { error: body.error });
      const options = toSandboxOptions(body);
      if (options.kind === 'invalid') return json(400, { error: options.error });
      const creation = await sandboxes.create();
      if (creation.kind === 'full') {
        const seconds = Math.max(1, Math.ceil((creation.retryAt - now()) / 1000));
        return json(
          503,
          { error: 'Every sandbox is in use. Try again later, or end one with DELETE /api/sandboxes/<id>.' },
          { 'Retry-After': String(seconds) },
        );
      }
      return json(201, { id: creation.id, expiresAt: iso(creation.expiresAt) }, { Location: sandboxPath(creation.id) });
    }
    const id = (SANDBOX_PATH.exec(pathname)?.[1] ?? '').toLowerCase();
    if (method !== 'GET' && method !== 'DELETE') return methodNotAllowed('GET, DELETE');
    if (method === 'DELETE') {
      return (await sandboxes.end(id)) ? json(200, { deleted: id }) : unknownSandbox(id);
    }
    const sandbox = await sandboxes.use(id);
    return sandbox === undefined ? unknownSandbox(id) : json(200, { id, expiresAt: iso(sandbox.expiresAt) });
  }

  /**
   * POST /api/sandboxes/join: a browser enters a live sandbox by its id (the test lab offers it), and
   * the server sets the cookie, so the cookie only ever names a sandbox that was live when set.
   */
  async function joinSandbox(url: URL, body: RequestBody): Promise<Response> {
    if (body.kind === 'refused') return json(body.status, { error: body.error });
    const join = readJoinRequest(body);
    if (join.kind === 'invalid') {
      return json(400, { error: join.error, ...(join.reason === undefined ? {} : { reason: join.reason }) });
    }
    const sandbox = await sandboxes.use(join.id);
    if (sandbox === undefined) return unknownSandbox(join.id);
    return json(
      200,
      { id: sandbox.id, expiresAt: iso(sandbox.expiresAt) },
      { 'Set-Cookie': sandboxCookie(url, sandbox.id) },
    );
  }

  /**
   * GET /api/sandboxes/current: the sandbox this request names (its header, else its cookie) and
   * when it ends — renewed, as any use renews it — or none, with whether the default world serves
   * the test hooks. A sandbox that has ended, or a malformed choice, is answered as every route does.
   */
  async function currentSandbox(headers: Headers): Promise<Response> {
    const choice = readSandboxChoice(headers);
    switch (choice.kind) {
      case 'default':
        return json(200, { sandbox: null, testHooks });
      case 'malformed':
        return json(400, { error: choice.error, reason: 'bad-sandbox' });
      case 'sandbox': {
        const sandbox = await sandboxes.use(choice.id);
        if (sandbox === undefined) return unknownSandbox(choice.id);
        return json(200, { sandbox: { id: sandbox.id, expiresAt: iso(sandbox.expiresAt) }, testHooks: true });
      }
    }
  }

  /** The request's world, or the answer that it names none: never the default world instead. */
  async function placeOf(request: Request): Promise<Place | Response> {
    const choice = readSandboxChoice(request.headers);
    switch (choice.kind) {
      case 'default':
        return { world: await openWorld(defaultScope, now, defaultLimits), hooks: testHooks };
      case 'malformed':
        return json(400, { error: choice.error, reason: 'bad-sandbox' });
      case 'sandbox': {
        const sandbox = await sandboxes.use(choice.id);
        return sandbox === undefined ? unknownSandbox(choice.id) : { world: sandbox.world, hooks: true };
      }
    }
  }

  return async function handleApi(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const { method } = request;
    // Read every POST body, even one the route will refuse, so a 413 is decided at the edge, and a
    // PUT's where one is taken. Any other method takes no body: whatever was sent is discarded unread.
    const takesPut = url.pathname === API_PATHS.testPaywall || modules[url.pathname]?.methods.PUT !== undefined;
    const takesBody = method === 'POST' || (method === 'PUT' && takesPut);
    // Example ID speaks OAuth 2.0, whose clients post forms; the rest of the API takes JSON only.
    const bodyType = url.pathname.startsWith(EXAMPLE_ID_PREFIX) ? 'form' : 'json';
    const body: RequestBody = takesBody ? await readRequestBody(request, bodyType) : await ignoreBody(request);
    try {
      return await answer(request, url, body);
    } catch (error) {
      // The store did not answer: nothing could be checked, so nothing is served (fail closed).
      if (error instanceof StoreUnavailableError) return storeUnavailable();
      throw error;
    }
  };

  async function answer(request: Request, url: URL, body: RequestBody): Promise<Response> {
    const startedAt = performance.now();
    const { method } = request;
    const origin = request.headers.get('Origin');
    if (isSandboxesPath(url.pathname)) {
      return isCrossOrigin(method, origin, url)
        ? crossOriginRefused()
        : await routeSandboxes(method, url, request.headers, body);
    }
    // The API reference: the same in every world, so read before any is chosen (and never faulted).
    if (url.pathname === OPENAPI_PATH) {
      if (isCrossOrigin(method, origin, url)) return crossOriginRefused();
      return method === 'GET' ? serveOpenApi(modules) : methodNotAllowed('GET');
    }
    let place = await placeOf(request);
    if (place instanceof Response) return place;
    // A fault a tester asked for comes first, before any route: it can only fail or hold a request.
    const fault = url.pathname.startsWith(NEVER_FAULTED_PREFIX)
      ? undefined
      : (parseFaultHeader(request.headers.get(FAULT_HEADER)) ?? (await place.world.faults.take(method, url.pathname)));
    if (fault === 'malformed') return json(400, { error: FAULT_HEADER_EXPECTED });
    const faulted = fault === undefined ? undefined : await meetFault(fault, request.signal);
    if (faulted !== undefined) {
      await logRequest(place, request, url, faulted.status, startedAt, undefined, fault?.source);
      return faulted;
    }
    // The slow persona's delay comes first and the request is decided after it, so a session
    // ended meanwhile (logged out, reset, expired, its sandbox deleted) is not served 3 s later
    // as if still live.
    let visitor = await identify(place.world, request);
    if (involvesSlowPersona(visitor, request, body)) {
      await sleep(SLOW_RESPONSE_MS);
      place = await placeOf(request);
      if (place instanceof Response) return place;
      visitor = await identify(place.world, request);
    }
    const visitorId = readVisitorCookie(request.headers.get('Cookie'));
    const response = await route({ method, url, origin, headers: request.headers, place, visitor, visitorId, body });
    await logRequest(place, request, url, response.status, startedAt, visitor, fault?.source);
    const setsSession = response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
    if (visitor.kind === 'stale' && !setsSession) response.headers.append('Set-Cookie', expiredSessionCookie(url));
    // The world's time, so a client that corrects for clock skew by this header (the app does)
    // reads `expiresAt` against the same clock that set it, however far a tester moved it.
    // A route that moved the clock has dated its answer by the new time already.
    if (!response.headers.has('Date')) response.headers.set('Date', httpDate(place.world.now));
    return response;
  }

  /** Writes the request into its world's log (request-log.ts), but for the log's own reads. */
  async function logRequest(
    place: Place,
    request: Request,
    url: URL,
    status: number,
    startedAt: number,
    visitor: Visitor | undefined,
    fault: string | undefined,
  ): Promise<void> {
    if (url.pathname === TESTER_API.testRequests) return;
    await place.world.requests.record({
      at: iso(place.world.now),
      method: request.method,
      path: loggedPath(url),
      status,
      durationMs: Math.round(performance.now() - startedAt),
      ...(visitor?.kind === 'signed-in' ? { persona: visitor.account.address } : {}),
      ...(fault === undefined ? {} : { fault }),
    });
  }

  /**
   * What a fault does to its request: waits its delay, then answers in its way — or, for a plain
   * delay, lets the request go on (undefined). A timeout holds the request until the client gives
   * up (or MAX_FAULT_DELAY_MS passes, then 504); a reset drops the connection unanswered.
   */
  async function meetFault(fault: Fault, signal: AbortSignal): Promise<Response | undefined> {
    if (fault.delayMs !== undefined) await sleep(fault.delayMs);
    switch (fault.kind) {
      case 'delay':
        return undefined;
      case 'status':
        return json(fault.status ?? 503, {
          error: `A simulated fault: ${fault.status ?? 503}.`,
          reason: 'simulated-fault',
        });
      case 'malformed':
        return new Response('<!doctype html><title>A simulated malformed answer</title>', {
          status: 200,
          headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        });
      case 'timeout':
        await Promise.race([
          sleep(MAX_FAULT_DELAY_MS - (fault.delayMs ?? 0)),
          new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true })),
        ]);
        return json(504, { error: 'A simulated timeout: no answer came in time.', reason: 'simulated-fault' });
      case 'reset':
        return dropConnection();
    }
  }

  /** The slow persona's requests: by its session, or by the email it tries to log in with. */
  function involvesSlowPersona(visitor: Visitor, request: Request, body: RequestBody): boolean {
    if (visitor.kind === 'signed-in') return visitor.account.persona.fault === 'slow';
    if (request.method !== 'POST' || new URL(request.url).pathname !== API_PATHS.session) return false;
    const credentials = toCredentials(body);
    // Only a demo persona is slow: no need to ask the store about created accounts.
    return credentials.kind === 'ok' && findPersona(credentials.value.email)?.fault === 'slow';
  }
}

function isSandboxesPath(pathname: string): boolean {
  return pathname === API_PATHS.sandboxes || SANDBOX_PATH.test(pathname);
}

/**
 * CSRF: SameSite=Lax already keeps the cookie off cross-site POSTs; this also stops another site
 * from logging a reader in, resetting a world or filling the sandboxes (an empty POST needs no
 * preflight). Tools send no Origin, so they are served.
 */
function isCrossOrigin(method: string, origin: string | null, url: URL): boolean {
  return method !== 'GET' && method !== 'HEAD' && origin !== null && origin !== url.origin;
}

function crossOriginRefused(): Response {
  return json(403, { error: 'Cross-origin request refused.' });
}

async function ignoreBody(request: Request): Promise<RequestBody> {
  await discardBody(request);
  return { kind: 'empty' };
}

/** The reader's standing with the meter, as the API shows it (no article in particular). */
function meterView(reads: readonly MeterRead[], settings: MeterSettings, now: number): MeterView {
  const { used, limit } = meterStanding(reads, settings, now);
  const resets = resetsAt(now, settings.window);
  return {
    used,
    limit,
    remaining: limit - used,
    window: settings.window,
    counts: settings.counts,
    ...(resets === undefined ? {} : { resetsAt: iso(resets) }),
  };
}

function meterUsedUp(meter: MeterView | undefined): string {
  if (meter === undefined) return 'Your free articles are used up. Subscribe, or log in, to read on.';
  const what = meter.counts === 'articles' ? 'free article' : 'free read';
  const allowance = `${meter.limit} ${what}${meter.limit === 1 ? '' : 's'}`;
  const when = meter.window === 'calendar-month' ? 'this month' : 'in the last 30 days';
  return `You have read your ${allowance} ${when}. Subscribe, or log in, to read on.`;
}

/** Seconds a client waits before trying again when the store is away: it reconnects by itself. */
const STORE_RETRY_SECONDS = 5;

function storeUnavailable(): Response {
  return json(
    503,
    { error: SERVICE_UNAVAILABLE, reason: 'store-unavailable' },
    { 'Retry-After': String(STORE_RETRY_SECONDS) },
  );
}

function unknownSandbox(id: string): Response {
  return json(404, {
    error: `No sandbox "${echo(id)}": it never existed, was deleted, or went unused for an hour. Create one with POST /api/sandboxes.`,
    reason: 'unknown-sandbox',
  });
}
