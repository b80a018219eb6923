// Signing in by email: a link and a 6-digit code in one message, as Ghost and Memberful do. Asking
// is answered alike for every address, with the same store work (a link and a code are made even
// for an address with no account; only the message is not sent), so nothing is enumerated.
//
// - A link is a random token (tokens.ts) bound to the address. It may be opened again within
//   REUSE_WINDOW_MS of its first use, because mail scanners open links before the reader does
//   (Ghost's fix); after that it is "used". The scanned persona's scanner opens it as it is sent.
// - The code is kept per address (the token's key is the address), hashed with its salt, with its
//   attempts and the times codes were asked for: a new request replaces the code (the old link
//   stays valid), CODE_ATTEMPTS wrong tries spend it, and the request times throttle asking.
//
// Each try at a code is counted before the code is compared, atomically (tokens.countTry), so tries
// sent in parallel cannot slip past CODE_ATTEMPTS; a right code is spent by an atomic claim, so it
// signs in once. Request times are read, then rewritten: two requests for a code at the same
// instant may count as one, a tolerance that still bounds asking to a few an hour.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ACCOUNT_API, ACCOUNT_PAGES } from '../config/account-paths.ts';
import { looksLikeEmail } from '../paywall/new-account.ts';
import { normaliseEmail } from '../paywall/personas.ts';
import type { Account } from './accounts.ts';
import type { Call } from './call.ts';
import {
  LOCKED,
  SIGNED_IN,
  TAGS,
  fieldErrors,
  message,
  ok,
  refusalBody,
  refused,
  throttled,
  type OperationDoc,
} from './api-docs.ts';
import { iso, json } from './http.ts';
import { check } from './request-schemas.ts';
import type { RouteKit, RouteTable } from './routes.ts';
import type { TokenRecord } from './tokens.ts';

export const LINK_LIFETIME_MS = 24 * 60 * 60_000;
/** How long a link still signs in after its first use: a scanner's visit must not spend it. */
export const REUSE_WINDOW_MS = 10 * 60_000;
export const CODE_ATTEMPTS = 5;
/** Requests for one address (known or not) within REQUEST_WINDOW_MS; past it, 429. */
export const MAX_REQUESTS = 5;
export const REQUEST_WINDOW_MS = 60 * 60_000;

export const LINK_REQUESTED =
  'If an account uses this address, a sign-in link and code are on their way. They work for 24 hours.';
export const LINK_REQUEST_EXPECTED =
  'Expected a JSON object { "email": string, "remember"?: boolean, "next"?: "/a/path" }.';
export const LINK_SIGN_IN_EXPECTED = 'Expected a JSON object { "token": string, "remember"?: boolean }.';
export const CODE_SIGN_IN_EXPECTED =
  'Expected a JSON object { "email": string, "code": "<6 digits>", "remember"?: boolean }.';
export const EMAIL_EXPECTED = 'Enter an email address, like name@example.com.';
export const CODE_EXPECTED = 'Enter the 6-digit code from the email.';

export const LINK_INVALID = 'This sign-in link is not valid. Ask for a new one.';
export const LINK_EXPIRED = 'This sign-in link has expired: links work for 24 hours. Ask for a new one.';
export const LINK_USED = 'This sign-in link has been used already. Ask for a new one.';
/** The same for an unknown address and a wrong code. */
export const WRONG_CODE = 'That code is not right. Check the latest email from Lede and try again.';
export const CODE_EXPIRED = 'That code has expired: codes work for 24 hours. Ask for a new one.';
export const CODE_USED = 'That code has been used already. Ask for a new one.';
export const CODE_SPENT = 'That code was tried too many times. Ask for a new one.';
const ACCOUNT_LOCKED = 'This account is locked.';

const MAX_EMAIL_LENGTH = 254;
const MAX_NEXT_LENGTH = 2048;

const linkRequest = z
  .object({
    email: z.string(),
    remember: z.boolean().default(false),
    next: z.string().optional().meta({ description: 'A path of ours the link returns to.' }),
  })
  .meta({ id: 'SignInLinkRequest' });
const linkSignIn = z.object({ token: z.string(), remember: z.boolean().optional() }).meta({ id: 'LinkSignIn' });
const codeSignIn = z
  .object({
    email: z.string(),
    code: z.string().meta({ description: 'The 6 digits from the email.' }),
    remember: z.boolean().optional(),
  })
  .meta({ id: 'CodeSignIn' });

/** The code's record as this module keeps it in a token's `data`. */
interface CodeState {
  salt: string;
  hash: string;
  /** When codes were asked for (world times, space-separated), the last MAX_REQUESTS. */
  requests: string;
  remember: boolean;
  used: boolean;
}

export function signInLinkRoutes(kit: RouteKit): RouteTable {
  return {
    [ACCOUNT_API.signInLinks]: { methods: { POST: requestLink }, docs: { POST: REQUEST_LINK } },
    [ACCOUNT_API.sessionByLink]: { methods: { POST: (call) => signInByLink(call, kit) }, docs: { POST: BY_LINK } },
    [ACCOUNT_API.sessionByCode]: { methods: { POST: (call) => signInByCode(call, kit) }, docs: { POST: BY_CODE } },
  };
}

const REQUEST_LINK: OperationDoc = {
  tag: TAGS.signIn,
  summary: 'Email a sign-in link and a 6-digit code',
  description: 'Answered alike for every address; an account’s is sent both (the test inbox). Both work 24 hours.',
  body: { schema: linkRequest },
  answers: {
    202: ok('Asked for.', message),
    400: [refused('Not `{ email, remember?, next? }`.'), refused('Not an address.', fieldErrors('email'))],
    429: throttled('Five an hour for one address.', ['throttled']),
  },
};

const BY_LINK: OperationDoc = {
  tag: TAGS.signIn,
  summary: 'Sign in by a sign-in link',
  description: 'Again within 10 minutes of its first use (mail scanners open links first).',
  body: { schema: linkSignIn },
  answers: {
    200: SIGNED_IN,
    400: [refused('Not `{ token, remember? }`.'), refused('The link names nothing.', refusalBody(['invalid']))],
    403: LOCKED,
    410: refused(
      'Used, or expired: `email` to ask for a new one.',
      refusalBody(['used', 'expired'], { email: z.string() }),
    ),
  },
};

const BY_CODE: OperationDoc = {
  tag: TAGS.signIn,
  summary: 'Sign in by the code from the same email',
  body: { schema: codeSignIn },
  answers: {
    200: SIGNED_IN,
    400: [refused('Not `{ email, code, remember? }`.'), refused('Not 6 digits.', fieldErrors('code'))],
    401: refused('Not the code (the same answer for an address never sent one).', refusalBody(['wrong-code'])),
    403: LOCKED,
    410: refused('Expired, used, or tried 5 times wrong.', refusalBody(['expired', 'used', 'too-many-attempts'])),
  },
};

/** POST /api/sign-in-links: 202 for every well-formed address, known or not; 429 past the throttle. */
async function requestLink({ url, place: { world }, body }: Call): Promise<Response> {
  if (body.kind === 'refused') return json(body.status, { error: body.error });
  const checked = check(linkRequest, body, LINK_REQUEST_EXPECTED);
  if (checked.kind === 'invalid') return json(400, { error: checked.error });
  const { email, remember, next } = checked.value;
  const address = normaliseEmail(email);
  if (!looksLikeEmail(address)) return json(400, { error: EMAIL_EXPECTED, fields: { email: EMAIL_EXPECTED } });

  const now = world.now;
  const [account, held] = await Promise.all([world.accounts.find(address), world.tokens.find('sign-in-code', address)]);
  const recent = requestTimes(held.kind === 'missing' ? undefined : held.record).filter(
    (time) => time > now - REQUEST_WINDOW_MS,
  );
  const [oldest] = recent;
  if (oldest !== undefined && recent.length >= MAX_REQUESTS) {
    const retryAt = oldest + REQUEST_WINDOW_MS;
    const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return json(
      429,
      {
        error: `Too many sign-in emails asked for this address. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
        reason: 'throttled',
        retryAt: iso(retryAt),
      },
      { 'Retry-After': String(seconds) },
    );
  }

  // The scanned persona's mail scanner opens the link as it arrives: its first use is now.
  const scanned = account?.persona.fault === 'scanned';
  const link = await world.tokens.issue('sign-in-link', address, LINK_LIFETIME_MS, {
    remember,
    ...(scanned ? { firstUsedAt: now } : {}),
  });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('base64url');
  const state: CodeState = {
    salt,
    hash: hashCode(salt, code),
    requests: [...recent, now].slice(-MAX_REQUESTS).join(' '),
    remember,
    used: false,
  };
  await world.tokens.issue('sign-in-code', address, LINK_LIFETIME_MS, { ...state }, address);
  if (account !== undefined) {
    const target = new URL(ACCOUNT_PAGES.signInLink, url.origin);
    target.searchParams.set('token', link.token);
    const returnPath = toNext(next);
    if (returnPath !== undefined) target.searchParams.set('next', returnPath);
    await world.inbox.send({
      to: address,
      subject: 'Your Lede sign-in link',
      text: [
        'Sign in to Lede with this link:',
        '',
        target.href,
        '',
        `Or enter this code on the sign-in page: ${code}`,
        '',
        'The link and the code work for 24 hours. The link may be opened again within 10 minutes of its first use.',
        'If you did not ask to sign in, ignore this email: nothing happens without the link or the code.',
      ].join('\n'),
      links: [target.href],
      code,
    });
  }
  return json(202, { message: LINK_REQUESTED });
}

/** POST /api/session/link: 200 and a session; 400 invalid, 410 expired or used, 403 locked. */
async function signInByLink(call: Call, kit: RouteKit): Promise<Response> {
  const {
    place: { world },
    body,
  } = call;
  if (body.kind === 'refused') return json(body.status, { error: body.error });
  const checked = check(linkSignIn, body, LINK_SIGN_IN_EXPECTED);
  if (checked.kind === 'invalid') return json(400, { error: checked.error });
  const { token, remember } = checked.value;
  const found = await world.tokens.find('sign-in-link', token);
  if (found.kind === 'missing') return json(400, { error: LINK_INVALID, reason: 'invalid' });
  // Whoever holds a used or expired link had its email: the page may offer a new one to the same address.
  if (found.kind === 'expired') {
    return json(410, { error: LINK_EXPIRED, reason: 'expired', email: found.record.email });
  }
  const { record } = found;
  const firstUsedAt = typeof record.data.firstUsedAt === 'number' ? record.data.firstUsedAt : undefined;
  if (firstUsedAt !== undefined && world.now >= firstUsedAt + REUSE_WINDOW_MS) {
    return json(410, { error: LINK_USED, reason: 'used', email: record.email });
  }
  // A link made for an address with no account (asking answers alike) signs nobody in.
  const account = await world.accounts.find(record.email);
  if (account === undefined) return json(400, { error: LINK_INVALID, reason: 'invalid' });
  if (isLocked(account)) return json(403, { error: ACCOUNT_LOCKED, reason: 'locked' });
  if (firstUsedAt === undefined) {
    const used = await world.tokens.update('sign-in-link', token, {
      ...record,
      data: { ...record.data, firstUsedAt: world.now },
    });
    if (!used) return json(400, { error: LINK_INVALID, reason: 'invalid' });
  }
  return kit.issueSession(call, account, remember ?? record.data.remember === true);
}

/**
 * POST /api/session/code: 200 and a session; 401 for a wrong code and for an address that was
 * never sent one (the same answer); 410 expired, used, or spent by CODE_ATTEMPTS wrong tries.
 * Spent is 410, not 429: waiting does not bring the code back, asking for a new one does.
 */
async function signInByCode(call: Call, kit: RouteKit): Promise<Response> {
  const {
    place: { world },
    body,
  } = call;
  if (body.kind === 'refused') return json(body.status, { error: body.error });
  const checked = check(codeSignIn, body, CODE_SIGN_IN_EXPECTED);
  if (checked.kind === 'invalid') return json(400, { error: checked.error });
  const { email, code, remember } = checked.value;
  if (!/^\d{6}$/.test(code)) return json(400, { error: CODE_EXPECTED, fields: { code: CODE_EXPECTED } });
  const wrong = json(401, { error: WRONG_CODE, reason: 'wrong-code' });
  if (email.length > MAX_EMAIL_LENGTH) return wrong;
  const address = normaliseEmail(email);
  const [account, found] = await Promise.all([
    world.accounts.find(address),
    world.tokens.find('sign-in-code', address),
  ]);
  if (found.kind === 'missing') return wrong;
  const state = toCodeState(found.record);
  if (state === undefined) return wrong;
  if (found.kind === 'expired') return json(410, { error: CODE_EXPIRED, reason: 'expired' });
  if (state.used) return json(410, { error: CODE_USED, reason: 'used' });
  const spentByTries = json(410, { error: CODE_SPENT, reason: 'too-many-attempts' });
  const attempt = await world.tokens.countTry('sign-in-code', address, CODE_ATTEMPTS + 1);
  if (attempt > CODE_ATTEMPTS) return spentByTries;

  // An address without an account was never sent its code: no code is right for it.
  const matches = safeEqual(hashCode(state.salt, code), state.hash);
  if (!matches || account === undefined) return attempt >= CODE_ATTEMPTS ? spentByTries : wrong;
  if (isLocked(account)) return json(403, { error: ACCOUNT_LOCKED, reason: 'locked' });
  if (!(await world.tokens.claim('sign-in-code', address))) return json(410, { error: CODE_USED, reason: 'used' });
  await world.tokens.update('sign-in-code', address, { ...found.record, data: { ...state, used: true } });
  return kit.issueSession(call, account, remember ?? state.remember);
}

/** As the password login has it: the locked persona is locked whichever way it comes in. */
function isLocked(account: Account): boolean {
  return account.persona.fault === 'locked';
}

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function requestTimes(record: TokenRecord | undefined): number[] {
  const requests = record?.data.requests;
  if (typeof requests !== 'string' || requests === '') return [];
  return requests
    .split(' ')
    .map(Number)
    .filter((time) => Number.isFinite(time));
}

function toCodeState(record: TokenRecord): CodeState | undefined {
  const { salt, hash, requests, remember, used } = record.data;
  if (typeof salt !== 'string' || typeof hash !== 'string') return undefined;
  return {
    salt,
    hash,
    requests: typeof requests === 'string' ? requests : '',
    remember: remember === true,
    used: used === true,
  };
}

/**
 * Where the link returns to, if the page sent a plain path of ours. The page checks it again
 * (toReturnPath) when the link is opened; this only keeps odd values out of the email.
 */
function toNext(next: string | undefined): string | undefined {
  if (next === undefined || next.length > MAX_NEXT_LENGTH) return undefined;
  // eslint-disable-next-line no-control-regex -- a control character is never part of a path of ours
  return /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/.test(next) ? next : undefined;
}
