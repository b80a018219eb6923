// The words the API reference (GET /api/openapi.json, openapi-document.ts) is written in: the
// answers' shapes as Zod schemas, beside the request bodies' (request-schemas.ts and the route
// modules, where they are checked), and how a route states its answers. Each route's own entry
// (its `docs`, next to its handler) says what only it answers; what every route of its kind
// answers — a malformed sandbox choice, the store away, a cross-origin write, an unreadable body —
// the document adds once (openapi-document.ts), so no route repeats it.
import { z } from 'zod';
import { METER_COUNTS, METER_WINDOWS, PAYWALL_MODELS } from '../paywall/paywall-model.ts';
import type { RouteMethod } from './routes.ts';

/** An answer's status: the ones the API gives. */
export type Status = 200 | 201 | 202 | 204 | 302 | 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 429 | 503;

/** What one answer is: its words for the reader of the reference, its body, its headers. */
export interface Answer {
  description: string;
  /** JSON unless `type` says otherwise; none for a redirect. */
  body?: z.ZodType;
  type?: 'application/json' | 'text/html' | 'text/css';
  /** Headers the answer always carries: name → value's schema. */
  headers?: Record<string, z.ZodType>;
}

/** Who the route asks the session cookie about (the `sessionCookie` security scheme). */
export type SessionUse =
  /** Answers 401 without a live session. */
  | 'required'
  /** Answers either way, differently for a reader who is signed in. */
  | 'optional';

/** One route's one method, as the reference shows it. */
export interface OperationDoc {
  summary: string;
  description?: string;
  tag: Tag;
  session?: SessionUse;
  /** The JSON body it reads (its input: defaults apply), and whether it may be left out. */
  body?: { schema: z.ZodType; optional?: true };
  /** The form it reads instead of JSON (Example ID only). */
  form?: z.ZodObject;
  /** Takes no body and reads none: not even an unreadable one is refused. */
  ignoresBody?: true;
  query?: z.ZodObject;
  /** Request headers it reads besides the API's own (`Authorization` for Example ID's userinfo). */
  headers?: z.ZodObject;
  /** Cookies it reads besides the session's and the sandbox's. */
  cookies?: z.ZodObject;
  answers: Partial<Record<Status, Answer | Answer[]>>;
}

export type RouteDocs = Partial<Record<RouteMethod, OperationDoc>>;

/** The reference's sections, in the order it lists them. */
export const TAGS = {
  session: 'Session',
  signIn: 'Other ways to sign in',
  account: 'Account',
  reading: 'Reading',
  subscription: 'Subscription',
  sandboxes: 'Sandboxes',
  hooks: 'Test hooks',
  exampleId: 'Example ID',
  reference: 'API reference',
} as const;
export type Tag = (typeof TAGS)[keyof typeof TAGS];

// ---------------------------------------------------------------------------------------------
// Shapes many answers share.

export const isoTime = z.iso.datetime().meta({ id: 'Time', description: "ISO 8601 in UTC, by the world's clock." });
const isoDay = z.iso.date();

/** Every refusal: the words to show, and `reason` where a client branches on it. */
export const apiError = z
  .object({ error: z.string(), reason: z.string().optional() })
  .meta({ id: 'Error', description: "A refusal in Lede's words; `reason` where a client may act on it." });

/** A refusal whose `reason` is one of `reasons`, with `extra` fields besides. */
export function refusalBody(reasons: readonly [string, ...string[]], extra: z.ZodRawShape = {}): z.ZodObject {
  return z.object({ error: z.string(), reason: z.enum(reasons), ...extra });
}

/** A refusal without a `reason`, with `extra` fields. */
export function errorWith(extra: z.ZodRawShape): z.ZodType {
  return z.object({ error: z.string(), ...extra });
}

/** What was wrong with each field, in words, for a form to show by the field. */
export function fieldErrors(...names: [string, ...string[]]): z.ZodType {
  return errorWith({
    fields: z.object(Object.fromEntries(names.map((name) => [name, z.string().optional()]))),
  });
}

const standing = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trial'), endsOn: isoDay }),
  z.object({ kind: z.literal('past-due'), graceEndsOn: isoDay }),
  z.object({ kind: z.literal('cancelled'), endsOn: isoDay }),
  z.object({ kind: z.literal('gifted'), endsOn: isoDay }),
]);

export const reader = z
  .object({
    email: z.string(),
    name: z.string(),
    subscription: z.discriminatedUnion('status', [
      z.object({ status: z.literal('active'), standing: standing.optional() }),
      z.object({ status: z.literal('none') }),
      z.object({ status: z.literal('expired'), endedOn: isoDay }),
    ]),
    verified: z.literal(false).optional().meta({ description: 'Only for a created account not verified yet.' }),
  })
  .meta({ id: 'Reader' });

/** A signed-in reader, and when the session ends if unused. */
export const signedIn = z.object({ reader, expiresAt: isoTime }).meta({ id: 'SignedIn' });

export const nobody = z
  .object({
    reader: z.null(),
    ended: z
      .enum(['device-limit', 'ended-elsewhere'])
      .optional()
      .meta({ description: "Once, when the server ended this browser's session." }),
  })
  .meta({ id: 'Nobody' });

export const meter = z
  .object({
    used: z.int().min(0),
    limit: z.int().min(1),
    remaining: z.int().min(0),
    window: z.enum(METER_WINDOWS),
    counts: z.enum(METER_COUNTS),
    resetsAt: isoTime.optional().meta({ description: 'calendar-month only.' }),
  })
  .meta({ id: 'Meter', description: 'Where the reader stands with the meter.' });

export const paywallModel = z
  .discriminatedUnion('model', [
    z.object({ model: z.literal('hard') }),
    z.object({ model: z.literal('registration') }),
    z.object({ model: z.literal('free') }),
    z.object({
      model: z.literal('metered'),
      meter: z.object({ limit: z.int(), window: z.enum(METER_WINDOWS), counts: z.enum(METER_COUNTS) }),
    }),
  ])
  .meta({ id: 'PaywallModel' });

export const paywallModelName = z.enum(PAYWALL_MODELS);

/** `{ message }`: asked for, answered alike for every address. */
export const message = z.object({ message: z.string() });

/** How many things a DELETE removed. */
export const deletedCount = z.object({ deleted: z.int().min(0) });

// ---------------------------------------------------------------------------------------------
// Headers.

export const retryAfter = z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait.' });
export const location = z.string().meta({ description: 'Where the browser goes next.' });

/** A Set-Cookie header setting (or clearing, `Max-Age=0`) the cookie `name`. */
export function setCookie(name: string, description: string): z.ZodType {
  return z
    .string()
    .regex(new RegExp(`^${name}=`))
    .meta({ description });
}

// ---------------------------------------------------------------------------------------------
// Answers.

export function ok(description: string, body: z.ZodType, headers?: Record<string, z.ZodType>): Answer {
  return { description, body, ...(headers === undefined ? {} : { headers }) };
}

/** A refusal with the usual `{ error, reason? }` body. */
export function refused(description: string, body: z.ZodType = apiError, headers?: Record<string, z.ZodType>): Answer {
  return { description, body, ...(headers === undefined ? {} : { headers }) };
}

export function redirect(description: string, headers: Record<string, z.ZodType> = {}): Answer {
  return { description, headers: { Location: location, ...headers } };
}

export function page(description: string): Answer {
  return { description, type: 'text/html', body: z.string() };
}

/** 429 with when to try again: the `retryAt` field and the Retry-After header. */
export function throttled(description: string, reasons?: readonly [string, ...string[]]): Answer {
  const extra = { retryAt: isoTime };
  return refused(description, reasons === undefined ? errorWith(extra) : refusalBody(reasons, extra), {
    'Retry-After': retryAfter,
  });
}

export const LOG_IN_FIRST = refused('No live session: log in first.');

/** Every way of signing in ends so (RouteKit.issueSession): the reader, and the session cookie. */
export const SIGNED_IN = ok('Signed in: a new session (this browser’s previous one ends).', signedIn, {
  'Set-Cookie': setCookie('lede_session', 'The session cookie (HttpOnly; 30 days with `remember`).'),
});

export const LOCKED = refused('The account is locked.', refusalBody(['locked']));
