// Password reset: "Forgot password?" sends a link to the address, if it has an account; the link
// (single use, 1 hour by the world's clock) opens a page that checks it before anyone types, then
// sets a new password. Every answer to a request is the same 202 whether the address has an
// account or not, after the same store work (a token is issued either way; only an account's
// owner is sent it), and an address is sent at most one link a minute, known or not alike.
// Setting the password ends every session of the account (their browsers are told, as after
// "Log out other devices") and forgets the login throttle's failures for the address.
import { ACCOUNT_API, ACCOUNT_PAGES } from '../config/account-paths.ts';
import { newPasswordProblem } from '../paywall/new-account.ts';
import { normaliseEmail } from '../paywall/personas.ts';
import { z } from 'zod';
import { TAGS, fieldErrors, message, ok, refused, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import {
  EMAIL_REFUSALS,
  HOUR_MS,
  LINK_REFUSALS,
  SENT_TOO_RECENTLY,
  emailBody,
  openLink,
  linkRefused,
  linkTo,
  readEmail,
  readToken,
  readTokenAndPassword,
  sentTooRecently,
  spend,
  tokenBody,
  tokenPasswordBody,
  type LinkRefusal,
} from './mailed-links.ts';
import type { Account } from './accounts.ts';
import type { RouteTable } from './routes.ts';
import type { TokenRecord } from './tokens.ts';

export const RESET_LIFETIME_MS = HOUR_MS;
export const RESET_SUBJECT = 'Reset your Lede password';
export const RESET_REQUESTED =
  'If this address has a Lede account, we have sent it a link to choose a new password. The link works for 1 hour.';

const REFUSED: Record<LinkRefusal, string> = {
  invalid: 'This reset link is not valid. Ask for a new one.',
  expired: 'This reset link has expired: links work for 1 hour. Ask for a new one.',
  used: 'This reset link has been used already. Ask for a new one if you need to.',
};

/**
 * A reset link issued before the password was last set counts as used: setting a password with
 * one link spends every other link sent before it.
 */
function spentByLaterReset(account: Account, record: TokenRecord): boolean {
  return account.passwordSetAt !== undefined && record.issuedAt <= account.passwordSetAt;
}

const emailOf = z.object({ email: z.string() });

const ASK_RESET_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Email a password reset link',
    description: 'Answered alike for every address; an account’s owner is sent a 1-hour, single-use link.',
    body: { schema: emailBody },
    answers: { 202: ok('Asked for.', message), 400: EMAIL_REFUSALS, 429: SENT_TOO_RECENTLY },
  },
};

const CHECK_RESET_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Whether a reset link still works',
    body: { schema: tokenBody },
    answers: { 200: ok('It does: for this address.', emailOf), ...LINK_REFUSALS },
  },
};

const COMPLETE_RESET_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Set a new password by a reset link',
    description: 'Every session of the account ends; its failed logins are forgotten.',
    body: { schema: tokenPasswordBody },
    answers: {
      200: ok('Set.', emailOf),
      400: [...LINK_REFUSALS[400], refused('The password breaks the rules, in words.', fieldErrors('password'))],
      410: LINK_REFUSALS[410],
    },
  },
};

export function passwordResetRoutes(): RouteTable {
  return {
    [ACCOUNT_API.passwordResets]: {
      methods: {
        async POST(call) {
          const read = readEmail(call.body);
          if (read.kind === 'refused') return read.response;
          const { world } = call.place;
          const address = normaliseEmail(read.email);
          const verdict = await world.sendLimit.take('password-reset', address);
          if (verdict.kind === 'refused') return sentTooRecently(verdict, world.now);
          const [account, issued] = await Promise.all([
            world.accounts.find(address),
            world.tokens.issue('password-reset', address, RESET_LIFETIME_MS),
          ]);
          if (account !== undefined) {
            const link = linkTo(call, ACCOUNT_PAGES.resetPassword, issued.token);
            await world.inbox.send({
              to: address,
              subject: RESET_SUBJECT,
              text: [
                `Someone asked to reset the password of the Lede account ${address}.`,
                `Choose a new password here (the link works once, for 1 hour):\n${link}`,
                'If you did not ask, ignore this email: your password stays as it is.',
              ].join('\n\n'),
              links: [link],
            });
          }
          return json(202, { message: RESET_REQUESTED });
        },
      },
      docs: ASK_RESET_DOCS,
    },
    [ACCOUNT_API.checkPasswordReset]: {
      methods: {
        async POST({ body, place: { world } }) {
          const read = readToken(body);
          if (read.kind === 'refused') return read.response;
          if (read.kind === 'invalid') return json(400, { error: read.error });
          const link = await openLink(world, 'password-reset', read.value.token, REFUSED);
          if (link.kind === 'refused') return link.response;
          if (spentByLaterReset(link.account, link.record)) return linkRefused('used', REFUSED);
          return json(200, { email: link.account.address });
        },
      },
      docs: CHECK_RESET_DOCS,
    },
    [ACCOUNT_API.completePasswordReset]: {
      methods: {
        async POST({ body, place: { world } }) {
          const read = readTokenAndPassword(body);
          if (read.kind === 'refused') return read.response;
          if (read.kind === 'invalid') return json(400, { error: read.error });
          const { token, password } = read.value;
          const link = await openLink(world, 'password-reset', token, REFUSED);
          if (link.kind === 'refused') return link.response;
          const { account, record } = link;
          if (spentByLaterReset(account, record)) return linkRefused('used', REFUSED);
          const problem = newPasswordProblem(password);
          if (problem !== undefined) return json(400, { error: 'Check the password.', fields: { password: problem } });
          const used = await spend(world, 'password-reset', token, record, REFUSED);
          if (used !== undefined) return used;
          await world.accounts.setPassword(account, password);
          const sessions = await world.sessions.sessionsOf(account.address);
          await Promise.all([
            ...sessions.map((session) => world.sessions.end(session.id, 'ended-elsewhere')),
            world.throttle.forget(account.address),
          ]);
          return json(200, { email: account.address });
        },
      },
      docs: COMPLETE_RESET_DOCS,
    },
  };
}
