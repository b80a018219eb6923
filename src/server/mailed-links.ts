// What the routes that send a link by email share (a password reset, an unlock link, an email
// verification): reading `{ email }` and `{ token }` bodies, a link's refusal in words, the answer
// when an address was sent one a moment ago, and the absolute link the message carries.
import { z } from 'zod';
import { looksLikeEmail, MAX_NEW_PASSWORD_LENGTH } from '../paywall/new-account.ts';
import type { Account } from './accounts.ts';
import type { Call } from './call.ts';
import { fieldErrors, refusalBody, refused, throttled, type Answer, type Status } from './api-docs.ts';
import { iso, json } from './http.ts';
import type { RequestBody } from './request-body.ts';
import { check, type Checked } from './request-schemas.ts';
import type { SendVerdict } from './send-limit.ts';
import type { TokenLookup, TokenPurpose, TokenRecord, Tokens } from './tokens.ts';
import type { World } from './world.ts';

export const HOUR_MS = 60 * 60_000;

export const EMAIL_EXPECTED = 'Expected a JSON object { "email": string }.';
export const TOKEN_EXPECTED = 'Expected a JSON object { "token": string }.';
export const TOKEN_PASSWORD_EXPECTED = 'Expected a JSON object { "token": string, "password": string }.';

/** Longer than any token Lede makes or keys: it names nothing, and is not worth reading. */
const MAX_TOKEN_LENGTH = 1000;

export const emailBody = z.object({ email: z.string() }).meta({ id: 'EmailOnly' });
export const tokenBody = z.object({ token: z.string().max(MAX_TOKEN_LENGTH) }).meta({ id: 'TokenOnly' });
export const tokenPasswordBody = z
  .object({
    token: z.string().max(MAX_TOKEN_LENGTH),
    // Longer than the rule allows is said in words below; longer still is not read.
    password: z.string().max(MAX_NEW_PASSWORD_LENGTH * 4),
  })
  .meta({ id: 'TokenAndPassword' });

/** How readEmail refuses, for the API reference. */
export const EMAIL_REFUSALS: Answer[] = [refused('Not `{ email }`.'), refused('Not an address.', fieldErrors('email'))];
/** How a link that opens nothing is refused (linkRefused). */
export const LINK_REFUSALS = {
  400: [refused('Not `{ token }`.'), refused('The link names nothing.', refusalBody(['invalid']))],
  410: refused('Expired, or used already.', refusalBody(['expired', 'used'])),
} satisfies Partial<Record<Status, Answer | Answer[]>>;
/** sentTooRecently's answer. */
export const SENT_TOO_RECENTLY = throttled('This kind of link was sent to the address less than a minute ago.');

/** `{ email }`, or the 400 to answer: a malformed body, or an address that is plainly none. */
export function readEmail(body: RequestBody): { kind: 'ok'; email: string } | { kind: 'refused'; response: Response } {
  if (body.kind === 'refused') return { kind: 'refused', response: json(body.status, { error: body.error }) };
  const checked = check(emailBody, body, EMAIL_EXPECTED);
  if (checked.kind === 'invalid') return { kind: 'refused', response: json(400, { error: checked.error }) };
  const email = checked.value.email.trim();
  if (!looksLikeEmail(email)) {
    const error = 'Enter an email address, like name@example.com.';
    return { kind: 'refused', response: json(400, { error, fields: { email: error } }) };
  }
  return { kind: 'ok', email };
}

export function readToken(body: RequestBody): Checked<{ token: string }> | { kind: 'refused'; response: Response } {
  if (body.kind === 'refused') return { kind: 'refused', response: json(body.status, { error: body.error }) };
  return check(tokenBody, body, TOKEN_EXPECTED);
}

export function readTokenAndPassword(
  body: RequestBody,
): Checked<{ token: string; password: string }> | { kind: 'refused'; response: Response } {
  if (body.kind === 'refused') return { kind: 'refused', response: json(body.status, { error: body.error }) };
  return check(tokenPasswordBody, body, TOKEN_PASSWORD_EXPECTED);
}

/** Why a link opens nothing, as the pages read it (`reason`) and in words. */
export type LinkRefusal = 'invalid' | 'expired' | 'used';

/**
 * A live, unused token's record, or why not. Used means spent: `data.usedAt` is written when the
 * link does its work, so the page can say "already used" rather than "not valid".
 */
export async function findUsable(
  tokens: Tokens,
  purpose: TokenPurpose,
  token: string,
): Promise<{ kind: 'usable'; record: TokenRecord } | { kind: 'refused'; why: LinkRefusal }> {
  const lookup: TokenLookup = await tokens.find(purpose, token);
  if (lookup.kind === 'missing') return { kind: 'refused', why: 'invalid' };
  if (lookup.record.data.usedAt !== undefined) return { kind: 'refused', why: 'used' };
  if (lookup.kind === 'expired') return { kind: 'refused', why: 'expired' };
  return { kind: 'usable', record: lookup.record };
}

/**
 * The account a live, unused link was sent for, or the answer refusing it in `words`. A link
 * issued for an address with no account was never sent: it names nothing.
 */
export async function openLink(
  world: World,
  purpose: TokenPurpose,
  token: string,
  words: Record<LinkRefusal, string>,
): Promise<{ kind: 'open'; record: TokenRecord; account: Account } | { kind: 'refused'; response: Response }> {
  const found = await findUsable(world.tokens, purpose, token);
  if (found.kind === 'refused') return { kind: 'refused', response: linkRefused(found.why, words) };
  const account = await world.accounts.find(found.record.email);
  if (account === undefined) return { kind: 'refused', response: linkRefused('invalid', words) };
  return { kind: 'open', record: found.record, account };
}

/**
 * Spends a token before its link does its work; undefined when spent, or the "used" refusal in
 * `words` when another use got there first (at the same instant: findUsable saw it unused too).
 * Spent tokens are kept, so a later use is told "used" too.
 */
export async function spend(
  world: World,
  purpose: TokenPurpose,
  token: string,
  record: TokenRecord,
  words: Record<LinkRefusal, string>,
): Promise<Response | undefined> {
  if (!(await world.tokens.claim(purpose, token))) return linkRefused('used', words);
  await world.tokens.update(purpose, token, { ...record, data: { ...record.data, usedAt: world.now } });
  return undefined;
}

/** 400 for a link that names nothing, 410 for one that did and no longer works. */
export function linkRefused(why: LinkRefusal, words: Record<LinkRefusal, string>): Response {
  return json(why === 'invalid' ? 400 : 410, { error: words[why], reason: why });
}

/** 429 when the address was sent this kind of link a moment ago: when to try again, in words too. */
export function sentTooRecently(verdict: Extract<SendVerdict, { kind: 'refused' }>, now: number): Response {
  const seconds = Math.max(1, Math.ceil((verdict.retryAt - now) / 1000));
  return json(
    429,
    {
      error: `A link was asked for this address a moment ago. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
      retryAt: iso(verdict.retryAt),
    },
    { 'Retry-After': String(seconds) },
  );
}

/** The absolute link a message carries: the page, on the origin the request came to. */
export function linkTo({ url }: Call, page: string, token: string): string {
  return `${url.origin}${page}?token=${encodeURIComponent(token)}`;
}
