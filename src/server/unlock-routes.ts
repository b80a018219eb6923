// Unlock links: a locked account's owner asks for one from the login page's "This account is
// locked" message; the link (single use, 1 hour by the world's clock) unlocks the account in this
// world until the world is reset. Asking answers the same 202 for every address, after the same
// store work (a token is issued either way; only a locked account's owner is sent it), at most
// one a minute per address.
import { ACCOUNT_API, ACCOUNT_PAGES } from '../config/account-paths.ts';
import { normaliseEmail } from '../paywall/personas.ts';
import { z } from 'zod';
import { TAGS, message, ok, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import {
  EMAIL_REFUSALS,
  HOUR_MS,
  LINK_REFUSALS,
  SENT_TOO_RECENTLY,
  emailBody,
  openLink,
  linkTo,
  readEmail,
  readToken,
  sentTooRecently,
  spend,
  tokenBody,
  type LinkRefusal,
} from './mailed-links.ts';
import type { RouteTable } from './routes.ts';

export const UNLOCK_LIFETIME_MS = HOUR_MS;
export const UNLOCK_SUBJECT = 'Unlock your Lede account';
export const UNLOCK_REQUESTED =
  'If this account is locked, we have sent its address a link to unlock it. The link works for 1 hour.';

const REFUSED: Record<LinkRefusal, string> = {
  invalid: 'This unlock link is not valid. Ask for a new one from the login page.',
  expired: 'This unlock link has expired: links work for 1 hour. Ask for a new one from the login page.',
  used: 'This unlock link has been used already: the account is unlocked.',
};

const ASK_UNLOCK_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Email an unlock link',
    description: 'Answered alike for every address; a locked account’s owner is sent a 1-hour link.',
    body: { schema: emailBody },
    answers: { 202: ok('Asked for.', message), 400: EMAIL_REFUSALS, 429: SENT_TOO_RECENTLY },
  },
};

const UNLOCK_DOCS: RouteDocs = {
  POST: {
    tag: TAGS.account,
    summary: 'Unlock an account by its link',
    description: 'Unlocked in this world until it is reset.',
    body: { schema: tokenBody },
    answers: { 200: ok('Unlocked.', z.object({ email: z.string() })), ...LINK_REFUSALS },
  },
};

export function unlockRoutes(): RouteTable {
  return {
    [ACCOUNT_API.unlockLinks]: {
      methods: {
        async POST(call) {
          const read = readEmail(call.body);
          if (read.kind === 'refused') return read.response;
          const { world } = call.place;
          const address = normaliseEmail(read.email);
          const verdict = await world.sendLimit.take('unlock', address);
          if (verdict.kind === 'refused') return sentTooRecently(verdict, world.now);
          const [account, issued] = await Promise.all([
            world.accounts.find(address),
            world.tokens.issue('unlock', address, UNLOCK_LIFETIME_MS),
          ]);
          if (account !== undefined && (await world.accounts.isLocked(account))) {
            const link = linkTo(call, ACCOUNT_PAGES.unlock, issued.token);
            await world.inbox.send({
              to: address,
              subject: UNLOCK_SUBJECT,
              text: [
                `Someone asked to unlock the Lede account ${address}.`,
                `Unlock it here (the link works once, for 1 hour):\n${link}`,
                'If you did not ask, ignore this email: the account stays locked.',
              ].join('\n\n'),
              links: [link],
            });
          }
          return json(202, { message: UNLOCK_REQUESTED });
        },
      },
      docs: ASK_UNLOCK_DOCS,
    },
    [ACCOUNT_API.unlock]: {
      methods: {
        async POST({ body, place: { world } }) {
          const read = readToken(body);
          if (read.kind === 'refused') return read.response;
          if (read.kind === 'invalid') return json(400, { error: read.error });
          const { token } = read.value;
          const link = await openLink(world, 'unlock', token, REFUSED);
          if (link.kind === 'refused') return link.response;
          const { account, record } = link;
          const used = await spend(world, 'unlock', token, record, REFUSED);
          if (used !== undefined) return used;
          await world.accounts.unlock(account);
          return json(200, { email: account.address });
        },
      },
      docs: UNLOCK_DOCS,
    },
  };
}
