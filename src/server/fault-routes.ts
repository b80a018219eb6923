// Faults' API, a test hook (always served in a sandbox): PUT /api/test/faults sets the world's
// rules (a JSON array; it replaces the rules and their counts), GET lists them with how often each
// fired, DELETE clears them. See faults.ts for the rules and the `Lede-Fault` header.
import { TESTER_API } from '../config/tester-paths.ts';
import { FAULTS_EXPECTED, faultRules, toRule } from './faults.ts';
import { json } from './http.ts';
import { check } from './request-schemas.ts';
import type { RouteTable } from './routes.ts';

export function faultRoutes(): RouteTable {
  return {
    [TESTER_API.testFaults]: {
      hook: true,
      methods: {
        async GET({ place: { world } }) {
          return json(200, { faults: await world.faults.list() });
        },
        async PUT({ body, place: { world } }) {
          if (body.kind === 'refused') return json(body.status, { error: body.error });
          const rules = check(faultRules, body, FAULTS_EXPECTED);
          if (rules.kind === 'invalid') return json(400, { error: rules.error });
          await world.faults.set(rules.value.map(toRule));
          return json(200, { faults: await world.faults.list() });
        },
        async DELETE({ place: { world } }) {
          await world.faults.clear();
          return json(200, { faults: [] });
        },
      },
    },
  };
}
