// Lede's side of "Continue with Example ID": an OAuth 2.0 client of the mock provider
// (example-id.ts), authorization code with PKCE and `state`. The start makes the attempt — its
// state and verifier kept server-side in the world's tokens, named by an HttpOnly cookie in this
// browser — and sends the browser to the provider. The callback checks the state against this
// browser's attempt, trades the code for a token and reads who signed in (through the provider's
// own endpoint rules, as a remote call would meet them), then signs that verified address in:
// its account, a persona's or a created one, or a new account without a password. Every failure
// goes to the sign-in problem page, in Lede's words.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { stringifySetCookie } from 'cookie';
import { ACCOUNT_API, ACCOUNT_PAGES, EXAMPLE_ID_PATHS, type SignInProblem } from '../config/account-paths.ts';
import type { Call } from './call.ts';
import {
  CODE_EXPIRED,
  CODE_USED,
  EXAMPLE_ID_CLIENT,
  callbackUrl,
  codeChallenge,
  exchangeCode,
  readUserInfo,
  redirectTo,
} from './example-id.ts';
import { z } from 'zod';
import { TAGS, redirect, setCookie, type RouteDocs } from './api-docs.ts';
import { toServerReturnPath } from './return-path.ts';
import type { RouteKit, RouteTable } from './routes.ts';
import { cookieValues } from './session-cookie.ts';

/** Names this browser's sign-in attempt; sent only to Lede's Example ID routes. */
export const ATTEMPT_COOKIE = 'lede_oauth_attempt';
/** Ten minutes by the world's clock to choose an account and come back. */
export const ATTEMPT_LIFETIME_MS = 10 * 60_000;
const ATTEMPT_COOKIE_PATH = '/api/oauth/example-id';

function attemptCookie(url: URL, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie(ATTEMPT_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: ATTEMPT_COOKIE_PATH,
    secure: url.protocol === 'https:',
    maxAge: maxAgeSeconds,
  });
}

/** GET /api/oauth/example-id/start?next=<path>: a new attempt, and a 302 to Example ID's consent page. */
async function start({ url, place: { world } }: Call): Promise<Response> {
  const next = toServerReturnPath(url.searchParams.get('next'));
  const state = randomBytes(16).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const { token: attempt } = await world.tokens.issue('oauth-attempt', '', ATTEMPT_LIFETIME_MS, {
    state,
    verifier,
    next,
  });
  return redirectTo(
    `${url.origin}${EXAMPLE_ID_PATHS.authorize}`,
    {
      response_type: 'code',
      client_id: EXAMPLE_ID_CLIENT.id,
      redirect_uri: callbackUrl(url.origin),
      scope: 'openid email',
      state,
      code_challenge: codeChallenge(verifier),
      code_challenge_method: 'S256',
    },
    [['Set-Cookie', attemptCookie(url, attempt, ATTEMPT_LIFETIME_MS / 1000)]],
  );
}

/** GET /api/oauth/example-id/callback?code&state (or ?error&state): signs the reader in, or says why not. */
async function callback(call: Call, kit: RouteKit): Promise<Response> {
  const {
    url,
    place: { world },
  } = call;
  const params = url.searchParams;
  const [named, ...others] = cookieValues(call.headers.get('Cookie'), ATTEMPT_COOKIE);
  const attempt =
    named === undefined || others.length > 0
      ? { kind: 'missing' as const }
      : await world.tokens.find('oauth-attempt', named);
  // Good once: whatever happens next, this attempt is over.
  if (attempt.kind !== 'missing' && named !== undefined) await world.tokens.revoke('oauth-attempt', named);
  const clearAttempt: [string, string] = ['Set-Cookie', attemptCookie(url, '', 0)];
  const next = attempt.kind === 'live' ? String(attempt.record.data.next) : '/';
  const problem = (reason: SignInProblem): Response =>
    redirectTo(`${url.origin}${ACCOUNT_PAGES.signInProblem}`, { reason, next }, [clearAttempt]);

  // Nothing the provider says is believed before the state shows this browser started it.
  const state = params.getAll('state');
  if (attempt.kind !== 'live' || state.length !== 1 || !sameText(state[0] ?? '', String(attempt.record.data.state))) {
    return problem('state-mismatch');
  }
  const error = params.get('error');
  if (error !== null) return problem(error === 'access_denied' ? 'access-denied' : 'provider-error');
  const code = params.get('code');
  if (code === null) return problem('provider-error');

  const token = await exchangeCode(
    world,
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: callbackUrl(url.origin),
      client_id: EXAMPLE_ID_CLIENT.id,
      code_verifier: String(attempt.record.data.verifier),
    }),
  );
  if (token.status !== 200 || typeof token.body.access_token !== 'string') {
    const description = token.body.error_description;
    return problem(
      description === CODE_EXPIRED ? 'code-expired' : description === CODE_USED ? 'code-used' : 'provider-error',
    );
  }
  const info = await readUserInfo(world, `Bearer ${token.body.access_token}`);
  if (info.status !== 200 || typeof info.body.email !== 'string') return problem('provider-error');
  if (info.body.email_verified !== true) return problem('email-unverified');

  // Linked by the verified address: the account that has it, or a new one without a password.
  const email = info.body.email;
  const account = (await world.accounts.find(email)) ?? (await createAndFind(call, email));
  if (account === undefined) return problem('provider-error');
  if (account.persona.fault === 'locked') return problem('account-locked');
  const signedIn = await kit.issueSession(call, account, false);
  const response = redirectTo(`${url.origin}${next}`, {}, [clearAttempt]);
  for (const cookie of signedIn.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
  return response;
}

async function createAndFind({ place: { world } }: Call, email: string) {
  await world.accounts.createWithoutPassword(email);
  return world.accounts.find(email);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const START_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.signIn,
    summary: 'Sign in with Example ID',
    description: 'OAuth 2.0 with PKCE (S256) and `state`; the attempt lives 10 minutes.',
    query: z.object({ next: z.string().optional().meta({ description: 'A path of ours to return to.' }) }),
    answers: {
      302: redirect('To Example ID’s consent page.', {
        'Set-Cookie': setCookie(ATTEMPT_COOKIE, 'Names this browser’s attempt (HttpOnly).'),
      }),
    },
  },
};

const CALLBACK_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.signIn,
    summary: 'Example ID’s way back (the redirect_uri)',
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
      error_description: z.string().optional(),
    }),
    cookies: z.object({ [ATTEMPT_COOKIE]: z.string().optional() }),
    answers: {
      302: redirect(
        'To `next`, signed in (the session cookie), as the account with the verified address (created without a password if none); else to /account/sign-in-problem?reason=…',
        { 'Set-Cookie': setCookie(ATTEMPT_COOKIE, 'The attempt cleared; the session cookie too when signed in.') },
      ),
    },
  },
};

export function exampleIdSignInRoutes(kit: RouteKit): RouteTable {
  return {
    [ACCOUNT_API.exampleIdStart]: {
      methods: { GET: start },
      docs: START_DOCS,
    },
    [ACCOUNT_API.exampleIdCallback]: {
      methods: { GET: (call) => callback(call, kit) },
      docs: CALLBACK_DOCS,
    },
  };
}
