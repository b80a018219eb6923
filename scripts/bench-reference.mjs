// The reference `npm run bench:host` measures the production server against: a bare node:http
// server answering the benchmark's routes with the same bytes from memory (the article page and
// the entry script as brotli, the way the production server sends them to a browser), and the
// same API handler mounted with the same adapter — nothing else: no lookup table, no security
// headers, no validators, no log. Started by the benchmark as a child process; prints its port.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { createRequestListener } from '@remix-run/node-fetch-server';
import { importTypeScript } from './import-typescript.mjs';

const root = path.resolve(import.meta.dirname, '..');
const [articlePath, assetPath] = process.argv.slice(2);
if (articlePath === undefined || assetPath === undefined)
  throw new Error('usage: bench-reference.mjs <article> <asset>');

// The TypeScript handler, loaded once through Vite; after that it runs as plain functions.
const [{ createApiHandler }, { createSeedLibrary }] = await importTypeScript(
  '/src/server/handler.ts',
  '/src/seed-files/seed-library.ts',
);
const library = createSeedLibrary(path.join(root, 'seeds'), root);
const api = createRequestListener(createApiHandler({ findArticle: library.findArticle }));

const precompressed = (file) => readFileSync(path.join(root, 'dist-host', 'precompressed', `${file}.br`));
const pages = new Map([
  [articlePath, { body: precompressed(`${articlePath.slice(1)}.html`), type: 'text/html; charset=utf-8' }],
  [assetPath, { body: precompressed(assetPath.slice(1)), type: 'text/javascript; charset=utf-8' }],
]);

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  if (url.startsWith('/api/')) return void api(request, response);
  const page = pages.get(url);
  if (page === undefined) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': page.type, 'Content-Encoding': 'br', 'Content-Length': page.body.length });
  response.end(page.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 }));
});
