// The API reference as a tool loads it from the production server: GET /api/openapi.json, an
// OpenAPI 3.1 document of every route. That each answer keeps to it is the unit suite's part
// (src/server/handler.property.test.ts); here, that the built server serves it whole.
import { expect, requireBaseURL, test } from './fixtures.ts';

test('the API reference lists every family of routes', async ({ request }) => {
  const response = await request.get('/api/openapi.json');
  expect(response.headers()['content-type']).toBe('application/json');
  const reference = (await response.json()) as { openapi: string; paths: Record<string, object> };
  expect(reference.openapi).toMatch(/^3\.1\.\d+$/);
  expect(Object.keys(reference.paths)).toEqual(
    expect.arrayContaining([
      '/api/session',
      '/api/articles/{slug}/rest',
      '/api/sandboxes/{id}',
      '/api/test/faults',
      '/api/sign-in-links',
      '/api/oauth/example-id/start',
      '/example-id/token',
      '/api/openapi.json',
    ]),
  );
});

test('it answers without a sandbox, the same document', async ({ request, playwright, baseURL }) => {
  const outside = await playwright.request.newContext({ baseURL: requireBaseURL(baseURL) });
  const plain = await (await outside.get('/api/openapi.json')).text();
  expect(await (await request.get('/api/openapi.json')).text()).toBe(plain);
  await outside.dispose();
});
