// Example ID, the mock identity provider: an OAuth 2.0 authorization server (RFC 6749) with PKCE
// (RFC 7636, S256 only) for one public client, Lede. It lives on Lede's origin under /example-id/
// and answers as a separate site would: HTML pages for the browser, JSON for the token and
// userinfo endpoints. Everything it remembers — codes, access tokens — is kept in the caller's
// world's tokens (hashed, expiring by the world's clock), so each sandbox has a provider of its own.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ACCOUNT_API, EXAMPLE_ID_PATHS } from '../config/account-paths.ts';
import { looksLikeEmail } from '../paywall/new-account.ts';
import { normaliseEmail } from '../paywall/personas.ts';
import type { Call } from './call.ts';
import {
  consentPage,
  errorPage,
  stylesheet,
  type AuthorizationFields,
  type ProviderAccount,
} from './example-id-pages.ts';
import { TAGS, ok, page, redirect, refused, type OperationDoc, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import type { RouteTable } from './routes.ts';
import type { World } from './world.ts';

/** The one application Example ID knows: a public client (no secret), so PKCE is required. */
export const EXAMPLE_ID_CLIENT = { id: 'lede', name: 'Lede' } as const;

/** An authorization code lives a minute by the world's clock, and is good once. */
export const CODE_LIFETIME_MS = 60_000;
export const ACCESS_TOKEN_LIFETIME_MS = 60 * 60_000;

export const EXAMPLE_ID_ACCOUNTS: readonly ProviderAccount[] = [
  {
    email: 'ada@example-id.test',
    name: 'Ada Lovelace',
    emailVerified: true,
    behaviour: 'a verified email address.',
  },
  {
    email: 'unverified@example-id.test',
    name: 'Una Verified',
    emailVerified: false,
    behaviour: 'an email address Example ID has not verified.',
  },
  {
    email: 'denies@example-id.test',
    name: 'Dee Nies',
    emailVerified: true,
    behaviour: 'always denies consent, whatever you click.',
    denies: true,
  },
];

/** The `error_description` of each kind of refused code: one sentence each, as the token endpoint says it. */
export const CODE_EXPIRED = 'The authorization code has expired.';
export const CODE_USED = 'The authorization code was already used; the tokens issued from it are revoked.';
export const CODE_UNKNOWN = 'The authorization code is not valid.';
export const CODE_MISMATCH = 'The authorization code was issued to another client or redirect_uri.';
export const VERIFIER_MISMATCH = 'The code_verifier does not match the code_challenge.';

/** Where Example ID may send the browser back: Lede's own callback, on the origin the request came to. */
export function callbackUrl(origin: string): string {
  return `${origin}${ACCOUNT_API.exampleIdCallback}`;
}

/** The S256 code challenge of a PKCE verifier (RFC 7636 §4.2). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** What a token or userinfo endpoint answered: its status and its JSON, as a remote client would read them. */
export interface EndpointAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const CHALLENGE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER_SHAPE = /^[A-Za-z0-9._~-]{43,128}$/;
const MAX_STATE_LENGTH = 512;
const MAX_SCOPE_LENGTH = 200;
const TOKEN_FIELDS = ['grant_type', 'code', 'redirect_uri', 'client_id', 'code_verifier'] as const;
const AUTHORIZATION_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

interface AuthorizationRequest {
  redirectUri: string;
  state: string | undefined;
  challenge: string;
  fields: AuthorizationFields;
}

type AuthorizationCheck =
  /** The client or its redirect_uri is not one Example ID knows: never redirect there (RFC 6749 §4.1.2.1). */
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; redirect: Response }
  | { kind: 'ok'; request: AuthorizationRequest };

/**
 * An authorization request (RFC 6749 §4.1.1, with PKCE): the consent page's query, and the hidden
 * fields its form posts back. Each field is read only when sent once. `redirect_uri` must also be
 * Lede's callback on the request's own origin, which no schema declared once can know.
 */
export const authorizationRequest = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(EXAMPLE_ID_CLIENT.id),
  redirect_uri: z.url().meta({ description: "Lede's callback on the same origin: `/api/oauth/example-id/callback`." }),
  scope: z.string().max(MAX_SCOPE_LENGTH).optional(),
  state: z.string().max(MAX_STATE_LENGTH).optional(),
  code_challenge: z.string().regex(CHALLENGE_SHAPE).meta({ description: 'The PKCE challenge: SHA-256, base64url.' }),
  code_challenge_method: z.literal('S256'),
});

/** The reader's answer on the consent page, posted with the request's hidden fields. */
export const consentAnswer = z.object({
  decision: z.string().optional().meta({ description: '`allow`; anything else denies.' }),
  account: z
    .string()
    .optional()
    .meta({ description: "One of Example ID's accounts, or `other` for the typed address." }),
  other: z.string().optional().meta({ description: 'A typed address, when `account` is `other`.' }),
});

/** A token request (RFC 6749 §4.1.3) with its PKCE verifier (RFC 7636 §4.5). */
export const tokenRequest = z.object({
  grant_type: z.literal('authorization_code'),
  code: z.string(),
  redirect_uri: z.string(),
  client_id: z.literal(EXAMPLE_ID_CLIENT.id),
  code_verifier: z.string().regex(VERIFIER_SHAPE),
});

/** An authorization request's problems in the order they are told, each in its words: the first found is said. */
const AUTHORIZATION_PROBLEMS = [
  ['state', `The state is longer than ${MAX_STATE_LENGTH} characters.`],
  ['response_type', 'The response_type must be "code".'],
  ['code_challenge_method', 'The code_challenge_method must be "S256".'],
  ['code_challenge', 'The code_challenge must be a SHA-256 hash, base64url-encoded (43 characters).'],
  ['scope', 'The scope is too long.'],
] as const;

/** The fields among `names` sent once, by name, and those sent more than once (in `names`' order). */
function readFields(
  params: URLSearchParams,
  names: readonly string[],
): { once: Record<string, string>; repeated: string[] } {
  const once: Record<string, string> = {};
  const repeated: string[] = [];
  for (const name of names) {
    const [value, ...more] = params.getAll(name);
    if (value !== undefined && more.length === 0) once[name] = value;
    else if (more.length > 0) repeated.push(name);
  }
  return { once, repeated };
}

/** The names of the fields a schema refused. */
function refusedFields(parsed: { success: boolean; error?: z.ZodError }): Set<PropertyKey | undefined> {
  return new Set(parsed.error?.issues.map((issue) => issue.path[0]));
}

function checkAuthorization(params: URLSearchParams, origin: string): AuthorizationCheck {
  const { once, repeated } = readFields(params, AUTHORIZATION_FIELDS);
  const parsed = authorizationRequest.safeParse(once);
  const wrong = refusedFields(parsed);
  const clientId = once.client_id;
  if (wrong.has('client_id')) {
    return {
      kind: 'refused',
      message:
        clientId === undefined
          ? 'The request names no application (client_id).'
          : `Example ID does not know the application “${clientId.slice(0, 100)}”.`,
    };
  }
  const redirectUri = once.redirect_uri;
  if (redirectUri === undefined || redirectUri !== callbackUrl(origin)) {
    return {
      kind: 'refused',
      message: `${EXAMPLE_ID_CLIENT.name} may not be sent back to that address (redirect_uri).`,
    };
  }
  const state = wrong.has('state') ? undefined : once.state;
  const invalid = (description: string): AuthorizationCheck => ({
    kind: 'invalid',
    redirect: redirectTo(redirectUri, {
      error: 'invalid_request',
      error_description: description,
      ...(state === undefined ? {} : { state }),
    }),
  });
  const [twice] = repeated;
  if (twice !== undefined) return invalid(`The parameter ${twice} was sent more than once.`);
  if (!parsed.success) {
    // client_id and redirect_uri were refused above: what is left is one of these.
    const [, words] = AUTHORIZATION_PROBLEMS.find(([name]) => wrong.has(name)) ?? AUTHORIZATION_PROBLEMS[0];
    return invalid(words);
  }
  const { data } = parsed;
  return { kind: 'ok', request: { redirectUri, state: data.state, challenge: data.code_challenge, fields: once } };
}

/** A 302 (mutable headers: the API's edge adds its own) to `uri` with `params` added to its query. */
export function redirectTo(uri: string, params: Record<string, string>, headers: [string, string][] = []): Response {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const response = new Response(null, { status: 302, headers: { Location: url.href, 'Cache-Control': 'no-store' } });
  for (const [name, value] of headers) response.headers.append(name, value);
  return response;
}

/** GET /example-id/authorize: the consent page, or where the request cannot go on. */
function authorize({ url }: Call): Response {
  const checked = checkAuthorization(url.searchParams, url.origin);
  if (checked.kind === 'refused') return errorPage(checked.message);
  if (checked.kind === 'invalid') return checked.redirect;
  return consentPage({
    clientName: EXAMPLE_ID_CLIENT.name,
    fields: checked.request.fields,
    accounts: EXAMPLE_ID_ACCOUNTS,
  });
}

/** POST /example-id/authorize: the reader's answer on the consent page (the request rides along in hidden fields). */
async function decide({ url, body, place: { world } }: Call): Promise<Response> {
  if (body.kind === 'refused') return errorPage(body.error);
  const form = body.kind === 'form' ? body.value : new URLSearchParams();
  const checked = checkAuthorization(form, url.origin);
  if (checked.kind === 'refused') return errorPage(checked.message);
  if (checked.kind === 'invalid') return checked.redirect;
  const { request } = checked;
  const state = request.state === undefined ? {} : { state: request.state };
  const denied = redirectTo(request.redirectUri, {
    error: 'access_denied',
    error_description: 'The reader did not allow access.',
    ...state,
  });
  const answer = consentAnswer.parse({
    decision: form.get('decision') ?? undefined,
    account: form.get('account') ?? undefined,
    other: form.get('other') ?? undefined,
  });
  if (answer.decision !== 'allow') return denied;

  const chosen = answer.account;
  const typed = (answer.other ?? '').trim();
  const again = (error: string): Response =>
    consentPage(
      {
        clientName: EXAMPLE_ID_CLIENT.name,
        fields: request.fields,
        accounts: EXAMPLE_ID_ACCOUNTS,
        ...(chosen === undefined ? {} : { chosen }),
        typed,
        error,
      },
      400,
    );
  const known = EXAMPLE_ID_ACCOUNTS.find((account) => account.email === chosen);
  let signedIn: ProviderAccount;
  if (known !== undefined) {
    signedIn = known;
  } else if (chosen === 'other' || (chosen === undefined && typed !== '')) {
    if (!looksLikeEmail(typed)) return again('Enter an email address, like name@example.com, or choose an account.');
    const email = normaliseEmail(typed);
    signedIn = { email, name: email.slice(0, email.indexOf('@')), emailVerified: true, behaviour: '' };
  } else {
    return again('Choose an account, or type an address.');
  }
  if (signedIn.denies === true) return denied;

  const { token: code } = await world.tokens.issue('oauth-code', signedIn.email, CODE_LIFETIME_MS, {
    clientId: EXAMPLE_ID_CLIENT.id,
    redirectUri: request.redirectUri,
    challenge: request.challenge,
    name: signedIn.name,
    emailVerified: signedIn.emailVerified,
    used: false,
  });
  return redirectTo(request.redirectUri, { code, ...state });
}

/**
 * The token endpoint's rules (RFC 6749 §4.1.3, §5.2; RFC 7636 §4.6), on the form a client posts:
 * the HTTP route and Lede's own callback (which calls it in process) go through the same checks.
 */
export async function exchangeCode(world: World, form: URLSearchParams): Promise<EndpointAnswer> {
  const oauthError = (status: number, error: string, description: string): EndpointAnswer => ({
    status,
    body: { error, error_description: description },
  });
  const { once, repeated } = readFields(form, TOKEN_FIELDS);
  const [twice] = repeated;
  if (twice !== undefined) return oauthError(400, 'invalid_request', `The parameter ${twice} was sent more than once.`);
  const parsed = tokenRequest.safeParse(once);
  if (!parsed.success) {
    const wrong = refusedFields(parsed);
    if (once.grant_type === undefined) return oauthError(400, 'invalid_request', 'The grant_type is missing.');
    if (wrong.has('grant_type')) {
      return oauthError(400, 'unsupported_grant_type', 'Example ID grants only "authorization_code".');
    }
    if (TOKEN_FIELDS.some((name) => once[name] === undefined)) {
      return oauthError(400, 'invalid_request', 'Send code, redirect_uri, client_id and code_verifier.');
    }
    if (wrong.has('client_id')) return oauthError(401, 'invalid_client', 'Example ID does not know this client.');
    // All that is left to refuse: the verifier's shape.
    return oauthError(400, 'invalid_request', 'The code_verifier must be 43 to 128 unreserved characters.');
  }
  const { code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier } = parsed.data;
  const found = await world.tokens.find('oauth-code', code);
  if (found.kind === 'missing') return oauthError(400, 'invalid_grant', CODE_UNKNOWN);
  if (found.kind === 'expired') return oauthError(400, 'invalid_grant', CODE_EXPIRED);
  const { record } = found;
  if (record.data.used === true) {
    // A code presented twice may have been stolen: what it bought is taken back (RFC 6749 §4.1.2).
    if (typeof record.data.grant === 'string') await world.tokens.revoke('oauth-grant', record.data.grant);
    return oauthError(400, 'invalid_grant', CODE_USED);
  }
  if (record.data.clientId !== clientId || record.data.redirectUri !== redirectUri) {
    return oauthError(400, 'invalid_grant', CODE_MISMATCH);
  }
  if (!sameText(codeChallenge(verifier), String(record.data.challenge))) {
    return oauthError(400, 'invalid_grant', VERIFIER_MISMATCH);
  }
  // Exchanged at the same instant twice, the code buys one token.
  if (!(await world.tokens.claim('oauth-code', code))) return oauthError(400, 'invalid_grant', CODE_USED);
  // The grant ties the access token to its code, so the code's reuse can revoke it.
  const grant = randomBytes(16).toString('base64url');
  await world.tokens.issue('oauth-grant', record.email, ACCESS_TOKEN_LIFETIME_MS, {}, grant);
  await world.tokens.update('oauth-code', code, { ...record, data: { ...record.data, used: true, grant } });
  const { token } = await world.tokens.issue('oauth-access-token', record.email, ACCESS_TOKEN_LIFETIME_MS, {
    grant,
    name: String(record.data.name),
    emailVerified: record.data.emailVerified === true,
  });
  return {
    status: 200,
    body: { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000 },
    headers: { Pragma: 'no-cache' },
  };
}

/** The userinfo endpoint's rules, on the request's `Authorization` header (RFC 6750). */
export async function readUserInfo(world: World, authorization: string | null): Promise<EndpointAnswer> {
  const refused = (error: 'invalid_request' | 'invalid_token', description: string): EndpointAnswer => ({
    status: 401,
    body: { error, error_description: description },
    headers: {
      'WWW-Authenticate': `Bearer realm="example-id"${error === 'invalid_token' ? ', error="invalid_token"' : ''}`,
    },
  });
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined)
    return refused('invalid_request', 'Send an access token: Authorization: Bearer <token>.');
  const found = await world.tokens.find('oauth-access-token', match[1]);
  if (found.kind !== 'live') return refused('invalid_token', 'The access token is not valid, or has expired.');
  const { record } = found;
  const grant =
    typeof record.data.grant === 'string' ? await world.tokens.find('oauth-grant', record.data.grant) : undefined;
  if (grant?.kind !== 'live') return refused('invalid_token', 'The access token was revoked.');
  return {
    status: 200,
    body: {
      sub: subjectOf(record.email),
      email: record.email,
      email_verified: record.data.emailVerified === true,
      name: String(record.data.name),
    },
  };
}

/** The provider's stable identifier for an address: the same in every world, and not the address itself. */
function subjectOf(email: string): string {
  return createHash('sha256').update(`example-id:${email}`).digest('base64url').slice(0, 22);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function answer({ status, body, headers = {} }: EndpointAnswer): Response {
  return json(status, body, headers);
}

const oauthError = (errors: readonly [string, ...string[]]) =>
  z.object({ error: z.enum(errors), error_description: z.string() }).meta({ description: 'RFC 6749 §5.2' });
const BACK_WITH_AN_ERROR = redirect(
  'Back to the redirect_uri with `error=invalid_request` and `error_description` (and `state`): a malformed request.',
);

const CONSENT: OperationDoc = {
  tag: TAGS.exampleId,
  summary: 'Example ID’s consent page',
  description: 'Where Lede sends the browser (GET /api/oauth/example-id/start): choose an account, then Allow or Deny.',
  query: authorizationRequest,
  answers: {
    200: page('The consent page: a form that posts back here.'),
    302: BACK_WITH_AN_ERROR,
    400: page('An application or redirect_uri Example ID does not know: it says so, and sends nobody back.'),
  },
};

const DECISION: OperationDoc = {
  tag: TAGS.exampleId,
  summary: 'The reader’s answer on the consent page',
  form: authorizationRequest.extend(consentAnswer.shape),
  answers: {
    302: redirect(
      'Back to the redirect_uri with `code` (allowed) or `error=access_denied` (denied), and `state`; or a malformed request’s error.',
    ),
    400: page(
      'The consent page again, with what to fix; or the page refusing an unknown application, or a body it cannot read.',
    ),
  },
};

const TOKEN: OperationDoc = {
  tag: TAGS.exampleId,
  summary: 'An authorization code for an access token',
  form: tokenRequest,
  answers: {
    200: ok(
      'The access token (1 hour).',
      z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.int() }),
      { Pragma: z.literal('no-cache') },
    ),
    400: refused(
      'A malformed request, or a code that is unknown, expired, used (its tokens are then revoked), another client’s, or whose verifier does not match.',
      oauthError(['invalid_request', 'invalid_grant', 'unsupported_grant_type']),
    ),
    401: refused('A client Example ID does not know.', oauthError(['invalid_client'])),
  },
};

const USER_INFO: OperationDoc = {
  tag: TAGS.exampleId,
  summary: 'Who the access token is for',
  headers: z.object({ Authorization: z.string().meta({ description: '`Bearer <access token>`' }) }),
  answers: {
    200: ok(
      'The verified claims.',
      z.object({ sub: z.string(), email: z.string(), email_verified: z.boolean(), name: z.string() }),
    ),
    401: refused('No token, or one not valid (expired, revoked).', oauthError(['invalid_request', 'invalid_token']), {
      'WWW-Authenticate': z.string().regex(/^Bearer /),
    }),
  },
};

const STYLESHEET_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.exampleId,
    summary: 'Example ID’s stylesheet',
    answers: { 200: { description: 'Its pages’ CSS.', type: 'text/css', body: z.string() } },
  },
};

export function exampleIdRoutes(): RouteTable {
  return {
    [EXAMPLE_ID_PATHS.authorize]: { methods: { GET: authorize, POST: decide }, docs: { GET: CONSENT, POST: DECISION } },
    [EXAMPLE_ID_PATHS.token]: {
      methods: {
        async POST({ body, place: { world } }) {
          if (body.kind === 'refused')
            return answer({ status: 400, body: { error: 'invalid_request', error_description: body.error } });
          return answer(await exchangeCode(world, body.kind === 'form' ? body.value : new URLSearchParams()));
        },
      },
      docs: { POST: TOKEN },
    },
    [EXAMPLE_ID_PATHS.userinfo]: {
      methods: {
        async GET(call) {
          return answer(await readUserInfo(call.place.world, call.headers.get('Authorization')));
        },
      },
      docs: { GET: USER_INFO },
    },
    [EXAMPLE_ID_PATHS.stylesheet]: {
      methods: { GET: stylesheet },
      docs: STYLESHEET_DOCS,
    },
  };
}
