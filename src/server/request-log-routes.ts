// The request log's API, a test hook (always served in a sandbox): GET /api/test/requests answers
// { requests } newest first; DELETE empties it. Its own requests are not logged.
import { TESTER_API } from '../config/tester-paths.ts';
import { json } from './http.ts';
import type { RouteTable } from './routes.ts';

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
    },
  };
}
