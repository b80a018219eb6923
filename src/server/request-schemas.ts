// The shapes of the API's request bodies, declared once with Zod and checked at the edge: a route
// gets a typed value or the words of a 400, never an exception. The words are ours, one sentence
// per body, so a client sees what to send rather than a list of Zod's issues.
import { z } from 'zod';
import {
  DEFAULT_METER,
  MAX_METER_LIMIT,
  METER_COUNTS,
  METER_WINDOWS,
  MIN_METER_LIMIT,
  PAYWALL_MODELS,
  type PaywallModel,
} from '../paywall/paywall-model.ts';
import { looksLikeEmail, newPasswordProblem } from '../paywall/new-account.ts';
import type { RequestBody } from './request-body.ts';

export type Checked<T> = { kind: 'ok'; value: T } | { kind: 'invalid'; error: string };

export const CREDENTIALS_EXPECTED =
  'Expected a JSON object { "email": string, "password": string, "remember"?: boolean }.';
export const PLAN_ORDER_EXPECTED = 'Expected no body, or a JSON object { "plan"?: string }.';
export const RESET_EXPECTED = 'Expected no body, or a JSON object { "keepSessions"?: boolean }.';
export const SANDBOX_EXPECTED = 'Expected no body, or a JSON object {}.';
export const CLOCK_MOVE_EXPECTED =
  'Expected a JSON object { "advanceBy": <milliseconds> } or { "now": "<ISO 8601 date-time>" }.';

export const PAYWALL_EXPECTED =
  'Expected a JSON object { "model": "hard" | "metered" | "registration" | "free", "meter"?: { "limit"?: 1 to 100, "window"?: "rolling-30-days" | "calendar-month", "counts"?: "articles" | "views" } }.';
export const METER_ONLY_WHEN_METERED = 'Only the "metered" model takes a "meter".';
export const METER_LIMIT_EXPECTED = `"meter.limit" must be a whole number from ${MIN_METER_LIMIT} to ${MAX_METER_LIMIT}.`;
export const METER_WINDOW_EXPECTED = `"meter.window" must be one of: ${METER_WINDOWS.map((w) => `"${w}"`).join(', ')}.`;
export const METER_COUNTS_EXPECTED = `"meter.counts" must be one of: ${METER_COUNTS.map((c) => `"${c}"`).join(', ')}.`;
export const MODEL_EXPECTED = `"model" must be one of: ${PAYWALL_MODELS.map((m) => `"${m}"`).join(', ')}.`;

export const MAX_PLAN_LENGTH = 64;

export const NEW_ACCOUNT_EXPECTED = 'Expected a JSON object { "email": string, "password": string }.';

/** What was wrong with each field of a new account, in our words. */
export type NewAccountErrors = { email?: string; password?: string };

const credentials = z
  .object({ email: z.string(), password: z.string(), remember: z.boolean().default(false) })
  .meta({ id: 'Credentials' });
const planOrder = z.object({ plan: z.string().max(MAX_PLAN_LENGTH).optional() }).meta({ id: 'PlanOrder' });
const newAccount = z.object({ email: z.string(), password: z.string() }).meta({ id: 'NewAccount' });
const giftRequest = z.object({ slug: z.string().min(1).max(200) }).meta({ id: 'GiftRequest' });
const resetOptions = z.object({ keepSessions: z.boolean().default(false) }).meta({ id: 'ResetOptions' });
/** A new sandbox takes no options yet: any object is read as none, so clients may send `{}`. */
const sandboxOptions = z.object({}).meta({ id: 'SandboxOptions' });
const clockMove = z
  .union([z.strictObject({ advanceBy: z.number().int() }), z.strictObject({ now: z.iso.datetime({ offset: true }) })])
  .meta({ id: 'ClockMove', description: 'Forward only: by milliseconds, or to a time.' });

/** A meter's fields each default to DEFAULT_METER's; the whole meter too, when left out. */
const meterSettings = z.strictObject({
  limit: z.number().int().min(MIN_METER_LIMIT).max(MAX_METER_LIMIT).default(DEFAULT_METER.limit),
  window: z.enum(METER_WINDOWS).default(DEFAULT_METER.window),
  counts: z.enum(METER_COUNTS).default(DEFAULT_METER.counts),
});
const paywallModel = z
  .discriminatedUnion('model', [
    z.strictObject({ model: z.literal('hard') }),
    z.strictObject({ model: z.literal('registration') }),
    z.strictObject({ model: z.literal('free') }),
    z.strictObject({
      model: z.literal('metered'),
      meter: meterSettings.optional().transform((meter) => meter ?? { ...DEFAULT_METER }),
    }),
  ])
  .meta({ id: 'PaywallSetting' });

/** The bodies above, for the API reference (api-docs.ts): as a client sends them, defaults not yet applied. */
export const REQUEST_BODIES = {
  credentials,
  planOrder,
  newAccount,
  giftRequest,
  resetOptions,
  sandboxOptions,
  clockMove,
  paywallModel,
} as const;

export type Credentials = z.infer<typeof credentials>;
export type ClockMove = z.infer<typeof clockMove>;

export function toCredentials(body: RequestBody): Checked<Credentials> {
  return check(credentials, body, CREDENTIALS_EXPECTED);
}

/**
 * POST /api/accounts' body: an address that looks like one, and a password of at least
 * MIN_NEW_PASSWORD_LENGTH characters. Field by field, so the page ties each error to its field.
 */
export function toNewAccount(
  body: RequestBody,
):
  | { kind: 'ok'; value: { email: string; password: string } }
  | { kind: 'invalid'; error: string; fields?: NewAccountErrors } {
  const checked = check(newAccount, body, NEW_ACCOUNT_EXPECTED);
  if (checked.kind === 'invalid') return checked;
  const { email, password } = checked.value;
  const fields: NewAccountErrors = {};
  if (!looksLikeEmail(email)) fields.email = 'Enter an email address.';
  const passwordProblem = newPasswordProblem(password);
  if (passwordProblem !== undefined) fields.password = passwordProblem;
  if (fields.email !== undefined || fields.password !== undefined) {
    return { kind: 'invalid', error: 'Check the highlighted fields.', fields };
  }
  return { kind: 'ok', value: { email, password } };
}

export const GIFT_EXPECTED = 'Expected a JSON object { "slug": <an article\'s slug> }.';

/** POST /api/gifts' body: the article to give. */
export function toGiftRequest(body: RequestBody): Checked<{ slug: string }> {
  return check(giftRequest, body, GIFT_EXPECTED);
}

/** The plans page sends `{ "plan": "monthly" }`; the mock takes any plan, or none. */
export function toPlanOrder(body: RequestBody): Checked<{ plan: string | undefined }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { plan: undefined } };
  if (body.kind !== 'json') return invalid(PLAN_ORDER_EXPECTED);
  const parsed = planOrder.safeParse(body.value);
  if (parsed.success) return { kind: 'ok', value: { plan: parsed.data.plan } };
  const [first] = parsed.error.issues;
  return invalid(
    first?.code === 'too_big' ? `"plan" is longer than ${MAX_PLAN_LENGTH} characters.` : PLAN_ORDER_EXPECTED,
  );
}

export function toResetOptions(body: RequestBody): Checked<{ keepSessions: boolean }> {
  if (body.kind === 'empty') return { kind: 'ok', value: { keepSessions: false } };
  return check(resetOptions, body, RESET_EXPECTED);
}

/** POST /api/sandboxes' body: none, or an object (its fields are not read). */
export function toSandboxOptions(body: RequestBody): Checked<Record<string, never>> {
  if (body.kind === 'empty') return { kind: 'ok', value: {} };
  return check(sandboxOptions, body, SANDBOX_EXPECTED);
}

export function toClockMove(body: RequestBody): Checked<ClockMove> {
  return check(clockMove, body, CLOCK_MOVE_EXPECTED);
}

/** PUT /api/test/paywall's body: a model, and a meter only for the metered one. */
export function toPaywallModel(body: RequestBody): Checked<PaywallModel> {
  if (body.kind !== 'json') return invalid(PAYWALL_EXPECTED);
  const parsed = paywallModel.safeParse(body.value);
  if (parsed.success) return { kind: 'ok', value: parsed.data };
  // The likely mistakes in their own words; anything else gets the shape to send.
  const value = body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(PAYWALL_EXPECTED);
  const model: unknown = 'model' in value ? value.model : undefined;
  if (!PAYWALL_MODELS.some((name) => name === model)) return invalid(MODEL_EXPECTED);
  if (model !== 'metered' && 'meter' in value) return invalid(METER_ONLY_WHEN_METERED);
  const [first] = parsed.error.issues;
  if (first?.path[0] === 'meter') {
    if (first.path[1] === 'limit') return invalid(METER_LIMIT_EXPECTED);
    if (first.path[1] === 'window') return invalid(METER_WINDOW_EXPECTED);
    if (first.path[1] === 'counts') return invalid(METER_COUNTS_EXPECTED);
  }
  return invalid(PAYWALL_EXPECTED);
}

/** A model as the store holds it (JSON this server wrote), or undefined if it does not read back. */
export function toStoredPaywall(text: string): PaywallModel | undefined {
  try {
    const parsed = paywallModel.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The body as `schema` reads it, or `expected` (our one sentence of what to send) as the 400 words. */
export function check<T>(schema: z.ZodType<T>, body: RequestBody, expected: string): Checked<T> {
  if (body.kind !== 'json') return invalid(expected);
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { kind: 'ok', value: parsed.data } : invalid(expected);
}

function invalid(error: string): { kind: 'invalid'; error: string } {
  return { kind: 'invalid', error };
}
