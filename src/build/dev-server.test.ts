// `npm start` as a reader's browser meets it: the real vite.config.ts, a real dev server.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seedFile = readdirSync(new URL('../../seeds', import.meta.url)).find((name) => name.endsWith('.txt'));

let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  server = await createServer({ root, logLevel: 'silent', server: { port: 0, strictPort: false } });
  await server.listen();
  const address = server.httpServer?.address();
  if (address === null || address === undefined || typeof address === 'string') throw new Error('no port');
  origin = `http://localhost:${address.port}`;
});

afterAll(async () => {
  await server.close();
});

test('the mock API answers on the dev server', async () => {
  const response = await fetch(`${origin}/api/session`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ reader: null });
});

test.each([`/seeds/${seedFile}`, `/@fs${root}seeds/${seedFile}`, '/src/server/handler.test.ts', '/e2e/seed.ts'])(
  'the dev server refuses to serve %s, which holds gated text',
  async (path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(403);
  },
);
