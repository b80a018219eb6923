// The bench's static reference answers like the production server: the page with the host's
// security headers at STATIC_PATH, the same bytes without them at BARE_PATH, and its temp folder
// gone once closed.
import { existsSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { chooseEncoding } from '../src/host/accept-encoding.ts';
import { BARE_PATH, STATIC_PATH, serveStaticReference, staticPageHtml } from './bench-static.mjs';

const securityHeaders = {
  'Content-Security-Policy': "default-src 'self'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};
const html = staticPageHtml(
  { headline: 'Placeholder headline', dateline: 'PLACEHOLDER', lead: 'Placeholder lead.', freeBody: ['Placeholder.'] },
  'body{margin:0}',
);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve() {
  const reference = await serveStaticReference({ html, chooseEncoding, host: '127.0.0.1', securityHeaders });
  close = reference.close;
  return reference;
}

test('the page carries the security headers; the bare copy has the same bytes without them', async () => {
  const reference = await serve();
  expect(new URL(reference.url).pathname).toBe(STATIC_PATH);
  expect(new URL(reference.bareUrl).pathname).toBe(BARE_PATH);
  const identity = { headers: { 'Accept-Encoding': 'identity' } };
  const page = await fetch(reference.url, identity);
  const bare = await fetch(reference.bareUrl, identity);
  for (const [name, value] of Object.entries(securityHeaders)) {
    expect(page.headers.get(name)).toBe(value);
    expect(bare.headers.get(name)).toBeNull();
  }
  for (const answer of [page, bare]) {
    expect(answer.headers.get('Cache-Control')).toBe('no-cache');
    expect(answer.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  }
  expect(await page.text()).toBe(html);
  expect(await bare.text()).toBe(html);
});

test('brotli when asked for, and nothing else is served', async () => {
  const reference = await serve();
  const answer = await fetch(reference.url, { headers: { 'Accept-Encoding': 'br' } });
  expect(answer.headers.get('Content-Encoding')).toBe('br');
  expect(answer.headers.get('Vary')).toBe('Accept-Encoding');
  expect(await answer.text()).toBe(html); // fetch decodes it
  const other = await fetch(new URL('/static.html', reference.url));
  expect(other.status).toBe(404);
  await other.arrayBuffer();
});

test('closing stops the server and deletes its folder', async () => {
  const reference = await serve();
  expect(existsSync(reference.folder)).toBe(true);
  await reference.close();
  close = undefined;
  expect(existsSync(reference.folder)).toBe(false);
  await expect(fetch(reference.url)).rejects.toThrow();
});
