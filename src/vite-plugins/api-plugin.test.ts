// Where the default world's test hooks are served: on in the dev server, off in the production
// build's server, LEDE_TEST_HOOKS=1 or 0 saying otherwise; a sandbox has its own whatever it says.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { apiPlugin } from './api-plugin.ts';
import type { SeedLibrary } from '../seed-files/seed-library.ts';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const library: SeedLibrary = { dir: '', articles: () => [], findArticle: () => undefined, invalidate: () => undefined };
const servers: Server[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** The plugin mounted as Vite would mount it in a dev or preview server, on a free port. */
async function serve(kind: 'dev' | 'preview'): Promise<string> {
  const middlewares: Middleware[] = [];
  const stub = { middlewares: { use: (middleware: Middleware) => middlewares.push(middleware) } };
  const plugin = apiPlugin(library);
  const hook = kind === 'dev' ? plugin.configureServer : plugin.configurePreviewServer;
  if (typeof hook !== 'function') throw new Error(`no ${kind} hook`);
  // @ts-expect-error: a stub with only what the plugin uses, not a whole Vite server
  await hook.call(undefined, stub);
  const server = createServer((request, response) => {
    const notFound = (): void => {
      response.statusCode = 404;
      response.end();
    };
    if (middlewares[0] === undefined) notFound();
    else middlewares[0](request, response, notFound);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the default world’s test hooks', () => {
  test.each<['dev' | 'preview', string | undefined, number]>([
    ['dev', undefined, 200],
    ['dev', '0', 404],
    ['dev', '1', 200],
    ['preview', undefined, 404],
    ['preview', '0', 404],
    ['preview', '1', 200],
  ])('%s server, LEDE_TEST_HOOKS=%s: GET /api/test/clock answers %i', async (kind, value, status) => {
    if (value !== undefined) vi.stubEnv('LEDE_TEST_HOOKS', value);
    const origin = await serve(kind);
    expect((await fetch(`${origin}/api/test/clock`)).status).toBe(status);
    expect((await fetch(`${origin}/api/test/reset`, { method: 'POST' })).status).toBe(status);
  });

  test('with the hooks off, a sandbox still has its own', async () => {
    const origin = await serve('preview');
    const created = await fetch(`${origin}/api/sandboxes`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const clock = await fetch(`${origin}/api/test/clock`, { headers: { 'Lede-Sandbox': id } });
    expect(clock.status).toBe(200);
  });
});

describe('what the plugin sends to the API', () => {
  test.each(['dev', 'preview'] as const)(
    '%s server: /api/* and /example-id/* reach it; other paths pass on',
    async (kind) => {
      const origin = await serve(kind);
      const stylesheet = await fetch(`${origin}/example-id/style.css`);
      expect(stylesheet.status).toBe(200);
      expect(stylesheet.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
      const authorize = await fetch(`${origin}/example-id/authorize?client_id=nobody`);
      expect(authorize.status).toBe(400);
      expect(await authorize.text()).toContain('Example ID cannot continue');
      const token = await fetch(`${origin}/example-id/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password',
      });
      expect(await token.json()).toMatchObject({ error: 'unsupported_grant_type' });
      // Neither its prefix without the slash nor any other path is the API's.
      expect((await fetch(`${origin}/example-id`)).status).toBe(404);
      expect((await fetch(`${origin}/example-identity/authorize`)).status).toBe(404);
    },
  );
});
