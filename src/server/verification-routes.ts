// Email verification for accounts created on the site (POST /api/accounts): the account works at
// once, its reader says `"verified": false` until the link sent to the address (7 days by the
// world's clock, single use) is opened. A signed-in reader may have it sent again, once a minute.
import { ACCOUNT_API, ACCOUNT_PAGES } from '../config/account-paths.ts';
import type { Account } from './accounts.ts';
import type { Call } from './call.ts';
import { z } from 'zod';
import { LOG_IN_FIRST, TAGS, message, ok, refusalBody, refused, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import {
  LINK_REFUSALS,
  SENT_TOO_RECENTLY,
  openLink,
  linkTo,
  readToken,
  sentTooRecently,
  spend,
  tokenBody,
  type LinkRefusal,
} from './mailed-links.ts';
import type { RouteTable } from './routes.ts';

export const VERIFY_LIFETIME_MS = 7 * 24 * 60 * 60_000;
export const VERIFY_SUBJECT = 'Verify your email address for Lede';

const REFUSED: Record<LinkRefusal, string> = {
  invalid: 'This verification link is not valid. Log in and ask for a new one.',
  expired: 'This verification link has expired: links work for 7 days. Log in and ask for a new one.',
  used: 'This verification link has been used already: the address is verified.',
};

/**
 * Issues a verification link for `address` and sends it if `account` is a created, unverified one.
 * Called for every well-formed POST /api/accounts, new address or not, so both cost the same.
 */
export async function sendVerification(call: Call, address: string, account: Account | undefined): Promise<void> {
  const { world } = call.place;
  const { token } = await world.tokens.issue('verify-email', address, VERIFY_LIFETIME_MS);
  if (account === undefined || account.verified) return;
  const link = linkTo(call, ACCOUNT_PAGES.verifyEmail, token);
  await world.inbox.send({
    to: address,
    subject: VERIFY_SUBJECT,
    text: [
      `Welcome to Lede. Confirm that ${address} is your address here (the link works for 7 days):\n${link}`,
      'If you did not create a Lede account, ignore this email.',
    ].join('\n\n'),
    links: [link],
  });
}

const RESEND_VERIFICATION_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Send the verification link again',
    session: 'required',
    answers: {
      202: ok('Sent to the reader’s address.', message),
      401: LOG_IN_FIRST,
      409: refused('Verified already.', refusalBody(['verified'])),
      429: SENT_TOO_RECENTLY,
    },
  },
};

const COMPLETE_VERIFICATION_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Verify an address by its link',
    body: { schema: tokenBody },
    answers: {
      200: ok('Verified.', z.object({ email: z.string(), verified: z.literal(true) })),
      ...LINK_REFUSALS,
    },
  },
};

export function verificationRoutes(): RouteTable {
  return {
    [ACCOUNT_API.verification]: {
      methods: {
        async POST(call) {
          const { visitor, body, place } = call;
          if (body.kind === 'refused') return json(body.status, { error: body.error });
          if (visitor.kind !== 'signed-in') return json(401, { error: 'Log in to verify your address.' });
          const { account } = visitor;
          if (account.verified) return json(409, { error: 'This address is verified already.', reason: 'verified' });
          const verdict = await place.world.sendLimit.take('verify-email', account.address);
          if (verdict.kind === 'refused') return sentTooRecently(verdict, place.world.now);
          await sendVerification(call, account.address, account);
          return json(202, { message: `We have sent a new link to ${account.address}. It works for 7 days.` });
        },
      },
      docs: RESEND_VERIFICATION_DOCS,
    },
    [ACCOUNT_API.completeVerification]: {
      methods: {
        async POST({ body, place: { world } }) {
          const read = readToken(body);
          if (read.kind === 'refused') return read.response;
          if (read.kind === 'invalid') return json(400, { error: read.error });
          const { token } = read.value;
          const link = await openLink(world, 'verify-email', token, REFUSED);
          if (link.kind === 'refused') return link.response;
          const { account, record } = link;
          const used = await spend(world, 'verify-email', token, record, REFUSED);
          if (used !== undefined) return used;
          await world.accounts.markVerified(account);
          return json(200, { email: account.address, verified: true });
        },
      },
      docs: COMPLETE_VERIFICATION_DOCS,
    },
  };
}
