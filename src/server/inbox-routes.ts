// The test inbox's API, a test hook (always served in a sandbox): GET /api/test/inbox?to=<email>
// answers { messages } newest first (every message of the world without `to`); DELETE empties it.
import { z } from 'zod';
import { ACCOUNT_API } from '../config/account-paths.ts';
import { TAGS, deletedCount, isoTime, ok, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import type { RouteTable } from './routes.ts';

/** Longer than any address (RFC 5321's 254), and a `to` that long finds nothing anyway. */
const MAX_TO_LENGTH = 320;

export const mail = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    links: z.array(z.string()).meta({ description: 'Every link in `text`, in order.' }),
    code: z.string().optional().meta({ description: 'The one-time code in `text`, if any.' }),
    sentAt: isoTime,
  })
  .meta({ id: 'Mail' });

const INBOX_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.hooks,
    summary: 'What Lede “sent” by email in this world',
    query: z.object({ to: z.string().optional().meta({ description: 'Only the messages to this address.' }) }),
    answers: { 200: ok('Newest first.', z.object({ messages: z.array(mail) })) },
  },
  DELETE: {
    tag: TAGS.hooks,
    summary: 'Empty the test inbox',
    answers: { 200: ok('How many messages went.', deletedCount) },
  },
};

export function inboxRoutes(): RouteTable {
  return {
    [ACCOUNT_API.testInbox]: {
      hook: true,
      methods: {
        async GET({ url, place: { world } }) {
          const to = url.searchParams.get('to') ?? undefined;
          if (to !== undefined && to.length > MAX_TO_LENGTH) return json(200, { messages: [] });
          return json(200, { messages: await world.inbox.list(to) });
        },
        async DELETE({ place: { world } }) {
          const deleted = await world.inbox.size();
          await world.inbox.clear();
          return json(200, { deleted });
        },
      },
      docs: INBOX_DOCS,
    },
  };
}
