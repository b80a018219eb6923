// Owns the test lab's calls (/lab): which sandbox this browser is in, creating and joining one, and
// the test hooks of its world — paywall model, faults, clock, request log, reset. Only the lab
// imports it, so it rides in the lab's own chunk. None of these calls can meet a fault a tester set:
// the test hooks and the sandboxes' own API are never faulted (src/server/faults.ts), so the lab
// can always look and undo; a network failure or a timeout they can still meet.
import { API_PATHS } from '../config/paths.ts';
import { SANDBOX_API, TESTER_API } from '../config/tester-paths.ts';
import {
  MAX_METER_LIMIT,
  METER_COUNTS,
  METER_WINDOWS,
  MIN_METER_LIMIT,
  type PaywallModel,
} from '../paywall/paywall-model.ts';
import { failureWords, namesNoSandbox, postJson, readBody, send, toPageTime } from './api-client.ts';

/** What may go wrong with any of the lab's calls besides a refusal of its own. */
export type LabFailure =
  /** This world serves no test hooks: a production server's own world (a 404 that names no sandbox). */
  | { kind: 'no-hooks' }
  /** The browser names a test sandbox the server does not have (ended, or never made). */
  | { kind: 'sandbox-gone' }
  /** No answer, or none the lab can use: the words to show. */
  | { kind: 'failed'; message: string };

/** A world gone from under the lab: the page asks again which world the browser is in. */
export type LostWorld = Exclude<LabFailure, { kind: 'failed' }>;

export const UNREACHABLE = 'Could not reach the service. Check your connection and try again.';
export const UNAVAILABLE = 'The service is unavailable. Try again.';
export const UNREADABLE = 'The service answered in a way the lab cannot read. Try again.';
const DID_NOT_WORK = 'That did not work. Try again.';

// ---------------------------------------------------------------------------------------------
// Sandboxes

/** Where this browser's requests go: a sandbox (until when, unused, in page time) or the site's own world. */
export type CurrentWorld =
  | { kind: 'sandbox'; id: string; expiresAt: number }
  /** `testHooks`: whether the site's own world serves them (a server started with LEDE_TEST_HOOKS=1). */
  | { kind: 'default'; testHooks: boolean };

export type CurrentResult = { kind: 'ok'; world: CurrentWorld } | Exclude<LabFailure, { kind: 'no-hooks' }>;

export async function fetchCurrentWorld(): Promise<CurrentResult> {
  const response = await send(SANDBOX_API.current, {});
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  if (!response.ok) return { kind: 'failed', message: otherFailure(response, body) };
  const sandbox = toSandbox(body.sandbox, response);
  if (sandbox !== undefined) return { kind: 'ok', world: { kind: 'sandbox', ...sandbox } };
  if (body.sandbox === null && typeof body.testHooks === 'boolean') {
    return { kind: 'ok', world: { kind: 'default', testHooks: body.testHooks } };
  }
  return { kind: 'failed', message: UNREADABLE };
}

export type JoinResult =
  | { kind: 'joined'; id: string; expiresAt: number }
  /** The id is not shaped like a sandbox id. */
  | { kind: 'malformed' }
  /** No live sandbox has it: ended, deleted, or never made. */
  | { kind: 'unknown' }
  | { kind: 'failed'; message: string };

/** Puts this browser in the sandbox: the server sets its cookie, so every page and call then goes there. */
export async function joinSandbox(id: string): Promise<JoinResult> {
  const response = await send(SANDBOX_API.join, postJson({ id }));
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (body.reason === 'bad-sandbox') return { kind: 'malformed' };
  if (body.reason === 'unknown-sandbox') return { kind: 'unknown' };
  const sandbox = response.ok ? toSandbox(body, response) : undefined;
  if (sandbox !== undefined) return { kind: 'joined', ...sandbox };
  return { kind: 'failed', message: response.ok ? UNREADABLE : otherFailure(response, body) };
}

export type CreateResult = { kind: 'created'; id: string } | { kind: 'failed'; message: string };

/** A new sandbox (the browser does not join it by this call: see joinSandbox). */
export async function createSandbox(): Promise<CreateResult> {
  const response = await send(API_PATHS.sandboxes, { method: 'POST' });
  if (response === undefined) return { kind: 'failed', message: UNREACHABLE };
  const body = await readBody(response);
  if (response.status === 201 && typeof body.id === 'string') return { kind: 'created', id: body.id };
  if (response.status === 503) {
    return { kind: 'failed', message: 'Every sandbox on this server is in use. Try again in a few minutes.' };
  }
  return { kind: 'failed', message: response.ok ? UNREADABLE : otherFailure(response, body) };
}

function toSandbox(value: unknown, response: Response): { id: string; expiresAt: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, expiresAt } = value as Record<string, unknown>;
  // The sandbox's life runs by the real clock, and so does the Date of these answers.
  const at = toPageTime(expiresAt, response);
  return typeof id === 'string' && at !== undefined ? { id, expiresAt: at } : undefined;
}

// ---------------------------------------------------------------------------------------------
// The paywall model

export type PaywallResult = { kind: 'ok'; paywall: PaywallModel } | LabFailure;

export async function fetchPaywall(): Promise<PaywallResult> {
  return hookCall(API_PATHS.testPaywall, {}, (body) => toPaywall(body));
}

export async function savePaywall(paywall: PaywallModel): Promise<PaywallResult> {
  return hookCall(API_PATHS.testPaywall, { ...postJson(paywall), method: 'PUT' }, (body) => toPaywall(body));
}

function toPaywall(body: Record<string, unknown>): { kind: 'ok'; paywall: PaywallModel } | undefined {
  switch (body.model) {
    case 'hard':
    case 'registration':
    case 'free':
      return { kind: 'ok', paywall: { model: body.model } };
    case 'metered': {
      const meter =
        typeof body.meter === 'object' && body.meter !== null ? (body.meter as Record<string, unknown>) : {};
      const window = METER_WINDOWS.find((each) => each === meter.window);
      const counts = METER_COUNTS.find((each) => each === meter.counts);
      const { limit } = meter;
      if (typeof limit !== 'number' || limit < MIN_METER_LIMIT || limit > MAX_METER_LIMIT) return undefined;
      if (window === undefined || counts === undefined) return undefined;
      return { kind: 'ok', paywall: { model: 'metered', meter: { limit, window, counts } } };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Faults

/** The kinds of fault, as PUT /api/test/faults takes them. */
export const FAULT_KINDS = ['status', 'delay', 'timeout', 'reset', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The server's limits on a rule (src/server/faults.ts; a unit test holds the two together). */
export const FAULT_LIMITS = {
  rules: 20,
  pathLength: 200,
  delayMs: 60_000,
  times: 1_000,
  status: { min: 400, max: 599 },
} as const;

/** A rule as the lab sends it: only what the tester set. */
export interface FaultRuleInput {
  method?: string;
  path: string;
  kind: FaultKind;
  status?: number;
  delayMs?: number;
  times?: number;
  probability?: number;
}

/** A rule as the server holds it: its id, and how often it has fired. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  fired: number;
}

export type FaultsResult = { kind: 'ok'; faults: FaultRule[] } | LabFailure;

export function fetchFaults(): Promise<FaultsResult> {
  return hookCall(TESTER_API.testFaults, {}, toFaults);
}

/** Replaces the world's rules with `rules` (and starts every count afresh: the server's way). */
export function saveFaults(rules: readonly FaultRuleInput[]): Promise<FaultsResult> {
  return hookCall(TESTER_API.testFaults, { ...postJson(rules), method: 'PUT' }, toFaults);
}

/** Adds one rule after the world's others, whose counts stay. */
export function addFault(rule: FaultRuleInput): Promise<FaultsResult> {
  return hookCall(TESTER_API.testFaults, postJson(rule), toFaults);
}

/** Removes one rule by its id; the others keep their counts. */
export function removeFault(id: string): Promise<FaultsResult> {
  return hookCall(`${TESTER_API.testFaults}?${new URLSearchParams({ id }).toString()}`, { method: 'DELETE' }, toFaults);
}

export function clearFaults(): Promise<FaultsResult> {
  return hookCall(TESTER_API.testFaults, { method: 'DELETE' }, toFaults);
}

function toFaults(body: Record<string, unknown>): { kind: 'ok'; faults: FaultRule[] } | undefined {
  if (!Array.isArray(body.faults)) return undefined;
  const faults = body.faults.map(toFaultRule);
  return faults.every((rule) => rule !== undefined) ? { kind: 'ok', faults } : undefined;
}

function toFaultRule(value: unknown): FaultRule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, method, path, kind, status, delayMs, times, probability, fired } = value as Record<string, unknown>;
  const known = FAULT_KINDS.find((each) => each === kind);
  if (typeof id !== 'string' || typeof path !== 'string' || known === undefined || typeof fired !== 'number') {
    return undefined;
  }
  const optional = { method, status, delayMs, times, probability };
  const numbers = [status, delayMs, times, probability];
  if (!numbers.every((each) => each === undefined || typeof each === 'number')) return undefined;
  if (method !== undefined && typeof method !== 'string') return undefined;
  return {
    id,
    path,
    kind: known,
    fired,
    ...(Object.fromEntries(Object.entries(optional).filter(([, each]) => each !== undefined)) as Partial<FaultRule>),
  };
}

// ---------------------------------------------------------------------------------------------
// The server clock

/** The world's time, as the server keeps it (epoch ms): never shifted into page time, it is the point. */
export type ClockResult = { kind: 'ok'; now: number } | LabFailure;

export type ClockMove = { advanceBy: number } | { now: string };

export type MoveResult =
  | { kind: 'ok'; now: number }
  /** Refused: the clock only moves forward, and no further than the year 9999. It stays at `now`. */
  | { kind: 'refused'; why: 'backwards' | 'too-far'; now: number }
  | LabFailure;

export function fetchClock(): Promise<ClockResult> {
  return hookCall(API_PATHS.testClock, {}, toNow);
}

export async function moveClock(move: ClockMove): Promise<MoveResult> {
  const failure = await hookFailure(await send(API_PATHS.testClock, postJson(move)));
  if (failure === undefined) return { kind: 'failed', message: UNREACHABLE };
  return failure.kind === 'answered' ? readMove(move, failure) : failure;
}

function readMove(move: ClockMove, { response, body }: Answered): MoveResult {
  const now = toNow(body);
  if (response.ok && now !== undefined) return now;
  if (response.status === 400 && now !== undefined) {
    const target = 'now' in move ? Date.parse(move.now) : now.now + move.advanceBy;
    return { kind: 'refused', why: target < now.now ? 'backwards' : 'too-far', now: now.now };
  }
  return { kind: 'failed', message: response.ok ? UNREADABLE : otherFailure(response, body) };
}

function toNow(body: Record<string, unknown>): { kind: 'ok'; now: number } | undefined {
  const now = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
  return Number.isNaN(now) ? undefined : { kind: 'ok', now };
}

// ---------------------------------------------------------------------------------------------
// The request log

/** One API request of the world, as GET /api/test/requests lists it. */
export interface LoggedRequest {
  /** World time (ISO 8601). */
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  persona?: string;
  /** The fault it met: a rule's id, or "header". */
  fault?: string;
}

/** `serverNow`: the world's time when it answered (its Date header), when it said. */
export type RequestsResult = { kind: 'ok'; requests: LoggedRequest[]; serverNow?: number } | LabFailure;

/** How a request names its sandbox without cookies (src/server/sandbox-choice.ts). */
export const SANDBOX_HEADER = 'Lede-Sandbox';

/**
 * The world's request log. Read without cookies — the sandbox named by its header instead — so
 * the lab reading it every 2 s never counts as the reader's activity: an open lab does not keep a
 * session alive that would otherwise go idle. `sandbox`: the id, or undefined for the site's world.
 */
export async function fetchRequests(sandbox: string | undefined, signal?: AbortSignal): Promise<RequestsResult> {
  const response = await send(TESTER_API.testRequests, {
    credentials: 'omit',
    ...(sandbox === undefined ? {} : { headers: { [SANDBOX_HEADER]: sandbox } }),
    ...(signal === undefined ? {} : { signal }),
  });
  const failure = await hookFailure(response);
  if (failure === undefined) return { kind: 'failed', message: UNREACHABLE };
  if (failure.kind !== 'answered') return failure;
  const { body } = failure;
  if (!failure.response.ok) return { kind: 'failed', message: otherFailure(failure.response, body) };
  if (!Array.isArray(body.requests)) return { kind: 'failed', message: UNREADABLE };
  const serverNow = Date.parse(failure.response.headers.get('Date') ?? '');
  return {
    kind: 'ok',
    requests: body.requests.filter(isLoggedRequest),
    ...(Number.isNaN(serverNow) ? {} : { serverNow }),
  };
}

export function clearRequests(): Promise<{ kind: 'ok' } | LabFailure> {
  return hookCall(TESTER_API.testRequests, { method: 'DELETE' }, (body) =>
    typeof body.deleted === 'number' ? { kind: 'ok' } : undefined,
  );
}

function isLoggedRequest(value: unknown): value is LoggedRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { at, method, path, status, durationMs, persona, fault } = value as Record<string, unknown>;
  return (
    typeof at === 'string' &&
    typeof method === 'string' &&
    typeof path === 'string' &&
    typeof status === 'number' &&
    typeof durationMs === 'number' &&
    (persona === undefined || typeof persona === 'string') &&
    (fault === undefined || typeof fault === 'string')
  );
}

// ---------------------------------------------------------------------------------------------
// Reset

/** `cleared`: what the reset put back, in the server's names (sessions, throttles, …). */
export type ResetResult = { kind: 'ok'; cleared: string[] } | LabFailure;

export function resetWorld(keepSessions: boolean): Promise<ResetResult> {
  return hookCall(API_PATHS.testReset, postJson({ keepSessions }), (body) =>
    Array.isArray(body.cleared) && body.cleared.every((each) => typeof each === 'string')
      ? { kind: 'ok', cleared: body.cleared }
      : undefined,
  );
}

// ---------------------------------------------------------------------------------------------

interface Answered {
  kind: 'answered';
  response: Response;
  body: Record<string, unknown>;
}

/**
 * What an answer from a test hook says before the route's own reading: no hooks in this world, a
 * sandbox that has ended, or an answer to read (undefined: no answer at all).
 */
async function hookFailure(response: Response | undefined): Promise<Answered | LabFailure | undefined> {
  if (response === undefined) return undefined;
  const body = await readBody(response);
  if (namesNoSandbox(body)) return { kind: 'sandbox-gone' };
  if (response.status === 404) return { kind: 'no-hooks' };
  return { kind: 'answered', response, body };
}

async function hookCall<T extends { kind: 'ok' }>(
  path: string,
  init: RequestInit,
  read: (body: Record<string, unknown>) => T | undefined,
): Promise<T | LabFailure> {
  const failure = await hookFailure(await send(path, init));
  if (failure === undefined) return { kind: 'failed', message: UNREACHABLE };
  if (failure.kind !== 'answered') return failure;
  const { response, body } = failure;
  if (!response.ok) return { kind: 'failed', message: otherFailure(response, body) };
  return read(body) ?? { kind: 'failed', message: UNREADABLE };
}

/** Lede's words for an answer the lab did not expect; the server's own go to the console. */
function otherFailure(response: Response, body: Record<string, unknown>): string {
  return failureWords(response, body, { otherwise: response.status >= 500 ? UNAVAILABLE : DID_NOT_WORK });
}
