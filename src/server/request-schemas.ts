// The shapes of the API's request bodies, declared once with Zod and checked at the edge: a route
// gets a typed value or the words of a 400, never an exception. The words are ours, one sentence
// per body, so a client sees what to send rather than a list of Zod's issues.
import { z } from 'zod';
import type { RequestBody } from './request-body.ts';

export type Checked<T> = { kind: 'ok'; value: T } | { kind: 'invalid'; error: string };

export const CREDENTIALS_EXPECTED =
  'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.';
export const PLAN_ORDER_EXPECTED = 'Expected no body, or a JSON object { "plan"?: string }.';
export const RESET_EXPECTED = 'Expected no body, or a JSON object { "keepSessions"?: boolean }.';
export const CLOCK_MOVE_EXPECTED =
  'Expected a JSON object { "advanceBy": <milliseconds> } or { "now": "<ISO 8601 date-time>" }.';

export const MAX_PLAN_LENGTH = 64;

const credentials = z.object({ email: z.string(), password: z.string(), remember: z.boolean().default(false) });
const planOrder = z.object({ plan: z.string().optional() });
const resetOptions = z.object({ keepSessions: z.boolean().default(false) });
const clockMove = z.union([
  z.strictObject({ advanceBy: z.number().int() }),
  z.strictObject({ now: z.iso.datetime({ offset: true }) }),
]);

export type Credentials = z.infer<typeof credentials>;
export type ClockMove = z.infer<typeof clockMove>;

export function toCredentials(body: RequestBody): Checked<Credentials> {
  return check(credentials, body, CREDENTIALS_EXPECTED);
}

/** The plans page sends `{ "plan": "monthly" }`; the mock takes any plan, or none. */
export function toPlanOrder(body: RequestBody): Checked<{ plan: string | undefined }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { plan: undefined } };
  const order = check(planOrder, body, PLAN_ORDER_EXPECTED);
  if (order.kind === 'ok' && (order.value.plan?.length ?? 0) > MAX_PLAN_LENGTH) {
    return invalid(`"plan" is longer than ${MAX_PLAN_LENGTH} characters.`);
  }
  return order.kind === 'ok' ? { kind: 'ok', value: { plan: order.value.plan } } : order;
}

export function toResetOptions(body: RequestBody): Checked<{ keepSessions: boolean }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { keepSessions: false } };
  return check(resetOptions, body, RESET_EXPECTED);
}

export function toClockMove(body: RequestBody): Checked<ClockMove> {
  return check(clockMove, body, CLOCK_MOVE_EXPECTED);
}

function check<T>(schema: z.ZodType<T>, body: RequestBody, expected: string): Checked<T> {
  if (body.kind !== 'json') return invalid(expected);
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { kind: 'ok', value: parsed.data } : invalid(expected);
}

function invalid(error: string): { kind: 'invalid'; error: string } {
  return { kind: 'invalid', error };
}
