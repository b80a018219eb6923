// The test inbox's API, a test hook (always served in a sandbox): GET /api/test/inbox?to=<email>
// answers { messages } newest first (every message of the world without `to`); DELETE empties it.
import { ACCOUNT_API } from '../config/account-paths.ts';
import { json } from './http.ts';
import type { RouteTable } from './routes.ts';

/** Longer than any address (RFC 5321's 254), and a `to` that long finds nothing anyway. */
const MAX_TO_LENGTH = 320;

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
    },
  };
}
