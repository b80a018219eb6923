// Property: a sandbox is a world of its own. Whatever one client does in its sandbox, the
// answers another client gets in another sandbox are exactly what they would have been had the
// first done nothing — for any sequence of logins, logouts, subscriptions, resets and clock moves
// on either side, interleaved in any order, with the default world busy too.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, PERSONAS } from '../paywall/personas.ts';
import { SESSION_COOKIE, createApiHandler, type ApiHandler } from './handler.ts';
import { MINUTE, REST, T0, createSandbox, findArticle, post, request, sandboxed } from './handler.testing.ts';

type Action =
  | { kind: 'log-in'; persona: number; tag: string; rightPassword: boolean; remember: boolean }
  /** Five wrong passwords in a row: enough to trip the throttle. */
  | { kind: 'trip-throttle'; persona: number; tag: string }
  | { kind: 'log-out' }
  | { kind: 'who-am-i' }
  | { kind: 'read-rest' }
  | { kind: 'subscribe' }
  | { kind: 'reset'; keepSessions: boolean }
  | { kind: 'move-clock'; by: number }
  | { kind: 'read-clock' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('log-in' as const),
      persona: fc.integer({ min: 0, max: PERSONAS.length - 1 }),
      tag: fc.constantFrom('', '+a', '+b'),
      rightPassword: fc.boolean(),
      remember: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('trip-throttle' as const),
      persona: fc.integer({ min: 0, max: PERSONAS.length - 1 }),
      tag: fc.constantFrom('', '+a', '+b'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'log-out' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'who-am-i' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'read-rest' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'subscribe' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), keepSessions: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move-clock' as const),
      by: fc.constantFrom(0, MINUTE, 15 * MINUTE, 31 * MINUTE, 13 * 60 * MINUTE, 8 * 24 * 60 * MINUTE),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'read-clock' as const }) },
);

/** A client of one world: its own session cookie, kept from the answers as a browser would. */
function client(api: ApiHandler): (act: Action) => Promise<string> {
  let session: string | undefined;
  const withSession = (path: string, init: RequestInit = {}): Request =>
    request(path, { ...init, ...(session === undefined ? {} : { cookie: session }) });
  function toRequest(act: Exclude<Action, { kind: 'trip-throttle' }>): Request {
    switch (act.kind) {
      case 'log-in': {
        const email = address(act.persona, act.tag);
        const password = act.rightPassword ? DEMO_PASSWORD : 'wrong';
        const login = post('/api/session', JSON.stringify({ email, password, remember: act.remember }));
        return session === undefined ? login : new Request(login, { headers: withSession('/').headers });
      }
      case 'log-out':
        return withSession('/api/session', { method: 'DELETE' });
      case 'who-am-i':
        return withSession('/api/session');
      case 'read-rest':
        return withSession(REST);
      case 'subscribe':
        return withSession('/api/subscription', { method: 'POST' });
      case 'reset':
        return post('/api/test/reset', JSON.stringify({ keepSessions: act.keepSessions }));
      case 'move-clock':
        return post('/api/test/clock', JSON.stringify({ advanceBy: act.by }));
      case 'read-clock':
        return request('/api/test/clock');
    }
  }
  async function send(act: Exclude<Action, { kind: 'trip-throttle' }>): Promise<string> {
    const response = await api(toRequest(act));
    const setCookie = response.headers.get('Set-Cookie');
    const value = setCookie === null ? undefined : new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1];
    if (value !== undefined) session = value === '' ? undefined : value;
    const text = await response.text();
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.status < 500 || (response.status === 503 && text.includes('unavailable'))).toBe(true);
    // Everything but the session id and a two-factor challenge (random by design) must match.
    const withoutSecrets = text.replace(/"challenge":"[^"]*"/, '"challenge":"…"');
    return `${response.status} ${response.headers.get('Date') ?? ''} ${withoutSecrets}`;
  }
  return async (act) => {
    if (act.kind !== 'trip-throttle') return send(act);
    const tries = Array.from({ length: 5 }, (): Action => ({
      ...act,
      kind: 'log-in',
      rightPassword: false,
      remember: false,
    }));
    const answers: string[] = [];
    for (const attempt of tries) if (attempt.kind === 'log-in') answers.push(await send(attempt));
    return answers.join('\n');
  };
}

function address(persona: number, tag: string): string {
  const [name, domain] = (PERSONAS[persona]?.reader.email ?? 'nobody@example.com').split('@');
  return `${name ?? ''}${tag}@${domain ?? ''}`;
}

describe('sandbox isolation', () => {
  test('another sandbox and the default world change nothing a sandbox sees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.constantFrom('other', 'default'), action), { maxLength: 25 }),
        fc.array(fc.nat({ max: 25 }), { minLength: 25, maxLength: 25 }),
        async (observed, noise, positions) => {
          const options = { findArticle, testHooks: true, now: () => T0, sleep: () => Promise.resolve() };
          // Alone: only the observed client's sandbox is used.
          const alone = createApiHandler(options);
          const aloneClient = client(sandboxed(alone, await createSandbox(alone)));
          const expected: string[] = [];
          for (const act of observed) expected.push(await aloneClient(act));
          // Together: the same actions, with the noise interleaved at the generated positions.
          const busy = createApiHandler(options);
          const other = client(sandboxed(busy, await createSandbox(busy)));
          const observedClient = client(sandboxed(busy, await createSandbox(busy)));
          const everyone = client(busy);
          const actual: string[] = [];
          let next = 0;
          for (const [index, act] of observed.entries()) {
            for (; next < noise.length && (positions[next] ?? 0) <= index; next += 1) {
              const [where, noiseAct] = noise[next] ?? ['default', { kind: 'who-am-i' }];
              await (where === 'other' ? other : everyone)(noiseAct);
            }
            actual.push(await observedClient(act));
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
