// Owns the HTTP edge: the browser's calls to the mock backend, each outcome a value.
import type { PreviewReason } from '../paywall/access.ts';
import {
  METER_COUNTS,
  METER_WINDOWS,
  PAYWALL_MODELS,
  type MeterCounts,
  type MeterWindow,
  type PaywallModelName,
} from '../paywall/paywall-model.ts';
import type { Reader, Standing, Subscription } from '../paywall/reader.ts';
import { API_PATHS, gatedTextPath } from '../config/paths.ts';

/** A reader and when their session ends, in this page's clock (epoch ms). */
export interface SignedIn {
  reader: Reader;
  expiresAt: number;
}

/** Why the server ended this browser's session, told once, when it next asks. */
export type EndedBecause = 'device-limit' | 'ended-elsewhere';

export type WhoAmIResult =
  | { kind: 'ok'; session: SignedIn | null; ended?: EndedBecause }
  | { kind: 'unreachable' }
  /** The browser names a test sandbox the server does not have (ended, or never made). */
  | { kind: 'sandbox-gone' };

export type LogoutResult = { kind: 'ok' } | { kind: 'unreachable' };

export type LeaveSandboxResult = { kind: 'ok' } | { kind: 'unreachable' };

/** Where the reader stands with the meter, as the server says with each answer under a meter. */
export interface MeterView {
  used: number;
  limit: number;
  remaining: number;
  window: MeterWindow;
  counts: MeterCounts;
}

/** The gated paragraphs of an article, as the server answered a request for them. */
export type GatedTextResult =
  | {
      kind: 'ok';
      paragraphs: string[];
      expiresAt: number | undefined;
      meter: MeterView | undefined;
      /** Opened by a gift link: the reads it has left. */
      gift?: { readsLeft: number };
    }
  /** The server said no, and why: the gate to show (and, for a gift link, why it opened nothing). */
  | { kind: 'refused'; reason: PreviewReason; meter: MeterView | undefined; gift?: GiftRefusal }
  /** The server said no for a reason the page does not know. */
  | { kind: 'denied'; message: string }
  | { kind: 'unreachable' };

/** Why a gift link opened nothing. */
export type GiftRefusal = 'invalid' | 'other-article' | 'expired' | 'used-up';
const GIFT_REFUSALS: readonly GiftRefusal[] = ['invalid', 'other-article', 'expired', 'used-up'];

export type PaywallResult = { kind: 'ok'; model: PaywallModelName } | { kind: 'unreachable' };

/** `check`: an open page's periodic check, which the server does not count as the reader's activity. */
export async function fetchCurrentReader(check = false): Promise<WhoAmIResult> {
  const response = await send(check ? API_PATHS.sessionStatus : API_PATHS.session, {});
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  if (!response.ok) return namesNoSandbox(body) ? { kind: 'sandbox-gone' } : { kind: 'unreachable' };
  const session = toSignedIn(body, response) ?? null;
  const ended = body.ended === 'device-limit' || body.ended === 'ended-elsewhere' ? body.ended : undefined;
  return session === null && ended !== undefined ? { kind: 'ok', session, ended } : { kind: 'ok', session };
}

export async function requestLogout(): Promise<LogoutResult> {
  const response = await send(API_PATHS.session, { method: 'DELETE' });
  if (response !== undefined) await readBody(response);
  return response?.ok === true ? { kind: 'ok' } : { kind: 'unreachable' };
}

/** Takes this browser out of its test sandbox: the server clears the sandbox cookie. */
export async function requestLeaveSandbox(): Promise<LeaveSandboxResult> {
  const response = await send(API_PATHS.leaveSandbox, { method: 'POST' });
  if (response !== undefined) await readBody(response);
  return response?.ok === true ? { kind: 'ok' } : { kind: 'unreachable' };
}

/** `gift`: a gift link's token, for a reader who could not read the text otherwise. */
export async function fetchGatedText(slug: string, signal: AbortSignal, gift?: string): Promise<GatedTextResult> {
  const url =
    gift === undefined ? gatedTextPath(slug) : `${gatedTextPath(slug)}?${new URLSearchParams({ gift }).toString()}`;
  const response = await send(url, { signal });
  if (response === undefined) return { kind: 'unreachable' };
  // Read whatever the answer, so no response is left open (a page left with one never goes idle).
  const body = await readBody(response);
  if (response.status >= 500) return { kind: 'unreachable' };
  const { paragraphs } = body;
  const meter = toMeter(body.meter);
  if (response.ok && Array.isArray(paragraphs) && paragraphs.every((p) => typeof p === 'string')) {
    const readsLeft =
      typeof body.gift === 'object' && body.gift !== null
        ? (body.gift as Record<string, unknown>).readsLeft
        : undefined;
    return {
      kind: 'ok',
      paragraphs,
      expiresAt: toPageTime(body.expiresAt, response),
      meter,
      ...(typeof readsLeft === 'number' ? { gift: { readsLeft } } : {}),
    };
  }
  const reason = PREVIEW_REASONS.find((each) => each === body.reason);
  if (!response.ok && reason !== undefined) {
    failureWords(response, body, { otherwise: '' }); // the server's words, to the console
    const gift = GIFT_REFUSALS.find((each) => each === body.gift);
    return gift === undefined ? { kind: 'refused', reason, meter } : { kind: 'refused', reason, meter, gift };
  }
  return {
    kind: 'denied',
    message: failureWords(response, body, {
      'sign-in': 'Log in to read the rest of this article.',
      subscribe: 'This account has no subscription.',
      renew: 'This account’s subscription has ended.',
      otherwise: 'The rest of this article could not be loaded.',
    }),
  };
}

/** The site's paywall model in this browser's world (the default world's, or its sandbox's). */
export async function fetchPaywallModel(signal: AbortSignal): Promise<PaywallResult> {
  const response = await send(API_PATHS.paywall, { signal });
  if (response === undefined) return { kind: 'unreachable' };
  const body = await readBody(response);
  const model = PAYWALL_MODELS.find((each) => each === body.model);
  return response.ok && model !== undefined ? { kind: 'ok', model } : { kind: 'unreachable' };
}

const PREVIEW_REASONS: readonly PreviewReason[] = ['sign-in', 'subscribe', 'renew', 'register', 'meter-used-up'];

function toMeter(value: unknown): MeterView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { used, limit, remaining } = value as Record<string, unknown>;
  const window = METER_WINDOWS.find((each) => each === (value as Record<string, unknown>).window);
  const counts = METER_COUNTS.find((each) => each === (value as Record<string, unknown>).counts);
  if (typeof used !== 'number' || typeof limit !== 'number' || typeof remaining !== 'number') return undefined;
  if (window === undefined || counts === undefined) return undefined;
  return { used, limit, remaining, window, counts };
}

// Responses are checked here, at the edge, so the rest of the client can trust their shape. These
// helpers are exported for api-login.ts: the login call lives there so it loads with the login page.

export function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** How long the app waits for an answer before it treats the service as unreachable. */
export const ANSWER_TIMEOUT_MS = 10_000;

/**
 * `undefined` when the request got no HTTP answer in time (offline, aborted, DNS, a hung server).
 * The wait is a page timer, not AbortSignal.timeout, so a test's page.clock drives it too.
 */
export async function send(url: string, init: RequestInit): Promise<Response | undefined> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ANSWER_TIMEOUT_MS);
  try {
    return await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...init,
      signal: init.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal,
    });
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export async function readBody(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? { ...body } : {};
  } catch {
    return {};
  }
}

/** The server's answer to a request whose sandbox it does not have (see the API's sandboxes). */
export function namesNoSandbox(body: Record<string, unknown>): boolean {
  return body.reason === 'unknown-sandbox' || body.reason === 'bad-sandbox';
}

/**
 * Lede's words for a failed request, chosen by what went wrong (`reason`, else the status) from
 * `words`, never the server's own text: that goes to the console, for whoever is debugging.
 */
export function failureWords(
  response: Response,
  body: Record<string, unknown>,
  words: Readonly<Record<string, string>> & { otherwise: string },
): string {
  const chosen = (typeof body.reason === 'string' ? words[body.reason] : undefined) ?? words[response.status];
  if (typeof body.error === 'string' && body.error !== chosen) {
    console.warn(`Lede: ${response.status} from ${response.url}: ${body.error}`);
  }
  return chosen ?? words.otherwise;
}

/**
 * A server timestamp in this page's clock. The page decides expiry by its own clock (so tests can
 * drive it with page.clock), so a page clock that is off must not end a session early or late:
 * shift by the difference between the response's Date header and the page's clock on arrival.
 */
export function toPageTime(value: unknown, response: Response): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) return undefined;
  const serverNow = Date.parse(response.headers.get('Date') ?? '');
  return Number.isNaN(serverNow) ? time : time - (serverNow - Date.now());
}

export function toSignedIn(body: Record<string, unknown>, response: Response): SignedIn | undefined {
  const expiresAt = toPageTime(body.expiresAt, response);
  return isReader(body.reader) && expiresAt !== undefined ? { reader: body.reader, expiresAt } : undefined;
}

function isReader(value: unknown): value is Reader {
  if (typeof value !== 'object' || value === null) return false;
  if (!('email' in value) || !('name' in value) || !('subscription' in value)) return false;
  const { email, name, subscription } = value;
  return typeof email === 'string' && typeof name === 'string' && isSubscription(subscription);
}

function isSubscription(value: unknown): value is Subscription {
  if (typeof value !== 'object' || value === null || !('status' in value)) return false;
  if (value.status === 'none') return true;
  if (value.status === 'active') return !('standing' in value) || isStanding(value.standing);
  return value.status === 'expired' && 'endedOn' in value && typeof value.endedOn === 'string';
}

function isStanding(value: unknown): value is Standing {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const dates = value as Record<string, unknown>;
  switch (value.kind) {
    case 'trial':
    case 'cancelled':
    case 'gifted':
      return typeof dates.endsOn === 'string';
    case 'past-due':
      return typeof dates.graceEndsOn === 'string';
    default:
      return false;
  }
}
