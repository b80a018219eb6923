// The request log's API, a test hook (always served in a sandbox): GET /api/test/requests answers
// { requests } newest first; DELETE empties it. Its own requests are not logged.
import { z } from 'zod';
import { TESTER_API } from '../config/tester-paths.ts';
import { TAGS, deletedCount, isoTime, ok, type RouteDocs } from './api-docs.ts';
import { json } from './http.ts';
import type { RouteTable } from './routes.ts';

export const logged = z
  .object({
    at: isoTime,
    method: z.string(),
    path: z.string(),
    status: z.int(),
    durationMs: z.int().min(0),
    persona: z.string().optional().meta({ description: 'Whose session sent it.' }),
    fault: z.string().optional().meta({ description: 'The fault it met: a rule’s id, or "header".' }),
  })
  .meta({ id: 'LoggedRequest' });

const REQUEST_LOG_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.hooks,
    summary: 'The world’s last 200 API requests',
    answers: { 200: ok('Newest first; secrets in queries blanked.', z.object({ requests: z.array(logged) })) },
  },
  DELETE: { tag: TAGS.hooks, summary: 'Empty the request log', answers: { 200: ok('How many went.', deletedCount) } },
};

export function requestLogRoutes(): RouteTable {
  return {
    [TESTER_API.testRequests]: {
      hook: true,
      methods: {
        async GET({ place: { world } }) {
          return json(200, { requests: await world.requests.list() });
        },
        async DELETE({ place: { world } }) {
          const deleted = await world.requests.size();
          await world.requests.clear();
          return json(200, { deleted });
        },
      },
      docs: REQUEST_LOG_DOCS,
    },
  };
}
