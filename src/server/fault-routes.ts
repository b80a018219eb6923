// Faults' API, a test hook (always served in a sandbox): PUT /api/test/faults sets the world's
// rules (a JSON array; it replaces the rules and their counts), POST adds one, GET lists them with
// how often each fired, DELETE clears them, or with ?id= removes one (the others keep their
// counts). See faults.ts for the rules and the `Lede-Fault` header.
import { z } from 'zod';
import { TESTER_API } from '../config/tester-paths.ts';
import { TAGS, ok, refusalBody, refused, type RouteDocs } from './api-docs.ts';
import {
  FAULT_EXPECTED,
  FAULT_KINDS,
  FAULTS_EXPECTED,
  TOO_MANY_FAULTS,
  faultRule,
  faultRules,
  toRule,
} from './faults.ts';
import { json } from './http.ts';
import { check } from './request-schemas.ts';
import type { RouteTable } from './routes.ts';

/** A rule as GET lists it: its id, what it matches, what it does, and how often it fired. */
export const listed = z.object({
  faults: z.array(
    z
      .object({
        id: z.string(),
        method: z.string().optional(),
        path: z.string(),
        kind: z.enum(FAULT_KINDS),
        status: z.int().optional(),
        delayMs: z.int().optional(),
        times: z.int().optional(),
        probability: z.number().optional(),
        fired: z.int().min(0),
      })
      .meta({ id: 'FaultRule' }),
  ),
});

const FAULTS_DOCS: RouteDocs = {
  GET: {
    tag: TAGS.hooks,
    summary: 'The world’s fault rules',
    answers: { 200: ok('Each rule with how often it fired.', listed) },
  },
  PUT: {
    tag: TAGS.hooks,
    summary: 'Set the world’s fault rules',
    description: 'Replaces the rules, and their counts.',
    body: { schema: faultRules },
    answers: { 200: ok('The rules as stored.', listed), 400: refused('Not a list of rules.') },
  },
  POST: {
    tag: TAGS.hooks,
    summary: 'Add a fault rule',
    description: 'After the rules held, whose counts stay.',
    body: { schema: faultRule },
    answers: {
      201: ok('The rules as stored, the new one last.', listed),
      400: refused('Not a rule.'),
      409: refused(`The world holds the most rules it may.`),
    },
  },
  DELETE: {
    tag: TAGS.hooks,
    summary: 'Clear the world’s fault rules, or remove one',
    description: 'With `?id=`, only that rule goes; the others keep their counts.',
    query: z.object({ id: z.string().optional().meta({ description: 'The rule to remove (its `id` in the list).' }) }),
    answers: {
      200: ok('The rules left: none, or all but the one removed.', listed),
      404: refused('No rule has that id.', refusalBody(['unknown-rule'])),
    },
  },
};

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
        async POST({ body, place: { world } }) {
          if (body.kind === 'refused') return json(body.status, { error: body.error });
          const given = check(faultRule, body, FAULT_EXPECTED);
          if (given.kind === 'invalid') return json(400, { error: given.error });
          if ((await world.faults.add(toRule(given.value))) === 'full') return json(409, { error: TOO_MANY_FAULTS });
          return json(201, { faults: await world.faults.list() });
        },
        async DELETE({ url, place: { world } }) {
          const id = url.searchParams.get('id');
          if (id === null) {
            await world.faults.clear();
            return json(200, { faults: [] });
          }
          if (!(await world.faults.remove(id))) {
            return json(404, { error: 'No fault rule has that id.', reason: 'unknown-rule' });
          }
          return json(200, { faults: await world.faults.list() });
        },
      },
      docs: FAULTS_DOCS,
    },
  };
}
