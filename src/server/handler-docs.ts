// The API reference's entries for the routes handler.ts serves itself (route() and
// routeSandboxes()), one per path, in route()'s order; the route modules keep theirs beside their
// handlers. A new route here gets its entry here: the reference's test fails for a path without one.
import { z } from 'zod';
import { OPENAPI_PATH, SANDBOX_API } from '../config/tester-paths.ts';
import { API_PATHS } from '../config/paths.ts';
import {
  LOCKED,
  LOG_IN_FIRST,
  SIGNED_IN,
  TAGS,
  apiError,
  errorWith,
  fieldErrors,
  isoTime,
  meter,
  nobody,
  ok,
  paywallModel,
  paywallModelName,
  refusalBody,
  refused,
  retryAfter,
  setCookie,
  signedIn,
  throttled,
  type RouteDocs,
} from './api-docs.ts';
import { REQUEST_BODIES } from './request-schemas.ts';
import { JOIN_BODY } from './sandbox-choice.ts';

/**
 * Where a route is served, which decides the answers it shares with its kind (openapi-document.ts):
 * `world`, in the caller's world (its sandbox or the default one); `hook`, a test hook there;
 * `registry`, outside every world (the sandboxes themselves); `reference`, this document.
 */
export type Served = 'world' | 'hook' | 'registry' | 'reference';

export interface DocumentedPath {
  /** An OpenAPI path: `{name}` for a segment that varies. */
  path: string;
  served: Served;
  docs: RouteDocs;
}

const sandbox = z.object({ id: z.uuid(), expiresAt: isoTime });

/** The refusal for a sandbox id that names none, wherever it is named. */
export const unknownSandbox = refusalBody(['unknown-sandbox']).meta({ id: 'UnknownSandbox' });
/** The refusal for a sandbox id that could name none (not a UUID). */
export const badSandbox = refusalBody(['bad-sandbox']).meta({ id: 'BadSandbox' });

const SESSION_COOKIE_CLEARED = setCookie('lede_session', 'Clears the session cookie (`Max-Age=0`).');
const TRUSTED_AT_LOGIN =
  'A browser that completed the second step with `trustDevice` (its `lede_trusted_device` cookie) skips it for 30 days.';

const giftWhy = z.enum(['invalid', 'other-article', 'expired', 'used-up']).meta({
  description: 'Why the `gift` link opened nothing.',
});

export const HANDLER_PATHS: readonly DocumentedPath[] = [
  {
    path: API_PATHS.session,
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.session,
        summary: 'Who is signed in',
        description: 'Counts as the reader’s activity: the session’s idle deadline moves on.',
        session: 'optional',
        answers: { 200: ok('The signed-in reader, or nobody.', z.union([signedIn, nobody])) },
      },
      POST: {
        tag: TAGS.session,
        summary: 'Log in with a password',
        description: `The right password signs in (the session cookie; \`remember\`: 30 days). An account with a second factor answers 401 \`two-factor-required\` with a challenge instead. ${TRUSTED_AT_LOGIN}`,
        session: 'optional',
        body: { schema: REQUEST_BODIES.credentials },
        answers: {
          200: SIGNED_IN,
          400: refused('Not `{ email, password, remember? }`.'),
          401: [
            refused('Email or password is incorrect (the same words for an unknown email).'),
            refused(
              'The right password of an account with a second factor: no session yet; send the challenge to POST /api/session/two-factor.',
              refusalBody(['two-factor-required'], { challenge: z.string(), expiresAt: isoTime }),
            ),
          ],
          403: LOCKED,
          429: throttled('Too many failed attempts for this email.'),
          503: refused('The flaky persona’s first attempt.'),
        },
      },
      DELETE: {
        tag: TAGS.session,
        summary: 'Log out',
        session: 'optional',
        answers: {
          200: ok(
            'Logged out (or nobody was): the session ends, its cookie is cleared.',
            z.object({ reader: z.null() }),
            {
              'Set-Cookie': SESSION_COOKIE_CLEARED,
            },
          ),
        },
      },
    },
  },
  {
    path: API_PATHS.sessionStatus,
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.session,
        summary: 'Who is signed in, without counting as activity',
        description: 'What an open page asks every few seconds to follow changes made elsewhere.',
        session: 'optional',
        answers: { 200: ok('As GET /api/session answers.', z.union([signedIn, nobody])) },
      },
    },
  },
  {
    path: API_PATHS.subscription,
    served: 'world',
    docs: {
      POST: {
        tag: TAGS.subscription,
        summary: 'Subscribe (a mock: no payment)',
        session: 'required',
        body: { schema: REQUEST_BODIES.planOrder, optional: true },
        answers: {
          200: ok('Subscribed: the reader as it now stands.', signedIn),
          400: refused('Not `{ plan? }`, or a plan longer than 64 characters.'),
          401: LOG_IN_FIRST,
        },
      },
    },
  },
  ...[
    { path: API_PATHS.cancelSubscription, change: 'cancel', reason: 'nothing-to-cancel' },
    { path: API_PATHS.resumeSubscription, change: 'resume', reason: 'nothing-to-resume' },
  ].map(({ path, change, reason }): DocumentedPath => ({
    path,
    served: 'world',
    docs: {
      POST: {
        tag: TAGS.subscription,
        summary: change === 'cancel' ? 'Cancel the subscription at its period’s end' : 'Take a cancellation back',
        session: 'required',
        answers: {
          200: ok('The reader as it now stands.', signedIn),
          401: LOG_IN_FIRST,
          409: refused(`Nothing to ${change}.`, refusalBody([reason])),
        },
      },
    },
  })),
  {
    path: API_PATHS.gifts,
    served: 'world',
    docs: {
      POST: {
        tag: TAGS.reading,
        summary: 'Make a gift link for one article',
        description: 'Five a calendar month per subscriber; each link reads its article 5 times within 14 days.',
        session: 'required',
        body: { schema: REQUEST_BODIES.giftRequest },
        answers: {
          201: ok(
            'The link: GET /api/articles/{slug}/rest?gift=<token> reads the article.',
            z.object({ url: z.string(), expiresAt: isoTime, readsLeft: z.int(), giftsLeft: z.int() }),
          ),
          400: refused('Not `{ slug }`.'),
          401: LOG_IN_FIRST,
          403: refused('Only subscribers give articles.', refusalBody(['subscribe'])),
          404: refused('No article by that slug.'),
          429: refused(
            'All of this month’s gifts are given.',
            refusalBody(['gift-limit'], { giftsLeft: z.literal(0) }),
          ),
        },
      },
    },
  },
  {
    path: API_PATHS.sessions,
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.session,
        summary: 'The reader’s live sessions',
        session: 'required',
        answers: {
          200: ok(
            'By handle, never by id; the current one marked.',
            z.object({
              sessions: z.array(
                z.object({
                  handle: z.string(),
                  current: z.boolean(),
                  persistent: z.boolean(),
                  createdAt: isoTime,
                  lastSeenAt: isoTime,
                }),
              ),
            }),
          ),
          401: LOG_IN_FIRST,
        },
      },
    },
  },
  {
    path: API_PATHS.otherSessions,
    served: 'world',
    docs: {
      DELETE: {
        tag: TAGS.session,
        summary: 'Log out every other device',
        description: 'Each ended session is told `ended: "ended-elsewhere"` when it next asks.',
        session: 'required',
        answers: { 200: ok('How many ended.', z.object({ ended: z.int().min(0) })), 401: LOG_IN_FIRST },
      },
    },
  },
  {
    path: API_PATHS.accounts,
    served: 'world',
    docs: {
      POST: {
        tag: TAGS.account,
        summary: 'Create an account',
        description:
          'Answered alike whether the address had an account or not; a new one is sent a verification link (the test inbox).',
        body: { schema: REQUEST_BODIES.newAccount },
        answers: {
          202: ok('Asked for.', z.object({ email: z.string(), message: z.string() })),
          400: [
            refused('Not `{ email, password }`.'),
            refused('A field is wrong, in words.', fieldErrors('email', 'password')),
          ],
        },
      },
    },
  },
  {
    path: API_PATHS.testReset,
    served: 'hook',
    docs: {
      POST: {
        tag: TAGS.hooks,
        summary: 'Reset the caller’s world',
        description:
          'Throttles, subscriptions, created accounts, gifts, the paywall model and meters, the inbox and every emailed token, and (unless `keepSessions`) sessions and the clock. Fault rules and the request log are kept.',
        body: { schema: REQUEST_BODIES.resetOptions, optional: true },
        answers: {
          200: ok(
            'What was put back.',
            z.object({
              cleared: z.array(
                z.enum([
                  'sessions',
                  'throttles',
                  'subscriptions',
                  'accounts',
                  'gifts',
                  'paywall',
                  'inbox',
                  'tokens',
                  'clock',
                ]),
              ),
            }),
          ),
          400: refused('Not `{ keepSessions? }`.'),
        },
      },
    },
  },
  {
    path: API_PATHS.testPaywall,
    served: 'hook',
    docs: {
      GET: {
        tag: TAGS.hooks,
        summary: 'The world’s paywall model',
        answers: { 200: ok('`hard` unless a tester set another.', paywallModel) },
      },
      PUT: {
        tag: TAGS.hooks,
        summary: 'Set the world’s paywall model',
        body: { schema: REQUEST_BODIES.paywallModel },
        answers: {
          200: ok('The model as stored (a meter’s defaults filled in).', paywallModel),
          400: refused('Not a model, in words that say which part.'),
        },
      },
    },
  },
  {
    path: API_PATHS.meter,
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.reading,
        summary: 'Where the reader stands with the meter',
        description: 'Counts nothing.',
        session: 'optional',
        cookies: z.object({ lede_visitor: z.string().optional().meta({ description: 'An anonymous reader.' }) }),
        answers: { 200: ok('`null` where no meter applies.', z.object({ meter: meter.nullable() })) },
      },
    },
  },
  {
    path: API_PATHS.paywall,
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.reading,
        summary: 'The world’s paywall model, and the reader’s meter',
        session: 'optional',
        cookies: z.object({ lede_visitor: z.string().optional() }),
        answers: {
          200: ok(
            'The model, and `meter` as GET /api/meter gives it.',
            z.object({ model: paywallModelName, meter: meter.nullable() }),
          ),
        },
      },
    },
  },
  {
    path: API_PATHS.testClock,
    served: 'hook',
    docs: {
      GET: {
        tag: TAGS.hooks,
        summary: 'The world’s clock',
        answers: { 200: ok('Now, by this world.', z.object({ now: isoTime })) },
      },
      POST: {
        tag: TAGS.hooks,
        summary: 'Move the world’s clock forward',
        body: { schema: REQUEST_BODIES.clockMove },
        answers: {
          200: ok('Moved: the answer’s Date header is the new time.', z.object({ now: isoTime })),
          400: [
            refused('Not `{ advanceBy }` or `{ now }`.'),
            refused('Backwards, or past the year 9999: where the clock stands.', errorWith({ now: isoTime })),
          ],
        },
      },
    },
  },
  {
    path: '/api/articles/{slug}/rest',
    served: 'world',
    docs: {
      GET: {
        tag: TAGS.reading,
        summary: 'An article’s gated text',
        description:
          'Decided by the article’s access level, the world’s paywall model and, under a meter, the reader’s standing (a read it pays for is counted). A gift link’s token opens it for anyone it is refused.',
        session: 'optional',
        query: z.object({ gift: z.string().optional().meta({ description: 'A gift link’s token.' }) }),
        cookies: z.object({
          lede_visitor: z.string().optional().meta({ description: 'Whose reads the meter counts.' }),
        }),
        answers: {
          200: [
            ok(
              'The gated paragraphs; `expiresAt` for a session, `meter` where the meter applies.',
              z.object({ paragraphs: z.array(z.string()), expiresAt: isoTime.optional(), meter: meter.optional() }),
            ),
            ok(
              'Opened by a gift link.',
              z.object({ paragraphs: z.array(z.string()), gift: z.object({ readsLeft: z.int().min(0) }) }),
            ),
          ],
          401: refused(
            'Log in (or create an account) to read on.',
            refusalBody(['sign-in', 'register'], { gift: giftWhy.optional() }),
          ),
          403: refused(
            'No subscription, an ended one, or the meter used up.',
            refusalBody(['subscribe', 'renew', 'meter-used-up'], { meter: meter.optional(), gift: giftWhy.optional() }),
          ),
          404: refused('No article by that slug.'),
        },
      },
    },
  },
];

/** POST /api/sandboxes and the rest of routeSandboxes(): outside every world, on the real clock. */
export const SANDBOX_PATHS: readonly DocumentedPath[] = [
  {
    path: API_PATHS.leaveSandbox,
    served: 'registry',
    docs: {
      POST: {
        tag: TAGS.sandboxes,
        summary: 'Leave the sandbox (this browser)',
        ignoresBody: true,
        answers: {
          200: ok(
            'The `lede_sandbox` cookie cleared: back in the default world.',
            z.object({ left: z.literal(true) }),
            {
              'Set-Cookie': setCookie('lede_sandbox', 'Cleared.'),
            },
          ),
        },
      },
    },
  },
  {
    path: API_PATHS.sandboxes,
    served: 'registry',
    docs: {
      POST: {
        tag: TAGS.sandboxes,
        summary: 'Create a sandbox',
        description:
          'A world of its own: its sessions, accounts, paywall model, inbox, clock and test hooks. Forgotten after an hour unused.',
        body: { schema: REQUEST_BODIES.sandboxOptions, optional: true },
        answers: {
          201: ok('Created: send its id as `Lede-Sandbox` (or the `lede_sandbox` cookie).', sandbox, {
            Location: z.string().meta({ description: 'The sandbox, /api/sandboxes/{id}.' }),
          }),
          400: refused('Not an object.'),
          503: refused('Every sandbox is in use.', apiError, { 'Retry-After': retryAfter }),
        },
      },
    },
  },
  {
    path: SANDBOX_API.join,
    served: 'registry',
    docs: {
      POST: {
        tag: TAGS.sandboxes,
        summary: 'Put this browser in a sandbox',
        description:
          'The server checks the sandbox is live and sets the `lede_sandbox` cookie (HttpOnly, SameSite=Lax), so a browser joins only a sandbox that exists. What the test lab (/lab) does.',
        body: { schema: JOIN_BODY },
        answers: {
          200: ok('In it: every page and fetch of this browser now carries it.', sandbox, {
            'Set-Cookie': setCookie('lede_sandbox', 'The sandbox, for this browser.'),
          }),
          400: [refused('Not `{ "id": string }`.'), refused('The id is not a sandbox id.', badSandbox)],
          404: refused('No such sandbox.', unknownSandbox),
        },
      },
    },
  },
  {
    path: SANDBOX_API.current,
    served: 'registry',
    docs: {
      GET: {
        tag: TAGS.sandboxes,
        summary: 'The sandbox this request names, renewed',
        description:
          'By the `Lede-Sandbox` header, else the `lede_sandbox` cookie. `testHooks`: whether the test hooks are served where the request is (always in a sandbox).',
        answers: {
          200: ok(
            'The sandbox, or `null` for the default world.',
            z.object({ sandbox: sandbox.nullable(), testHooks: z.boolean() }),
          ),
          400: refused('The header or cookie names no sandbox.', badSandbox),
          404: refused('No such sandbox.', unknownSandbox),
        },
      },
    },
  },
  {
    path: '/api/sandboxes/{id}',
    served: 'registry',
    docs: {
      GET: {
        tag: TAGS.sandboxes,
        summary: 'A sandbox, renewed',
        answers: { 200: ok('It lives an hour from now.', sandbox), 404: refused('No such sandbox.', unknownSandbox) },
      },
      DELETE: {
        tag: TAGS.sandboxes,
        summary: 'End a sandbox and everything in it',
        answers: {
          200: ok('Gone.', z.object({ deleted: z.string() })),
          404: refused('No such sandbox.', unknownSandbox),
        },
      },
    },
  },
];

/** This document. */
export const REFERENCE_PATHS: readonly DocumentedPath[] = [
  {
    path: OPENAPI_PATH,
    served: 'reference',
    docs: {
      GET: {
        tag: TAGS.reference,
        summary: 'This document',
        description: 'OpenAPI 3.1; the same in every world, never faulted.',
        answers: { 200: ok('The API reference.', z.looseObject({ openapi: z.string(), paths: z.looseObject({}) })) },
      },
    },
  },
];
