// `npm start` as a reader's browser meets it: the real vite.config.ts, a real dev server.
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
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

test('a request Node cannot turn into a Request (a malformed Host) gets 400 JSON, not a 500', async () => {
  const { port } = new URL(origin);
  const { status, body } = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
    const outgoing = request({ host: 'localhost', port, path: '/api/session', headers: { Host: 'localhost:99999' } });
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  expect(status).toBe(400);
  expect(JSON.parse(body)).toEqual({ error: 'The request could not be read.' });
});
