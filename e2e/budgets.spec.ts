// Byte budgets for the first anonymous view of every prerendered page (deterministic, so checked
// on every `npm test`; timings live in `npm run bench`). KB = 1,000 bytes, gzip at its default level.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

const DIST = path.join(import.meta.dirname, '..', 'dist');
const HTML_BUDGET = 14_000;
const JS_BUDGET = 90_000;

const gzipped = (file: string) => gzipSync(readFileSync(path.join(DIST, file))).length;

const pages = [
  'index.html',
  'login.html',
  ...readdirSync(path.join(DIST, 'articles')).map((name) => path.join('articles', name)),
];

for (const page of pages) {
  test(`${page}: HTML ≤ 14 KB gz, first-view JS ≤ 90 KB gz, nothing render-blocking`, () => {
    const html = readFileSync(path.join(DIST, page), 'utf8');
    expect(gzipped(page)).toBeLessThanOrEqual(HTML_BUDGET);

    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((match) => match[0]);
    const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1] ?? '');
    const sources = [...scripts.map((tag) => /src="([^"]+)"/.exec(tag)?.[1] ?? ''), ...preloads];
    expect(sources.length).toBeGreaterThan(0);
    const js = sources.reduce((total, source) => total + gzipped(source.slice(1)), 0);
    expect(js).toBeLessThanOrEqual(JS_BUDGET);

    // Render-blocking: a stylesheet link, or a classic script without defer/async/type=module.
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    for (const tag of scripts) expect(tag).toMatch(/type="module"|\bdefer\b|\basync\b/);
  });
}
