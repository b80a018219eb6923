// The production server on a free port, serving the real build in dist/ with the real API handler:
// in this process (status codes, methods, precompression, caching, headers, paths, health, logs),
// and built, as its own process (how it starts, logs and stops). One file, so the build that
// `ensureBuilt` may run is never run twice at once by parallel test files.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createSeedLibrary } from '../seed-files/seed-library.ts';
import { readSecurityHeaders, SECURITY_HEADERS_FILE } from '../vite-plugins/security-headers.ts';
import { createApiHandler } from '../server/handler.ts';
import {
  DIST,
  PRECOMPRESSED,
  ROOT,
  ensureBuilt,
  rawRequest,
  startBuiltServer,
  type BuiltServer,
} from './built-site.testing.ts';
import { createHost, type HostOptions } from './host.ts';
import { loadStaticSite } from './static-site.ts';
import type { Store } from '../server/store/store.ts';

let origin: string;
let proxiedOrigin: string;
let slug: string;
let asset: string;
const logged: string[] = [];
const servers: Server[] = [];

async function start(overrides: Partial<HostOptions>): Promise<string> {
  const library = createSeedLibrary(path.join(ROOT, 'seeds'), ROOT);
  const server = createHost({
    site: loadStaticSite(DIST, PRECOMPRESSED),
    api: createApiHandler({ findArticle: library.findArticle, testHooks: false }),
    store: { isReady: () => Promise.resolve(true) },
    securityHeaders: readSecurityHeaders(path.join(ROOT, SECURITY_HEADERS_FILE)),
    trustProxy: false,
    ...overrides,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  ensureBuilt();
  origin = await start({ log: (line) => logged.push(line) });
  proxiedOrigin = await start({ trustProxy: true });
  const articles = readdirSync(path.join(DIST, 'articles')).filter((name) => name.endsWith('.html'));
  slug = (articles[0] ?? '').replace(/\.html$/, '');
  asset = `/assets/${readdirSync(path.join(DIST, 'assets')).find((name) => name.endsWith('.js')) ?? ''}`;
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** The path a prerendered page was made for (scripts/prerender.mjs puts it on <html>). */
function madeFor(html: string): string | undefined {
  return /<html lang="en" data-path="([^"]*)"/.exec(html)?.[1];
}

describe('status codes', () => {
  test.each([
    ['/', 200, '/'],
    ['/login', 200, '/login'],
    ['/subscribe', 200, '/'], // an app route that is not prerendered: the shell renders it
    ['/lab', 200, '/'],
    ['/nope', 404, '/404'],
    ['/articles/nope', 404, '/404'],
    ['/articles', 404, '/404'],
  ])('GET %s → %i with the page made for %s', async (urlPath, status, page) => {
    const answer = await rawRequest(origin, urlPath);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(madeFor(answer.body.toString())).toBe(page);
    if (status === 404) expect(answer.body.toString()).toContain('Page not found');
  });

  test('an article → 200 with its own prerendered page', async () => {
    const answer = await rawRequest(origin, `/articles/${slug}`);
    expect(answer.status).toBe(200);
    expect(madeFor(answer.body.toString())).toBe(`/articles/${slug}`);
    expect(answer.body.equals(readFileSync(path.join(DIST, 'articles', `${slug}.html`)))).toBe(true);
  });
});

describe('Example ID, the mock identity provider', () => {
  test('/example-id/* reaches the API handler, with the security headers; its pages pass the CSP', async () => {
    const page = await rawRequest(origin, '/example-id/authorize?client_id=nobody');
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const html = page.body.toString();
    expect(html).toContain('<h1>Example ID cannot continue</h1>');
    // No inline script or style: the policy allows neither (its stylesheet is a route of its own).
    expect(html).not.toMatch(/<script|<style|style=/);
    expect(html).toContain('<link rel="stylesheet" href="/example-id/style.css">');
    const css = await rawRequest(origin, '/example-id/style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('its token endpoint takes a POSTed form; other paths near it are the static site’s', async () => {
    const token = await rawRequest(origin, '/example-id/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code',
    });
    expect(token.status).toBe(400);
    expect(JSON.parse(token.body.toString())).toMatchObject({ error: 'invalid_request' });
    expect((await rawRequest(origin, '/example-id')).status).toBe(404);
    expect((await rawRequest(origin, '/example-identity/token', { method: 'POST', body: '' })).status).toBe(405);
  });

  test('the start of a sign-in sends the browser to Example ID’s consent page', async () => {
    const started = await rawRequest(origin, '/api/oauth/example-id/start?next=%2Farticles%2Fx');
    expect(started.status).toBe(302);
    const location = new URL(String(started.headers.location));
    expect(location.pathname).toBe('/example-id/authorize');
    const consent = await rawRequest(origin, `${location.pathname}${location.search}`);
    expect(consent.status).toBe(200);
    expect(consent.body.toString()).toContain('<h1>Sign in to Lede with Example ID</h1>');
    expect(consent.body.toString()).not.toMatch(/<script|<style|style=/);
  });
});

describe('methods', () => {
  test.each(['/', '/login', '/nope', '/robots.txt', 'ASSET'])('HEAD %s: the GET headers, no body', async (urlPath) => {
    const target = urlPath === 'ASSET' ? asset : urlPath;
    const get = await rawRequest(origin, target, { headers: { 'Accept-Encoding': 'gzip' } });
    const head = await rawRequest(origin, target, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
    expect(head.status).toBe(get.status);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
  });

  test.each([
    ['POST', '/'],
    ['PUT', '/login'],
    ['DELETE', '/nope'],
    ['PATCH', '/robots.txt'],
    ['OPTIONS', '/'],
    ['POST', '/healthz'],
  ])('%s %s → 405, Allow: GET, HEAD', async (method, urlPath) => {
    const answer = await rawRequest(origin, urlPath, { method, body: method === 'OPTIONS' ? undefined : '{}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  test('the API takes its own methods; HEAD is passed to it, and gets no body', async () => {
    const post = await rawRequest(origin, '/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'x' }),
    });
    expect(post.status).toBe(401);
    const head = await rawRequest(origin, '/api/session', { method: 'HEAD' });
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expect(head.body.length).toBe(0);
    expect(head.headers['cache-control']).toBe('no-store');
  });
});

describe('precompressed at build time', () => {
  test.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br;q=0.1', 'br'], // our preference among what the client takes
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" → %s', async (accept, encoding) => {
    const target = `/articles/${slug}`;
    const answer = await rawRequest(origin, target, { headers: accept === '' ? {} : { 'Accept-Encoding': accept } });
    expect(answer.headers['content-encoding']).toBe(encoding);
    expect(answer.headers.vary).toBe('Accept-Encoding');
    const file = path.join(DIST, 'articles', `${slug}.html`);
    const copy = path.join(PRECOMPRESSED, 'articles', `${slug}.html`);
    // The very bytes the build wrote: nothing is compressed per request.
    const expected = readFileSync(encoding === 'br' ? `${copy}.br` : encoding === 'gzip' ? `${copy}.gz` : file);
    expect(answer.body.equals(expected)).toBe(true);
    const plain =
      encoding === 'br'
        ? brotliDecompressSync(answer.body)
        : encoding === 'gzip'
          ? gunzipSync(answer.body)
          : answer.body;
    expect(plain.equals(readFileSync(file))).toBe(true);
  });

  test('every page, script and stylesheet of the build has its brotli and gzip copies', () => {
    const copies = readdirSync(PRECOMPRESSED, { recursive: true, encoding: 'utf8' });
    const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' });
    const text = files.filter((name) => /\.(?:html|js|css)$/.test(name));
    expect(text.length).toBeGreaterThan(4);
    for (const file of text) expect(copies, file).toEqual(expect.arrayContaining([`${file}.br`, `${file}.gz`]));
    // dist/ stays the site as it is: the copies never sit among the files served by name.
    expect(files.filter((name) => /\.(?:br|gz)$/.test(name))).toEqual([]);
  });
});

describe('caching', () => {
  test('hashed assets are immutable for a year', async () => {
    const answer = await rawRequest(origin, asset);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test.each(['/', `/articles/SLUG`, '/data/index.json', '/favicon.svg'])(
    '%s: no-cache, and its ETag answers 304',
    async (urlPath) => {
      const target = urlPath.replace('SLUG', slug);
      for (const accept of ['br', 'gzip', 'identity']) {
        const first = await rawRequest(origin, target, { headers: { 'Accept-Encoding': accept } });
        expect(first.status).toBe(200);
        expect(first.headers['cache-control']).toBe('no-cache');
        const etag = first.headers.etag ?? '';
        expect(etag).toMatch(/^"[\w-]+"$/);
        const again = await rawRequest(origin, target, {
          headers: { 'Accept-Encoding': accept, 'If-None-Match': `"other", W/${etag}` },
        });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
        expect(again.headers.etag).toBe(etag);
        const stale = await rawRequest(origin, target, {
          headers: { 'Accept-Encoding': accept, 'If-None-Match': '"old"' },
        });
        expect(stale.status).toBe(200);
      }
    },
  );

  test('API answers are never stored', async () => {
    expect((await rawRequest(origin, '/api/session')).headers['cache-control']).toBe('no-store');
  });
});

describe('security headers', () => {
  const expected = (): Record<string, string> => readSecurityHeaders(path.join(ROOT, SECURITY_HEADERS_FILE));

  test('the build lists the ones every response needs', () => {
    const headers = expected();
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  });

  test.each([
    ['GET', '/'],
    ['GET', 'ASSET'],
    ['GET', '/nope'],
    ['POST', '/'],
    ['GET', '/api/session'],
    ['GET', '/api/nope'],
    ['GET', '/healthz'],
    ['GET', '/%zz'],
  ])('on %s %s', async (method, urlPath) => {
    const answer = await rawRequest(origin, urlPath === 'ASSET' ? asset : urlPath, { method });
    for (const [name, value] of Object.entries(expected()))
      expect(answer.headers[name.toLowerCase()], name).toBe(value);
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });

  const login = (target: string, headers: Record<string, string>) =>
    rawRequest(target, '/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'subscriber@example.com', password: 'read-all-about-it' }),
    });

  test('behind a trusted TLS proxy: HSTS, and the session cookie is Secure', async () => {
    const answer = await login(proxiedOrigin, { 'X-Forwarded-Proto': 'https' });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(answer.headers['set-cookie'])).toMatch(/; Secure/i);
    const page = await rawRequest(proxiedOrigin, '/', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test.each([
    ['a trusted proxy over plain HTTP', 'PROXIED', 'http'],
    ['an untrusted X-Forwarded-Proto', 'DIRECT', 'https'],
  ])('%s: no HSTS, no Secure', async (_name, which, proto) => {
    const answer = await login(which === 'PROXIED' ? proxiedOrigin : origin, { 'X-Forwarded-Proto': proto });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBeUndefined();
    expect(String(answer.headers['set-cookie'])).not.toMatch(/; Secure/i);
  });
});

describe('nothing outside the public build', () => {
  // Everything here would be a leak if served: the project, the build's configuration, seeds.
  const secrets = [
    readFileSync(path.join(ROOT, 'package.json'), 'utf8').slice(0, 60),
    '"X-Content-Type-Options": "nosniff"',
    'read-all-about-it',
  ];
  test.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/%252e%252e/package.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '//package.json',
    '//etc/passwd',
    '/../../../../etc/passwd',
    '/package.json',
    '/dist-host/security-headers.json',
    '/../dist-host/security-headers.json',
    '/.security-headers.json',
    '/seeds/',
    '/../seeds/',
    '/src/host/main.ts',
    '/index.html%00',
    '/index.html%00.json',
    '/%00',
    '/login/',
    '/articles/SLUG/',
    '/articles/SLUG.html/',
    '/articles/../login/',
    '/./login',
    '/assets/',
    '/assets',
    '/data/',
    '/index.html.br',
    '/articles/SLUG.html.br',
    '/dist-host/precompressed/index.html.br',
    '/robots.txt.gz',
    '/404.html',
    '/%',
    '/%zz',
  ])('%s is refused', async (rawPath) => {
    const answer = await rawRequest(origin, rawPath.replace('SLUG', slug));
    expect([400, 404]).toContain(answer.status);
    const body = answer.body.toString();
    for (const secret of secrets) expect(body).not.toContain(secret);
  });
});

describe('a simulated connection reset', () => {
  test('the API’s reset fault drops the connection before any answer; the server serves on', async () => {
    const faulty = await start({
      api: createApiHandler({ findArticle: () => undefined, testHooks: false }),
    });
    const reset = fetch(`${faulty}/api/session`, { headers: { 'Lede-Fault': 'kind=reset' } });
    await expect(reset).rejects.toThrow(TypeError);
    expect((await fetch(`${faulty}/api/session`)).status).toBe(200);
  });
});

describe('health', () => {
  test('/healthz and /readyz answer 200 while the store answers', async () => {
    for (const urlPath of ['/healthz', '/readyz']) {
      const answer = await rawRequest(origin, urlPath);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  test.each<[string, Store['isReady']]>([
    ['says no', () => Promise.resolve(false)],
    ['fails', () => Promise.reject(new Error('down'))],
  ])('/readyz answers 503 when the store %s', async (_name, isReady) => {
    const target = await start({ store: { isReady } });
    expect((await rawRequest(target, '/readyz')).status).toBe(503);
    expect((await rawRequest(target, '/healthz')).status).toBe(200);
  });
});

test('one JSON line per request: method, path (no query), status, ms', async () => {
  logged.length = 0;
  await rawRequest(origin, '/nope?token=secret');
  await rawRequest(origin, '/api/session');
  await expect.poll(() => logged.length).toBe(2);
  const lines = logged.map((line): unknown => JSON.parse(line));
  expect(lines).toEqual([
    expect.objectContaining({ method: 'GET', path: '/nope', status: 404, ms: expect.any(Number) }),
    expect.objectContaining({ method: 'GET', path: '/api/session', status: 200, ms: expect.any(Number) }),
  ]);
});

describe('the built server, as its own process', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  async function startServer(): Promise<BuiltServer> {
    const server = await startBuiltServer({ LEDE_LOG: 'requests', LEDE_TEST_HOOKS: '0' });
    child = server.process;
    return server;
  }

  test('SIGTERM: the slow login in flight is answered, then the process exits 0', async () => {
    const { origin, lines, exited } = await startServer();
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const started = Date.now();
    const login = fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'slow@example.com', password: 'read-all-about-it' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    child?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Stopped listening at once: a new connection is refused while the login is still running.
    await expect(fetch(`${origin}/healthz`, { headers: { Connection: 'close' } })).rejects.toThrow();
    const answer = await login;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ reader: { email: 'slow@example.com' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(await exited).toBe(0);
    const requests = lines
      .map((line): unknown => JSON.parse(line))
      .filter((line) => typeof line === 'object' && line !== null && 'method' in line);
    expect(requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/healthz', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/api/session', status: 200, ms: expect.any(Number) }),
    ]);
  }, 20_000);

  test('SIGINT on an idle server exits 0 at once', async () => {
    const { origin, exited } = await startServer();
    // A keep-alive connection left open must not hold the process.
    expect((await fetch(`${origin}/`)).status).toBe(200);
    const stopped = Date.now();
    child?.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(2000);
  }, 20_000);
});
