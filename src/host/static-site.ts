// The public build (dist/) as the production server serves it, read once at start: every file by
// its URL path, with its precompressed forms, ETags and caching. Only what is in this table is
// ever served, so a path that names anything else (outside dist, a dotfile, a spelling with
// `..` or `%2e%2e`) finds nothing: containment by construction, checked again for symlinks here.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Encoding } from './accept-encoding.ts';
import { NOT_FOUND_PAGE_PATH } from '../config/paths.ts';

export interface Representation {
  readonly body: Buffer;
  readonly etag: string;
}

export interface StaticFile {
  readonly contentType: string;
  readonly cacheControl: string;
  /** Always the file as it is; brotli and gzip when the build wrote them and they are smaller. */
  readonly representations: ReadonlyMap<Encoding, Representation>;
}

export interface StaticSite {
  /** A public file (`/assets/…`, `/data/…`, `/favicon.svg`) or prerendered page (`/`, `/login`, `/articles/<slug>`). */
  find(urlPath: string): StaticFile | undefined;
  /** What a route of the app that was not prerendered (`/subscribe`) gets: the app's shell. */
  readonly shell: StaticFile;
  /** The prerendered "Page not found", sent with 404. */
  readonly notFound: StaticFile;
}

/** Hashed by Vite: their name changes with their content, so they may be kept for ever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else may change at the next build: keep it, but ask (ETag → 304) before using it. */
const REVALIDATE = 'no-cache';
const NOT_FOUND_PAGE = `${NOT_FOUND_PAGE_PATH.slice(1)}.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const COMPRESSED: ReadonlyArray<[Encoding, string]> = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/**
 * publicDir is the site (dist/); precompressedDir holds its brotli and gzip copies by the same
 * relative paths plus `.br` / `.gz` (scripts/precompress.mjs), and is never served by its own names.
 */
export function loadStaticSite(publicDir: string, precompressedDir: string): StaticSite {
  const root = realpathSync(publicDir);
  const readStaticFile = (relative: string, missing?: string): StaticFile =>
    readFile(root, precompressedDir, relative, missing);
  const files = new Map<string, StaticFile>();
  const pages = new Map<string, StaticFile>();
  for (const relative of listFiles(root)) {
    const file = readStaticFile(relative);
    const urlPath = `/${relative}`;
    if (!relative.endsWith('.html')) files.set(urlPath, file);
    // One URL per page, without `.html`: `index.html` → `/`, `articles/x.html` → `/articles/x`.
    else if (relative !== NOT_FOUND_PAGE) pages.set(urlPath.replace(/(?:^|\/)index\.html$|\.html$/, '') || '/', file);
  }
  const shell = pages.get('/');
  const notFound = readStaticFile(NOT_FOUND_PAGE, `${root}: run \`npm run build\` first`);
  if (shell === undefined) throw new Error(`${root} has no index.html: run \`npm run build\` first.`);
  return { find: (urlPath) => files.get(urlPath) ?? pages.get(urlPath), shell, notFound };
}

/** Every servable file under root, as a `/`-separated relative path: no dotfiles, no symlinks out. */
function listFiles(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    // A symlink is followed only if it stays inside the build.
    const real = entry.isSymbolicLink() ? realpathSync(full) : full;
    if (real !== root && !real.startsWith(`${root}${path.sep}`)) continue;
    const stats = lstatSync(real);
    if (stats.isDirectory()) found.push(...listFiles(root, full));
    else if (stats.isFile()) found.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return found;
}

function readFile(root: string, precompressedDir: string, relative: string, missing?: string): StaticFile {
  const full = path.join(root, ...relative.split('/'));
  const copies = path.join(precompressedDir, ...relative.split('/'));
  let body: Buffer;
  try {
    body = readFileSync(full);
  } catch (error) {
    if (missing === undefined) throw error;
    throw new Error(`${relative} is missing in ${missing}.`, { cause: error });
  }
  // A strong validator per representation: the same bytes always give the same tag, across
  // restarts and servers, and the compressed forms differ from the plain one (RFC 9110 §8.8.3).
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const representations = new Map<Encoding, Representation>([['identity', { body, etag: `"${hash}"` }]]);
  for (const [encoding, suffix] of COMPRESSED) {
    const compressed = readOptional(`${copies}${suffix}`);
    if (compressed !== undefined && compressed.length < body.length) {
      representations.set(encoding, { body: compressed, etag: `"${hash}-${encoding}"` });
    }
  }
  return {
    contentType: CONTENT_TYPES[path.extname(relative).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
    representations,
  };
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
