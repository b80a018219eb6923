// The API reference, GET /api/openapi.json: served in any world, a valid OpenAPI 3.1 document,
// naming every path the handler routes with exactly the methods it serves. That every answer
// keeps to it is the property suite's part (handler.property.test.ts); here, that the contract it
// uses refuses what breaks the document.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, test } from 'vitest';
import { ACCOUNT_API, EXAMPLE_ID_PATHS } from '../config/account-paths.ts';
import { API_PATHS } from '../config/paths.ts';
import { OPENAPI_PATH, SANDBOX_API, TESTER_API } from '../config/tester-paths.ts';
import { REST, body, createSandbox, post, request, sandboxed, setup } from './handler.testing.ts';
import { createContract } from './openapi-contract.testing.ts';
import { createOpenApiDocument, documentedPaths } from './openapi-document.ts';
import { routeModules } from './route-modules.ts';

const modules = routeModules({ issueSession: () => Promise.reject(new Error('not in these tests')) });
const made = createOpenApiDocument(documentedPaths(modules));
const documented = made.paths ?? {};

/** A path the handler answers for each of the document's: a template's `{name}` filled in. */
function concrete(path: string): string {
  return path.replace('{slug}', 'no-such-article').replace('{id}', '00000000-0000-4000-8000-000000000000');
}

async function served(headers: Record<string, string> = {}) {
  const { api } = setup({ testHooks: false });
  return api(request(OPENAPI_PATH, { headers }));
}

describe('GET /api/openapi.json', () => {
  test('answers the OpenAPI 3.1 document as JSON, not cached', async () => {
    const response = await served();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const document = (await body(response)) as {
      openapi: string;
      info: { title: string };
      servers: { url: string }[];
      paths: object;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Lede API');
    // Relative, so a tool that reads the document from any Lede sends its requests there.
    expect(document.servers.map((server) => server.url)).toEqual(['/']);
    expect(Object.keys(document.paths)).toContain('/api/session');
  });

  test.each([
    ['a malformed sandbox choice', { 'Lede-Sandbox': 'not-a-sandbox' }],
    ['a sandbox that does not exist', { 'Lede-Sandbox': '00000000-0000-4000-8000-000000000000' }],
    ['a fault asked for', { 'Lede-Fault': 'status=503' }],
  ])('is the same document with %s: it is outside every world, and never faulted', async (_, headers) => {
    const plain = await (await served()).text();
    const response = await served(headers);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(plain);
  });

  test('is not in the request log, and does not renew a sandbox or need one', async () => {
    const { api } = setup();
    const id = await createSandbox(api);
    const inSandbox = sandboxed(api, id);
    expect((await inSandbox(request(OPENAPI_PATH))).status).toBe(200);
    const log = (await body(await inSandbox(request(TESTER_API.testRequests)))) as { requests: { path: string }[] };
    expect(log.requests.map((entry) => entry.path)).not.toContain(OPENAPI_PATH);
  });

  test('takes GET only; a write from another site is refused first', async () => {
    const { api } = setup();
    const response = await api(post(OPENAPI_PATH, '{}'));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
    const crossSite = await api(request(OPENAPI_PATH, { method: 'POST', headers: { Origin: 'https://evil.example' } }));
    expect(crossSite.status).toBe(403);
  });
});

describe('the document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(made)) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  test('names every path the handler routes: a new route without an entry fails here', () => {
    const routed = [
      ...Object.values(API_PATHS),
      ...Object.values(ACCOUNT_API),
      ...Object.values(TESTER_API),
      ...Object.values(SANDBOX_API),
      ...Object.values(EXAMPLE_ID_PATHS),
      ...Object.keys(modules),
      OPENAPI_PATH,
      '/api/articles/{slug}/rest',
      '/api/sandboxes/{id}',
    ];
    const missing = routed.filter((path) => !(path in documented));
    expect(missing).toEqual([]);
  });

  test.each(Object.entries(documented))('%s: the handler serves exactly the methods it lists', async (path, item) => {
    const { api } = setup();
    const response = await api(request(concrete(path), { method: 'OPTIONS' }));
    expect(response.status).toBe(405);
    const allowed = (response.headers.get('Allow') ?? '').split(', ').sort();
    const listed = Object.keys(item ?? {})
      .filter((key) => ['get', 'put', 'post', 'delete'].includes(key))
      .map((method) => method.toUpperCase())
      .sort();
    expect(allowed).toEqual(listed);
  });

  test('its request bodies are the schemas the routes check with: what it requires is refused without', async () => {
    const { api } = setup();
    const credentials = made.components?.schemas?.Credentials as { required?: string[] } | undefined;
    expect(credentials?.required).toEqual(['email', 'password']);
    const response = await api(post(API_PATHS.session, '{"email":"reader@example.com"}'));
    expect(response.status).toBe(400);
  });
});

describe('the contract the property suite holds answers to', () => {
  const contract = createContract(made);
  const jsonAnswer = (status: number, value: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const checked = (method: string, pathname: string, response: Response, value?: unknown) =>
    contract.check({ method, pathname, response, text: value === undefined ? '' : JSON.stringify(value), json: value });

  test('passes an answer the document describes, and counts it by operation', () => {
    const before = contract.counts.get('GET /api/session') ?? 0;
    expect(checked('GET', API_PATHS.session, jsonAnswer(200, { reader: null }), { reader: null })).toBeUndefined();
    expect(contract.counts.get('GET /api/session')).toBe(before + 1);
    const sandbox = { id: '5b1f6f8e-2f0c-4d8e-9a4b-2f3c1d0e9a7b', expiresAt: '2026-01-01T00:00:00.000Z' };
    const created = jsonAnswer(201, sandbox, { Location: `/api/sandboxes/${sandbox.id}` });
    expect(checked('POST', API_PATHS.sandboxes, created, sandbox)).toBeUndefined();
  });

  test.each([
    ['a field the document does not list', 'GET', API_PATHS.session, 200, { reader: null, extra: 1 }, {}],
    ['a status the document does not list', 'GET', API_PATHS.session, 418, { error: 'x' }, {}],
    ['a time that is no ISO 8601 time', 'GET', API_PATHS.testClock, 200, { now: 'Tuesday' }, {}],
    [
      'a required header missing',
      'POST',
      API_PATHS.sandboxes,
      201,
      { id: '5b1f6f8e-2f0c-4d8e-9a4b-2f3c1d0e9a7b', expiresAt: '2026-01-01T00:00:00.000Z' },
      {},
    ],
    ['an unlisted path served', 'GET', '/api/nowhere', 200, {}, {}],
    [
      'a 405 whose Allow is not the documented methods',
      'PATCH',
      API_PATHS.session,
      405,
      { error: 'x' },
      { Allow: 'GET' },
    ],
    ['a reason the document does not list', 'GET', REST, 403, { error: 'x', reason: 'because' }, {}],
  ])('refuses %s', (_, method, pathname, status, value, headers) => {
    expect(checked(method, pathname, jsonAnswer(status, value, headers), value)).toMatch(/./);
  });

  test('refuses a body of a media type the document does not list', () => {
    const page = new Response('<p>hi</p>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    expect(
      contract.check({
        method: 'GET',
        pathname: API_PATHS.session,
        response: page,
        text: '<p>hi</p>',
        json: undefined,
      }),
    ).toMatch(/not one the document lists/);
  });
});
