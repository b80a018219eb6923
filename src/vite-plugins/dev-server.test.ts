// `npm start` as a reader's browser meets it: the real vite.config.ts, a real dev server.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seedFile = readdirSync(new URL('../../seeds', import.meta.url)).find((name) => name.endsWith('.txt'));

let server: ViteDevServer;
let origin: string;

/**
 * Files as an e2e run or a build leaves them (traces, reports, saved logins, the build), written
 * into the real project for this file's tests under a name no run uses, and removed afterwards.
 * Each holds a marker that must never come back.
 */
const MARKER = `gated-${randomUUID()}`;
const OUTPUT_DIRS = ['test-results', 'playwright-report', 'playwright/.auth', 'blob-report', 'dist'];
const outputName = `dev-server-test-${randomUUID()}.json`;
const createdDirs: string[] = [];

beforeAll(() => {
  for (const dir of OUTPUT_DIRS) {
    const created = mkdirSync(path.join(root, dir), { recursive: true });
    if (created !== undefined) createdDirs.push(created);
    writeFileSync(path.join(root, dir, outputName), JSON.stringify({ text: MARKER }));
  }
});

afterAll(() => {
  for (const dir of OUTPUT_DIRS) rmSync(path.join(root, dir, outputName), { force: true });
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

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

test.each([
  `/seeds/${seedFile}`,
  `/@fs${root}seeds/${seedFile}`,
  '/src/server/handler.session.test.ts',
  '/src/server/handler.testing.ts',
  '/e2e/seed.ts',
])('the dev server refuses to serve %s, which holds gated text', async (path) => {
  const response = await fetch(`${origin}${path}`);
  expect(response.status).toBe(403);
});

/** One GET with the path sent exactly as written (fetch would normalise dot segments and slashes). */
function getRaw(rawPath: string): Promise<{ status: number | undefined; text: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: 'localhost', port, path: rawPath, headers: { Accept: '*/*' } });
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode, text }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const spellingsOf = (file: string): string[] => [
  `/${file}`,
  `/@fs${root}${file}`,
  `/@fs/${root}${file}`,
  `/${file}?raw`,
  `/${file}?import`,
  `/${file}?url`,
  `//${file}`,
  `/${file.replace('/', '//')}`,
  `/./${file}`,
  `/src/../${file}`,
  `/src/%2e%2e/${file}`,
  `/src/%2E%2E/${file}`,
  `/src/.%2e/${file}`,
  `/src/..%2f${file}`,
  `/public/%2e%2e/${file}`,
  `/@fs${root}src/%2e%2e/${file}`,
  `/${file.replace(/^(.)/, (first) => `%${first.charCodeAt(0).toString(16)}`)}`,
  `/${file.replaceAll('.', '%2e')}`,
  `/${file.toUpperCase()}`,
];

test.each(OUTPUT_DIRS)(
  'the dev server refuses what a test run or build left in %s/, however the path is spelled',
  async (dir) => {
    const file = `${dir}/${outputName}`;
    const home = await getRaw('/');
    expect((await getRaw(`/${file}`)).status).toBe(403);
    expect((await getRaw(`/@fs${root}${file}`)).status).toBe(403);
    for (const spelling of spellingsOf(file)) {
      const { status, text } = await getRaw(spelling);
      expect(text, spelling).not.toContain(MARKER);
      // Refused, or the app's own page, which every unknown path gets (the SPA fallback).
      if (status === 200) expect(text, spelling).toBe(home.text);
      else expect([403, 404], spelling).toContain(status);
    }
  },
);

test.each([
  'package.json',
  'package-lock.json',
  'README.md',
  'scripts/prerender.mjs',
  'vite.config.ts',
  '.gitignore',
  'tsconfig.json',
])('the dev server refuses %s, which the app does not need', async (file) => {
  const home = await getRaw('/');
  expect((await getRaw(`/${file}`)).status).toBe(403);
  for (const spelling of spellingsOf(file)) {
    const { status, text } = await getRaw(spelling);
    if (status === 200) expect(text, spelling).toBe(home.text);
    else expect([403, 404], spelling).toContain(status);
  }
});

test('the dev server refuses git metadata and files outside the project', async () => {
  for (const spelling of [
    '/.git',
    '/.git/config',
    '/.git/HEAD',
    '/@fs/etc/passwd',
    '/@fs/etc/hostname?raw',
    `/@fs${path.dirname(root)}/`,
  ]) {
    const { status, text } = await getRaw(spelling);
    expect(text, spelling).not.toMatch(/\[core\]|gitdir:|ref: refs\/|root:x:0/);
    expect([200, 403, 404], spelling).toContain(status);
  }
});

test('the dev server serves the whole app: its page, Vite and React Refresh clients, every module and the data', async () => {
  const page = await fetch(`${origin}/`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<script type="module" src="/src/main.tsx"></script>');
  // Every module the app imports, from the entry down, as the browser would ask for them.
  const queue = ['/src/main.tsx', '/@vite/client', '/@react-refresh'];
  const seen = new Set<string>();
  const failed: string[] = [];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(`${origin}${url}`);
    if (response.status !== 200) failed.push(`${response.status} ${url}`);
    for (const [, imported] of (await response.text()).matchAll(/(?:\bimport|\bfrom)\s*\(?\s*"(\/[^"]+)"/g)) {
      if (imported !== undefined) queue.push(imported);
    }
  }
  expect(failed).toEqual([]);
  expect([...seen]).toEqual(
    expect.arrayContaining(['/src/app/App.tsx', expect.stringMatching(/^\/node_modules\/\.vite\/deps\/react\.js/)]),
  );
  for (const url of ['/favicon.svg', '/data/index.json'])
    expect((await fetch(`${origin}${url}`)).status, url).toBe(200);
});

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

test('through real HTTP, a body over 16 KB gets 413 JSON, whether declared or streamed', async () => {
  const huge = JSON.stringify({ email: 'subscriber@example.com', password: 'x'.repeat(1024 * 1024) });
  const declared = await fetch(`${origin}/api/session`, {
    method: 'POST',
    body: huge,
    headers: { 'Content-Type': 'application/json' },
  });
  expect(declared.status).toBe(413);
  expect(declared.headers.get('Cache-Control')).toBe('no-store');
  expect(await declared.json()).toEqual({ error: 'The request body is larger than 16384 bytes.' });

  const bytes = new TextEncoder().encode(huge);
  const chunked = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.byteLength; at += 4096) controller.enqueue(bytes.slice(at, at + 4096));
      controller.close();
    },
  });
  // Node needs `duplex` for a streamed body; the DOM typings do not know it yet.
  const init = { method: 'POST', body: chunked, headers: { 'Content-Type': 'application/json' }, duplex: 'half' };
  const streamed = await fetch(`${origin}/api/session`, init);
  expect(streamed.status).toBe(413);
});

test('through real HTTP, a session cookie that names no session reads as anonymous and is cleared', async () => {
  const response = await fetch(`${origin}/api/session`, {
    headers: { Cookie: 'lede_session=%E0%A4%A; lede_session=x' },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ reader: null });
  expect(response.headers.get('Set-Cookie')).toBe('lede_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
});

/** One request over `agent`; resolves with the status and body text. */
function send(
  agent: Agent,
  method: string,
  path: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number | undefined; text: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: 'localhost', port, path, method, agent, headers });
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

test.each<[string, string, string, Record<string, string>]>([
  ['a POST over 16 KB (413)', 'POST', '/api/session', { 'Content-Type': 'application/json' }],
  ['a POST over 16 KB to an unknown endpoint (404)', 'POST', '/api/nope', {}],
  ['a DELETE with a large body', 'DELETE', '/api/session', {}],
  ['a PUT with a large body (405)', 'PUT', '/api/session', {}],
])('after %s, the same keep-alive connection serves the next request', async (_name, method, path, headers) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await send(agent, method, path, new Uint8Array(1024 * 1024).fill(0x20), headers);
    expect(first.status).toBeLessThan(500);
    const next = await send(agent, 'GET', '/api/session', new Uint8Array());
    expect(next).toEqual({ status: 200, text: '{"reader":null}' });
  } finally {
    agent.destroy();
  }
});
