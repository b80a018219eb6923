// The lab's fault form: what it takes, what it refuses and in which words, how a rule reads back —
// and that it never sends a rule the server would refuse, nor refuses one it would take.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FAULT_KINDS as SERVER_FAULT_KINDS,
  MAX_FAULT_DELAY_MS,
  MAX_FAULT_RULES,
  faultRules,
} from '../../server/faults.ts';
import { FAULT_KINDS, FAULT_LIMITS, type FaultKind } from '../../client-state/api-lab.ts';
import {
  EMPTY_FAULT_FORM,
  FAULT_ERRORS,
  describeFault,
  parseFaultForm,
  type FaultFormErrors,
  type FaultFormValues,
} from './fault-form.ts';

const form = (values: Partial<FaultFormValues>): FaultFormValues => ({ ...EMPTY_FAULT_FORM, ...values });

test('the lab knows the kinds and limits the server holds', () => {
  expect(FAULT_KINDS).toEqual(SERVER_FAULT_KINDS);
  expect(FAULT_LIMITS.delayMs).toBe(MAX_FAULT_DELAY_MS);
  expect(FAULT_LIMITS.rules).toBe(MAX_FAULT_RULES);
});

describe('a rule read from the form', () => {
  test.each<[string, Partial<FaultFormValues>, object]>([
    ['a status on one path', { path: '/api/session' }, { path: '/api/session', kind: 'status', status: 503 }],
    [
      'a method, a status, once',
      { method: 'POST', path: ' /api/session ', status: '500', times: '1' },
      { method: 'POST', path: '/api/session', kind: 'status', status: 500, times: 1 },
    ],
    ['a delay', { path: '/api/**', kind: 'delay', delayMs: '2000' }, { path: '/api/**', kind: 'delay', delayMs: 2000 }],
    [
      'a timeout on half the requests (a status typed before is not sent)',
      { path: '/api/articles/*/rest', kind: 'timeout', status: '500', percent: '50' },
      { path: '/api/articles/*/rest', kind: 'timeout', probability: 0.5 },
    ],
    [
      'a reset after a wait, three times',
      { path: '/api/meter', kind: 'reset', delayMs: '0', times: '3' },
      { path: '/api/meter', kind: 'reset', delayMs: 0, times: 3 },
    ],
    [
      'malformed, never (0 %)',
      { path: '/x', kind: 'malformed', percent: '0' },
      { path: '/x', kind: 'malformed', probability: 0 },
    ],
    ['12.5 %', { path: '/x', kind: 'reset', percent: '12.5' }, { path: '/x', kind: 'reset', probability: 0.125 }],
  ])('%s', (_name, values, rule) => {
    expect(parseFaultForm(form(values))).toEqual({ kind: 'ok', rule });
  });

  test.each<[string, Partial<FaultFormValues>, FaultFormErrors]>([
    ['no path', {}, { path: FAULT_ERRORS.pathMissing }],
    ['a path without its slash', { path: 'api/session' }, { path: FAULT_ERRORS.pathMissing }],
    ['a path too long', { path: `/${'a'.repeat(200)}` }, { path: FAULT_ERRORS.pathTooLong }],
    ['a status below 400', { path: '/x', status: '399' }, { status: FAULT_ERRORS.status }],
    ['a status above 599', { path: '/x', status: '600' }, { status: FAULT_ERRORS.status }],
    ['no status', { path: '/x', status: '' }, { status: FAULT_ERRORS.status }],
    ['a status in words', { path: '/x', status: 'five hundred' }, { status: FAULT_ERRORS.status }],
    ['a delay fault with no delay', { path: '/x', kind: 'delay' }, { delayMs: FAULT_ERRORS.delayNeeded }],
    ['a delay past a minute', { path: '/x', kind: 'timeout', delayMs: '60001' }, { delayMs: FAULT_ERRORS.delay }],
    ['a negative delay', { path: '/x', kind: 'timeout', delayMs: '-5' }, { delayMs: FAULT_ERRORS.delay }],
    ['no times', { path: '/x', times: '0' }, { times: FAULT_ERRORS.times }],
    ['times past 1000', { path: '/x', times: '1001' }, { times: FAULT_ERRORS.times }],
    ['half a time', { path: '/x', times: '1.5' }, { times: FAULT_ERRORS.times }],
    ['a share past 100 %', { path: '/x', percent: '101' }, { percent: FAULT_ERRORS.percent }],
    ['a share in words', { path: '/x', percent: 'half' }, { percent: FAULT_ERRORS.percent }],
    [
      'everything wrong at once: each field says so',
      { path: '', status: '1', delayMs: 'x', times: 'y', percent: 'z' },
      {
        path: FAULT_ERRORS.pathMissing,
        status: FAULT_ERRORS.status,
        delayMs: FAULT_ERRORS.delay,
        times: FAULT_ERRORS.times,
        percent: FAULT_ERRORS.percent,
      },
    ],
  ])('%s: refused, in words for the field', (_name, values, errors) => {
    expect(parseFaultForm(form(values))).toEqual({ kind: 'invalid', errors });
  });
});

describe('the form and the server agree', () => {
  const digits = fc.oneof(
    fc.integer({ min: -5, max: 70_000 }).map(String),
    fc.constantFrom('', ' 7 ', '1.5', 'x', '1e3'),
  );
  const valuesArb: fc.Arbitrary<FaultFormValues> = fc.record({
    method: fc.constantFrom('', 'GET', 'POST', 'PUT', 'DELETE'),
    path: fc.oneof(fc.constantFrom('/api/session', '/api/**', '', 'api', ' /x '), fc.string({ maxLength: 210 })),
    kind: fc.constantFrom<FaultKind>(...FAULT_KINDS),
    status: digits,
    delayMs: digits,
    times: digits,
    percent: fc.oneof(digits, fc.double({ min: 0, max: 120, noNaN: true }).map(String)),
  });

  test('every rule the form takes, the server takes (PUT /api/test/faults)', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const parsed = parseFaultForm(values);
        if (parsed.kind === 'ok') expect(faultRules.safeParse([parsed.rule]).success).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  test('a rule the server takes and the form could hold, the form takes too', () => {
    const ruleArb = fc.record({
      path: fc.string({ minLength: 1, maxLength: 199 }).map((rest) => `/${rest.trim()}`),
      kind: fc.constantFrom<FaultKind>(...FAULT_KINDS),
      status: fc.integer({ min: 400, max: 599 }),
      delayMs: fc.integer({ min: 0, max: MAX_FAULT_DELAY_MS }),
      times: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(ruleArb, ({ path, kind, status, delayMs, times }) => {
        const parsed = parseFaultForm(
          form({
            path,
            kind,
            status: String(status),
            delayMs: String(delayMs),
            times: times === undefined ? '' : String(times),
          }),
        );
        expect(parsed.kind).toBe('ok');
      }),
    );
  });
});

describe('a rule in words', () => {
  test.each<[object, string]>([
    [
      { method: 'POST', path: '/api/session', kind: 'status', status: 503, times: 1 },
      'POST /api/session: answers 503, once',
    ],
    [{ path: '/api/**', kind: 'delay', delayMs: 2000 }, 'Any method /api/**: waits 2000 ms, then answers as usual'],
    [
      { path: '/api/articles/*/rest', kind: 'timeout', delayMs: 500, times: 2, probability: 0.5 },
      'Any method /api/articles/*/rest: times out after 500 ms, twice, on 50 % of requests',
    ],
    [{ path: '/x', kind: 'reset', times: 4 }, 'Any method /x: drops the connection, 4 times'],
    [
      { path: '/x', kind: 'malformed', probability: 0.125 },
      'Any method /x: answers a body that is not JSON, on 12.5 % of requests',
    ],
  ])('%j', (rule, words) => {
    expect(describeFault(rule as Parameters<typeof describeFault>[0])).toBe(words);
  });
});
